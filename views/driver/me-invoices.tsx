import { MeShell } from './me-shell'
import type { Messages } from './messages'

/** An invoice or credit note as the driver's list shows it: no buyer ids, no organization. */
export interface DriverInvoiceView {
  number: string
  credit: boolean
  /** Billed to the driver's household rather than the driver. */
  household: boolean
  period: string
  dueOn: string
  total: string
  status: 'paid' | 'unpaid' | 'reminded'
  overdue: boolean
  pdfHref: string
}

/** The "Invoices" tab: the driver's own invoices and their households', each with its PDF. */
export function InvoicesPage(props: { m: Messages; email: string; invoices: DriverInvoiceView[] }) {
  const { m } = props
  const t = m.invoices
  return (
    <MeShell m={m} email={props.email} active="invoices" self="/me/invoices">
      <section class="card" id="invoices">
        <h1 safe>{t.heading}</h1>
        {props.invoices.length === 0 ? (
          <p class="muted" safe>
            {t.none}
          </p>
        ) : (
          <div class="table-scroll">
            <table class="driver-invoices">
              <thead>
                <tr>
                  <th safe>{t.number}</th>
                  <th safe>{t.period}</th>
                  <th safe>{t.dueOn}</th>
                  <th safe>{t.total}</th>
                  <th safe>{t.status}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {props.invoices.map((i) => (
                  <tr>
                    <td safe>
                      {[
                        i.number,
                        i.credit ? `(${t.creditNote})` : '',
                        i.household ? `· ${t.forHousehold}` : '',
                      ]
                        .filter((x) => x !== '')
                        .join(' ')}
                    </td>
                    <td safe>{i.period}</td>
                    <td safe>{i.dueOn}</td>
                    <td class="cost" safe>
                      {i.total}
                    </td>
                    <td safe>{i.overdue ? `${t.states[i.status]}, ${t.overdue}` : t.states[i.status]}</td>
                    <td>
                      <a href={i.pdfHref} hx-boost="false" safe>
                        {t.download}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </MeShell>
  )
}
