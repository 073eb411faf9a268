import { formatDateTime } from '../format'

/** A one-time link just made: shown this once, for the maker to hand over. */
export interface OneTimeLinkView {
  /** What the link does, e.g. `Invitation for a@b.example`. */
  title: string
  url: string
  expiresAt: number
}

/**
 * A link shown once, with a copy button. There is no mail transport: the maker passes the link on
 * (in person, by chat, by their own email), and the page says so.
 */
export function OneTimeLink(props: OneTimeLinkView) {
  return (
    <section class="card" id="one-time-link">
      <h2 safe>{props.title}</h2>
      <p>
        Copy this link now and give it to the person yourself: it is shown only this once, and this system
        sends no email. It can be used once, until <span safe>{formatDateTime(props.expiresAt)}</span>.
      </p>
      <p>
        <input
          id="link-url"
          class="mono"
          readonly
          size="60"
          value={props.url}
          aria-label="The one-time link"
        />{' '}
        <button
          type="button"
          onclick="navigator.clipboard.writeText(document.getElementById('link-url').value).then(() => { this.textContent = 'Copied' })"
        >
          Copy
        </button>
      </p>
    </section>
  )
}
