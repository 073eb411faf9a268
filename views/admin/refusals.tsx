import { Badge } from '../components'

/** One refused request as the charger page shows it (a view model: no row reaches the view). */
export interface RefusalItem {
  /** When, in the site's zone, e.g. `2026-12-01 12:00:03`. */
  at: string
  uid: string
  /** `authorize`, `start` or `remoteStart`, in words. */
  purpose: string
  /** The status decided, in 2.0.1 words. */
  status: string
  /** What a 1.6 charger was told instead (`Blocked`, `Invalid`), when it differs. */
  told: string | null
  explanation: string[]
}

/** The "Refused" panel's view model. */
export interface RefusalsView {
  chargerId: string
  timeZone: string
  items: RefusalItem[]
  /** How many refusals the charger has in all (the panel shows the newest). */
  total: number
}

/**
 * The "Refused" panel beside a charger's sessions: the newest refused Authorize, start and remote
 * start requests, each with the token, the status and the access evaluator's explanation, so an
 * operator can answer "why could I not charge?" without reading logs. Refreshed in place by htmx.
 */
export function RefusalsPanel(props: RefusalsView) {
  const url = `/admin/chargers/${encodeURIComponent(props.chargerId)}/refusals`
  return (
    <section class="card" id="refusals">
      <h2>Refused</h2>
      <p class="muted">
        <span safe>
          {props.total > props.items.length
            ? `The newest ${props.items.length} of ${props.total}; times in ${props.timeZone}.`
            : `Times in ${props.timeZone}.`}
        </span>{' '}
        <button type="button" hx-get={url} hx-target="#refusals" hx-swap="outerHTML">
          Refresh
        </button>
      </p>
      {props.items.length === 0 ? (
        <p class="muted">No refused card or start at this charger.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Time</th>
              <th>Token</th>
              <th>Status</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((r) => (
              <tr>
                <td class="muted" safe>
                  {r.at}
                </td>
                <td>
                  <code safe>{r.uid}</code>
                  <br />
                  <span class="muted" safe>
                    {r.purpose}
                  </span>
                </td>
                <td>
                  <Badge text={r.status} tone="bad" />
                  {r.told ? (
                    <span class="muted" safe>
                      {` 1.6: ${r.told}`}
                    </span>
                  ) : (
                    ''
                  )}
                </td>
                <td>
                  {r.explanation.map((line) => (
                    <div safe>{line}</div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
