import { formatDateTime } from '../format'
import { Layout } from '../layout'

/** One audit entry as the page shows it: who did what to which thing, with what changed as JSON text. */
export interface AuditEntryView {
  at: number
  organizationId: string
  actor: string
  action: string
  entity: string
  entityId: string
  before: string
  after: string
}

/** Everything the audit page shows. */
export interface AuditPageProps {
  operator: string
  rows: AuditEntryView[]
  pager: JSX.Element
  /** The date filter as typed (`YYYY-MM-DD`), and its message when it was not a date. */
  filter: { from: string; to: string; error?: string }
  /** The CSV link for the same filter. */
  csvHref: string
}

/** The audit log of the caller's organizations, newest first, with a date filter and a CSV export. */
export function AuditPage(props: AuditPageProps) {
  return (
    <Layout title="Audit" operator={props.operator} active="audit">
      <h1>Audit log</h1>
      <form method="get" action="/admin/audit" class="card inline">
        <label>
          From <input type="date" name="from" value={props.filter.from} />
        </label>
        <label>
          Until <input type="date" name="to" value={props.filter.to} />
        </label>
        <button type="submit">Show</button>
        <a href={props.csvHref}>Export CSV</a>
        {props.filter.error ? (
          <p class="error" safe>
            {props.filter.error}
          </p>
        ) : (
          ''
        )}
      </form>
      <section class="card">
        {props.rows.length ? (
          <table>
            <thead>
              <tr>
                <th>When</th>
                <th>Organization</th>
                <th>Who</th>
                <th>What</th>
                <th>Which</th>
                <th>Before</th>
                <th>After</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((e) => (
                <tr>
                  <td safe>{formatDateTime(e.at)}</td>
                  <td safe>{e.organizationId}</td>
                  <td safe>{e.actor}</td>
                  <td safe>{e.action}</td>
                  <td class="mono" safe>{`${e.entity} ${e.entityId}`}</td>
                  <td class="mono" safe>
                    {e.before}
                  </td>
                  <td class="mono" safe>
                    {e.after}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">No changes recorded in this period.</p>
        )}
        {props.pager as 'safe'}
      </section>
    </Layout>
  )
}
