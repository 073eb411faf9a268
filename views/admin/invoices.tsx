import { Badge, Field, type FormState } from '../components'
import { Layout } from '../layout'
import type { BillingChoice, InvoiceItemView } from './billing-models'
import { type KeyPageInfo, KeyPager, listLink } from './key-pager'

const STATUSES: BillingChoice[] = [
  { value: '', label: 'Any status' },
  { value: 'unpaid', label: 'Unpaid' },
  { value: 'reminded', label: 'Reminded' },
  { value: 'paid', label: 'Paid' },
]
const KINDS: BillingChoice[] = [
  { value: '', label: 'Invoices and credit notes' },
  { value: 'invoice', label: 'Invoices' },
  { value: 'credit', label: 'Credit notes' },
]

/** A status pill: paid, reminded, unpaid, overdue. */
export function StatusBadge(p: { status: string; overdue: boolean }) {
  if (p.overdue) return <Badge text={`${p.status}, overdue`} tone="bad" />
  return <Badge text={p.status} tone={p.status === 'paid' ? 'ok' : 'warn'} />
}

function Select(p: { name: string; choices: BillingChoice[]; value: string }) {
  return (
    <select name={p.name}>
      {p.choices.map((c) => (
        <option value={c.value} selected={c.value === p.value} safe>
          {c.label}
        </option>
      ))}
    </select>
  )
}

/** `/admin/invoices`: the scope's invoices and credit notes, filtered, with totals and downloads. */
export function InvoicesPage(p: {
  operator: string
  items: InvoiceItemView[]
  filter: FormState
  /** The sellers the operator may see; a choice only when there are several. */
  organizations: BillingChoice[]
  page: KeyPageInfo
  limit: number
  totals: string[]
}) {
  const v = (k: string) => p.filter.values[k] ?? ''
  const { run: _run, ...downloadFilter } = p.filter.values
  return (
    <Layout title="Invoices" operator={p.operator} active="billing">
      <h1>Invoices</h1>
      <p>
        <a href="/admin/billing">Billing profile and runs</a>
      </p>
      <form method="get" action="/admin/invoices" class="card invoice-filter">
        <Field label="Status" name="status" error={p.filter.errors.status}>
          <Select name="status" choices={STATUSES} value={v('status')} />
        </Field>
        <Field label="Period (month)" name="period" error={p.filter.errors.period}>
          <input type="month" name="period" value={v('period')} />
        </Field>
        <Field label="Buyer (name or id)" name="buyer" error={p.filter.errors.buyer}>
          <input name="buyer" maxlength="60" value={v('buyer')} />
        </Field>
        <Field label="Kind" name="kind" error={p.filter.errors.kind}>
          <Select name="kind" choices={KINDS} value={v('kind')} />
        </Field>
        {p.organizations.length > 1 ? (
          <Field label="Seller" name="org">
            <Select
              name="org"
              choices={[{ value: '', label: 'Every seller' }, ...p.organizations]}
              value={v('org')}
            />
          </Field>
        ) : (
          ''
        )}
        {v('run') ? <input type="hidden" name="run" value={v('run')} /> : ''}
        <button type="submit">Show</button>
      </form>
      <section class="card">
        <p class="invoice-totals">
          <strong safe>{`${p.page.total} documents`}</strong>
          {p.totals.length > 0 ? <span safe>{`, total to pay ${p.totals.join(', ')}`}</span> : ''}
        </p>
        <p class="downloads">
          <a href={listLink('/admin/invoices.csv', downloadFilter)} hx-boost="false">
            CSV (Excel)
          </a>{' '}
          <a href={listLink('/admin/invoices.sie', downloadFilter)} hx-boost="false">
            SIE 4I
          </a>
        </p>
        <div class="table-scroll">
          <table class="invoices">
            <thead>
              <tr>
                <th>Number</th>
                <th>Buyer</th>
                <th>Period</th>
                <th>Issued</th>
                <th>Due</th>
                <th>Total</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((i) => (
                <tr>
                  <td>
                    <a href={i.href} safe>
                      {i.kind === 'credit' ? `${i.number} (credit note)` : i.number}
                    </a>
                  </td>
                  <td safe>{i.buyer}</td>
                  <td safe>{i.period}</td>
                  <td safe>{i.issuedOn}</td>
                  <td safe>{i.dueOn}</td>
                  <td class="num" safe>
                    {i.total}
                  </td>
                  <td>
                    <StatusBadge status={i.status} overdue={i.overdue} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {p.items.length === 0 ? <p class="muted">No invoices match.</p> : ''}
        <KeyPager base="/admin/invoices" page={p.page} limit={p.limit} filter={p.filter.values} />
      </section>
    </Layout>
  )
}
