import { Badge, Field, type FormState, Notice } from '../components'
import { Layout } from '../layout'
import type { BillingChoice, RunItemView, RunReportView } from './billing-models'

/** Everything `/admin/billing` shows. */
export interface BillingPageProps {
  operator: string
  /** The organizations the operator may see billing of; the chosen one's profile and runs are shown. */
  organizations: BillingChoice[]
  organizationId: string
  canWrite: boolean
  profile: FormState
  run: FormState
  report?: RunReportView | undefined
  runs: RunItemView[]
  pager: JSX.Element
}

const LANGUAGES: BillingChoice[] = [
  { value: 'sv', label: 'Swedish' },
  { value: 'en', label: 'English' },
]

function Text(p: { f: FormState; name: string; label: string; hint?: string; max?: number; mode?: string }) {
  return (
    <Field label={p.label} name={p.name} error={p.f.errors[p.name]} hint={p.hint}>
      <input
        name={p.name}
        value={p.f.values[p.name] ?? ''}
        maxlength={String(p.max ?? 120)}
        inputmode={p.mode}
        aria-invalid={p.f.errors[p.name] ? 'true' : undefined}
      />
    </Field>
  )
}

/** The seller's billing profile: what every invoice of the organization says about its seller. */
export function ProfileForm(p: { organizationId: string; form: FormState; canWrite: boolean }) {
  const f = p.form
  const v = (k: string) => f.values[k] ?? ''
  return (
    <form
      method="post"
      action="/admin/billing/profile"
      class="card billing-profile"
      id="billing-profile"
      hx-post="/admin/billing/profile"
      hx-target="#billing-profile"
      hx-swap="outerHTML"
    >
      <h2>Seller profile</h2>
      {f.notice ? <Notice tone="ok" text={f.notice} /> : ''}
      {f.errors.form ? <Notice tone="bad" text={f.errors.form} /> : ''}
      <input type="hidden" name="organizationId" value={p.organizationId} />
      <div class="form-grid">
        <Text f={f} name="legalName" label="Legal name" />
        <Text f={f} name="companyNumber" label="Organisation number" hint="e.g. 769600-1234" max={20} />
        <Text f={f} name="vatNumber" label="VAT number" hint="e.g. SE769600123401" max={16} />
        <Field label="Address (one line each)" name="addressLines" error={f.errors.addressLines}>
          <textarea name="addressLines" rows="3" maxlength="400" safe>
            {v('addressLines')}
          </textarea>
        </Field>
        <Text f={f} name="country" label="Country" hint="ISO code, e.g. SE" max={2} />
        <Text f={f} name="email" label="Billing email" max={200} />
        <Text f={f} name="bankgiro" label="Bankgiro" hint="e.g. 5050-1055" max={9} />
        <Text f={f} name="iban" label="IBAN" max={42} />
        <Text f={f} name="paymentTermsDays" label="Days to pay" max={3} mode="numeric" />
        <Text f={f} name="invoicePrefix" label="Number prefix" hint="e.g. 2026- gives 2026-000001" max={12} />
        <Field label="Language of invoices" name="language" error={f.errors.language}>
          <select name="language">
            {LANGUAGES.map((l) => (
              <option value={l.value} selected={l.value === v('language')} safe>
                {l.label}
              </option>
            ))}
          </select>
        </Field>
        <Text f={f} name="currency" label="Currency" hint="e.g. SEK" max={3} />
        <Text
          f={f}
          name="timeZone"
          label="Time zone"
          hint="periods and dates, e.g. Europe/Stockholm"
          max={64}
        />
      </div>
      {p.canWrite ? (
        <button type="submit" class="primary">
          Save profile
        </button>
      ) : (
        <p class="muted">You may read this profile; changing it needs billing:write.</p>
      )}
    </form>
  )
}

