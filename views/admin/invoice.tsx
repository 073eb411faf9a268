import { Field, type FormState, Notice } from '../components'
import { Layout } from '../layout'
import type { InvoiceDetailView, PartyView } from './billing-models'
import { StatusBadge } from './invoices'

function Party(p: { title: string; party: PartyView }) {
  return (
    <div class="party">
      <h3 safe>{p.title}</h3>
      <strong safe>{p.party.name}</strong>
      {p.party.lines.map((l) => (
        <div safe>{l}</div>
      ))}
    </div>
  )
}

/** The actions on an invoice: record a payment, record a reminder, credit it (confirmed by a tick). */
export function InvoiceActions(p: { invoice: InvoiceDetailView; form: FormState; canWrite: boolean }) {
  const i = p.invoice
  const base = `/admin/invoices/${encodeURIComponent(i.id)}`
  const f = p.form
  if (!p.canWrite || i.kind === 'credit') return ''
  return (
    <section class="card invoice-actions" id="invoice-actions">
      <h2>Actions</h2>
      {f.errors.form ? <Notice tone="bad" text={f.errors.form} /> : ''}
      <form method="post" action={`${base}/payments`} class="inline">
        <Field label="Paid on" name="paidOn" error={f.errors.paidOn}>
          <input type="date" name="paidOn" value={f.values.paidOn ?? ''} required />
        </Field>
        <Field label={`Amount (${i.currency})`} name="amount" error={f.errors.amount}>
          <input name="amount" inputmode="decimal" maxlength="16" value={f.values.amount ?? ''} required />
        </Field>
        <button type="submit" class="primary">
          Record payment
        </button>
      </form>
      <form method="post" action={`${base}/reminders`} class="inline">
        <button type="submit">Record reminder sent</button>
      </form>
      {i.creditNote ? (
        ''
      ) : (
        <form method="post" action={`${base}/credit`} class="inline">
          <Field label="Credit the whole invoice" name="confirm" error={f.errors.confirm}>
            <label>
              <input type="checkbox" name="confirm" value="yes" /> Yes, issue a credit note for every line
            </label>
          </Field>
          <button type="submit">Credit invoice</button>
        </form>
      )}
    </section>
  )
}

/** `/admin/invoices/:id`: an invoice or credit note as issued, where it stands, and its actions. */
export function InvoicePage(p: {
  operator: string
  invoice: InvoiceDetailView
  form: FormState
  canWrite: boolean
  status?: number
}) {
  const i = p.invoice
  return (
    <Layout title={i.title} operator={p.operator} active="billing">
      <p class="crumbs">
        <a href="/admin/invoices">Invoices</a> /
      </p>
      <h1 safe>{i.title}</h1>
      {p.form.notice ? <Notice tone="ok" text={p.form.notice} /> : ''}
      <p>
        <StatusBadge status={i.status} overdue={i.overdue} />{' '}
        <span class="invoice-outstanding" safe>{`left to pay ${i.outstanding} ${i.currency}`}</span>{' '}
        <a href={i.pdfHref} hx-boost="false">
          PDF
        </a>
      </p>
      {i.credits ? (
        <p>
          Credits invoice{' '}
          <a href={i.credits.href} safe>
            {i.credits.number}
          </a>
        </p>
      ) : (
        ''
      )}
      {i.creditNote ? (
        <p class="credited">
          Credited by{' '}
          <a href={i.creditNote.href} safe>
            {i.creditNote.number}
          </a>
        </p>
      ) : (
        ''
      )}
      <section class="card parties">
        <Party title="Seller" party={i.seller} />
        <Party title="Buyer" party={i.buyer} />
        <dl class="facts">
          {i.facts.map((f) => (
            <>
              <dt safe>{f.label}</dt>
              <dd safe>{f.value}</dd>
            </>
          ))}
        </dl>
      </section>
      <section class="card">
        <h2>Lines</h2>
        <div class="table-scroll">
          <table class="invoice-lines">
            <thead>
              <tr>
                <th>Session</th>
                <th>When</th>
                <th>Where</th>
                <th>What</th>
                <th>Energy</th>
                <th>Cost centre</th>
                <th>VAT %</th>
                <th>Excl. VAT</th>
                <th>VAT</th>
                <th>Incl. VAT</th>
              </tr>
            </thead>
            <tbody>
              {i.lines.map((l) => (
                <tr>
                  <td>
                    <a href={l.href} safe>
                      {l.cdrId}
                    </a>
                  </td>
                  <td safe>{l.when}</td>
                  <td safe>{l.where}</td>
                  <td safe>{l.description}</td>
                  <td class="num" safe>
                    {l.energy}
                  </td>
                  <td safe>{l.costCentre}</td>
                  <td class="num" safe>
                    {l.vatRate}
                  </td>
                  <td class="num" safe>
                    {l.exclVat}
                  </td>
                  <td class="num" safe>
                    {l.vat}
                  </td>
                  <td class="num" safe>
                    {l.inclVat}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <table class="vat-rows">
          <thead>
            <tr>
              <th>VAT rate</th>
              <th>Base</th>
              <th>VAT</th>
            </tr>
          </thead>
          <tbody>
            {i.vatRows.map((r) => (
              <tr>
                <td safe>{`${r.rate} %`}</td>
                <td class="num" safe>
                  {r.base}
                </td>
                <td class="num" safe>
                  {r.vat}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl class="facts invoice-totals">
          <dt>Total excl. VAT</dt>
          <dd safe>{`${i.totalExclVat} ${i.currency}`}</dd>
          <dt>VAT</dt>
          <dd safe>{`${i.totalVat} ${i.currency}`}</dd>
          <dt>Rounding (öresavrundning)</dt>
          <dd safe>{`${i.rounding} ${i.currency}`}</dd>
          <dt>{i.kind === 'credit' ? 'Total credited' : 'Total to pay'}</dt>
          <dd class="invoice-total" safe>{`${i.totalToPay} ${i.currency}`}</dd>
        </dl>
        {i.reverseCharge ? <p>Reverse charge: VAT to be accounted for by the recipient (art. 196).</p> : ''}
      </section>
      <section class="card">
        <h2>Payments</h2>
        {i.payments.length === 0 ? (
          <p class="muted">No payments recorded.</p>
        ) : (
          <ul class="payments">
            {i.payments.map((x) => (
              <li safe>{`${x.paidOn}: ${x.amount} ${i.currency} (recorded by ${x.by})`}</li>
            ))}
          </ul>
        )}
        <h2>Reminders</h2>
        {i.reminders.length === 0 ? (
          <p class="muted">No reminders sent.</p>
        ) : (
          <ul class="reminders">
            {i.reminders.map((r) => (
              <li safe>{`${r.sentAt} by ${r.by}`}</li>
            ))}
          </ul>
        )}
      </section>
      <InvoiceActions invoice={i} form={p.form} canWrite={p.canWrite} />
    </Layout>
  )
}
