import type { PropsWithChildren } from '@kitajs/html'
import { Notice } from '../components'
import { Layout } from '../layout'
import type { Messages } from './messages'

/** The tabs of the driver's own pages. */
export type MeTab = 'now' | 'history' | 'cards' | 'plan' | 'household' | 'invoices'

const TABS: readonly { key: MeTab; href: string }[] = [
  { key: 'now', href: '/me' },
  { key: 'history', href: '/me/history' },
  { key: 'cards', href: '/me/cards' },
  { key: 'plan', href: '/me/plan' },
  { key: 'household', href: '/me/household' },
  { key: 'invoices', href: '/me/invoices' },
]

/** What every driver page shows around its content. */
export interface MeShellProps {
  m: Messages
  /** The signed-in email; absent on the sign-in pages. */
  email?: string
  active?: MeTab
  /** Where the language switch returns to. */
  self: string
}

/**
 * The language switch: a post that stores the choice in a cookie and returns to the page, as a whole
 * page load (not boosted: the document's own `lang` changes too).
 */
export function LanguageSwitch(props: { m: Messages; self: string }) {
  return (
    <form method="post" action="/me/language" class="driver-language" hx-boost="false">
      <input type="hidden" name="lang" value={props.m.lang === 'sv' ? 'en' : 'sv'} />
      <input type="hidden" name="back" value={props.self} />
      <button type="submit" class="link" safe>
        {props.m.otherLanguage}
      </button>
    </form>
  )
}

/** A driver page: mobile first, the tabs when signed in, the language switch and sign-out. */
export function MeShell(props: PropsWithChildren<MeShellProps>) {
  const { m } = props
  return (
    <Layout title={m.title} lang={m.lang}>
      <div class="driver me">
        <header class="driver-top">
          <strong safe>{m.title}</strong>
          <LanguageSwitch m={m} self={props.self} />
        </header>
        {props.email ? (
          <nav class="driver-tabs">
            {TABS.map((t) => (
              <a href={t.href} class={t.key === props.active ? 'active' : ''} safe>
                {m.tabs[t.key]}
              </a>
            ))}
          </nav>
        ) : (
          ''
        )}
        {props.children}
        {props.email ? (
          <footer class="driver-foot">
            <span class="muted small" safe>
              {props.email}
            </span>
            <form method="post" action="/me/sign-out">
              <button type="submit" class="link" safe>
                {m.signOut}
              </button>
            </form>
            <form method="post" action="/me/sign-out-everywhere">
              <button type="submit" class="link" safe>
                {m.signOutEverywhere}
              </button>
            </form>
          </footer>
        ) : (
          ''
        )}
      </div>
    </Layout>
  )
}

/** The sign-in page: an email, a link by mail. */
export function SignInPage(props: {
  m: Messages
  email: string
  notice?: { tone: 'ok' | 'bad'; text: string }
  error?: string
}) {
  const { m } = props
  return (
    <MeShell m={m} self="/me/sign-in">
      <section class="card" id="sign-in">
        <h1 safe>{m.signIn.heading}</h1>
        <p class="muted" safe>
          {m.signIn.intro}
        </p>
        {props.notice ? <Notice tone={props.notice.tone} text={props.notice.text} /> : ''}
        <form method="post" action="/me/sign-in">
          <label class={`field ${props.error ? 'has-error' : ''}`}>
            <span class="label" safe>
              {m.signIn.email}
            </span>
            <input name="email" type="email" value={props.email} autocomplete="email" required />
            {props.error ? (
              <span class="error" role="alert" safe>
                {props.error}
              </span>
            ) : (
              ''
            )}
          </label>
          <button type="submit" class="primary" safe>
            {m.signIn.send}
          </button>
        </form>
      </section>
    </MeShell>
  )
}

/**
 * The page a mailed link opens: a button that uses the link (a post), so a mail scanner that opens
 * links does not spend it.
 */
export function LinkPage(props: { m: Messages; secret: string; live: boolean }) {
  const { m } = props
  const action = `/me/link/${encodeURIComponent(props.secret)}`
  return (
    <MeShell m={m} self="/me/sign-in">
      <section class="card" id="sign-in-link">
        <h1 safe>{m.signIn.heading}</h1>
        {props.live ? (
          <form method="post" action={action}>
            <p safe>{m.signIn.confirm}</p>
            <button type="submit" class="primary" safe>
              {m.signIn.confirmButton}
            </button>
          </form>
        ) : (
          <>
            <Notice tone="bad" text={m.signIn.linkGone} />
            <p>
              <a href="/me/sign-in" safe>
                {m.signIn.send}
              </a>
            </p>
          </>
        )}
      </section>
    </MeShell>
  )
}