/** What a run did: the invoices, their totals, and what it left out with links to those CDRs. */
export function RunReport(p: { report: RunReportView }) {
  const r = p.report
  return (
    <div class="run-report" id="run-report">
      <h3 safe>{`Run ${r.id}: ${r.period}`}</h3>
      <p>
        <Badge text={r.outcome} tone={r.outcome === 'done' ? 'ok' : 'bad'} />{' '}
        <a href={r.invoicesHref} safe>{`${r.invoices} invoices issued`}</a>
        {r.totals.length > 0 ? <span safe>{`, to pay ${r.totals.join(', ')}`}</span> : ''}
      </p>
      {r.error ? <Notice tone="bad" text={r.error} /> : ''}
      {r.deferred > 0 ? (
        <p class="muted" safe>
          {`${r.deferred} buyers were already invoiced for this period: their new sessions go on their next invoice.`}
        </p>
      ) : (
        ''
      )}
      {r.leftOut.length === 0 ? (
        <p class="muted">Nothing was left out.</p>
      ) : (
        <ul class="left-out">
          {r.leftOut.map((l) => (
            <li>
              <strong safe>{`${l.label}: ${l.count}`}</strong>{' '}
              {l.cdrs.map((c) => (
                <>
                  <a href={c.href} safe>
                    {c.id}
                  </a>{' '}
                </>
              ))}
              {l.more > 0 ? <span class="muted" safe>{`and ${l.more} more`}</span> : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** "Run billing for month": the month (default the previous one), and the report of the run made. */
export function RunForm(p: {
  organizationId: string
  form: FormState
  canWrite: boolean
  report?: RunReportView | undefined
}) {
  return (
    <section class="card billing-run" id="billing-run">
      <h2>Run billing</h2>
      {p.canWrite ? (
        <form
          method="post"
          action="/admin/billing/runs"
          hx-post="/admin/billing/runs"
          hx-target="#billing-run"
          hx-swap="outerHTML"
          class="inline"
        >
          <input type="hidden" name="organizationId" value={p.organizationId} />
          <Field label="Month" name="month" error={p.form.errors.month}>
            <input type="month" name="month" value={p.form.values.month ?? ''} required />
          </Field>
          <button type="submit" class="primary">
            Run billing
          </button>
        </form>
      ) : (
        <p class="muted">Running billing needs billing:write.</p>
      )}
      {p.form.errors.form ? <Notice tone="bad" text={p.form.errors.form} /> : ''}
      {p.report ? <RunReport report={p.report} /> : ''}
    </section>
  )
}

/** `/admin/billing`: the seller profile, a billing run with its report, and the runs so far. */
export function BillingPage(p: BillingPageProps) {
  return (
    <Layout title="Billing" operator={p.operator} active="billing">
      <h1>Billing</h1>
      <p>
        <a href="/admin/invoices">Invoices</a>
      </p>
      {p.organizations.length > 1 ? (
        <form method="get" action="/admin/billing" class="inline">
          <Field label="Organization" name="org">
            <select name="org">
              {p.organizations.map((o) => (
                <option value={o.value} selected={o.value === p.organizationId} safe>
                  {o.label}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit">Show</button>
        </form>
      ) : (
        ''
      )}
      <ProfileForm organizationId={p.organizationId} form={p.profile} canWrite={p.canWrite} />
      <RunForm organizationId={p.organizationId} form={p.run} canWrite={p.canWrite} report={p.report} />
      <section class="card">
        <h2>Billing runs</h2>
        <div class="table-scroll">
          <table class="billing-runs">
            <thead>
              <tr>
                <th>Run</th>
                <th>Organization</th>
                <th>Period</th>
                <th>Outcome</th>
                <th>Invoices</th>
                <th>Left out</th>
                <th>Started</th>
              </tr>
            </thead>
            <tbody>
              {p.runs.map((r) => (
                <tr>
                  <td safe>{r.id}</td>
                  <td safe>{r.organizationId}</td>
                  <td safe>{r.period}</td>
                  <td>
                    <Badge text={r.outcome} tone={r.outcome === 'done' ? 'ok' : 'bad'} />
                  </td>
                  <td>
                    <a href={r.invoicesHref} safe>
                      {String(r.invoices)}
                    </a>
                  </td>
                  <td safe>{r.leftOut}</td>
                  <td safe>{`${r.startedAt} by ${r.startedBy}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {p.runs.length === 0 ? <p class="muted">No billing runs yet.</p> : ''}
        {p.pager as 'safe'}
      </section>
    </Layout>
  )
}
