import { Field, type FormState } from '../components'
import { Layout } from '../layout'
import { MemberDrivers, type MemberDriverView, QuickDriverForm } from './households'
import { CardForm, OwnedTokens, type OwnedTokenView } from './owned-tokens'
import { type Choice, FormMessages, type OrgChoice, OrgPicker, PeopleTabs, PostButton } from './people-tabs'

/** A business account as the list shows it. */
export interface BusinessListView {
  id: string
  name: string
  companyNumber: string | null
  billingEmail: string | null
}

/** Everything the business accounts page shows. */
export interface BusinessAccountsProps {
  operator: string
  rows: BusinessListView[]
  pager: JSX.Element
  search: string
  form: FormState
  orgs: { choices: OrgChoice[]; own: string }
}

/** The companies whose employees' charging is billed to them, searchable, with a form to add one. */
export function BusinessAccountsPage(p: BusinessAccountsProps) {
  return (
    <Layout title="Business accounts" operator={p.operator} active="people">
      <PeopleTabs active="business" />
      <h1>Business accounts</h1>
      <section class="card">
        <form method="get" action="/admin/business-accounts" class="inline">
          <Field label="Search by name, company number or billing email" name="search">
            <input name="search" value={p.search} maxlength="100" type="search" />
          </Field>
          <button type="submit">Search</button>
        </form>
        {p.rows.length ? (
          <table id="business-accounts">
            <thead>
              <tr>
                <th>Company</th>
                <th>Company number</th>
                <th>Billing email</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((b) => (
                <tr>
                  <td>
                    <a href={`/admin/business-accounts/${encodeURIComponent(b.id)}`} safe>
                      {b.name}
                    </a>
                  </td>
                  <td safe>{b.companyNumber ?? ''}</td>
                  <td safe>{b.billingEmail ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">{p.search ? 'No business account matches.' : 'No business accounts yet.'}</p>
        )}
        {/* the rendered Pager component: markup whose text it escaped itself */}
        {p.pager as 'safe'}
      </section>
      <section class="card" id="business-form">
        <h2>Add a business account</h2>
        <BusinessForm
          action="/admin/business-accounts"
          submit="Add business account"
          form={p.form}
          orgs={p.orgs}
        />
      </section>
    </Layout>
  )
}

/** A business account's fields: company name, company number, billing email. */
export function BusinessForm(p: {
  action: string
  submit: string
  form: FormState
  orgs?: { choices: OrgChoice[]; own: string }
}) {
  const v = p.form.values
  const e = p.form.errors
  return (
    <form method="post" action={p.action} class="inline">
      <FormMessages errors={e} notice={p.form.notice} />
      <Field label="Company" name="name" error={e.name}>
        <input name="name" value={v.name ?? ''} required maxlength="120" />
      </Field>
      <Field label="Company number" name="companyNumber" error={e.companyNumber} hint="e.g. 556677-8899">
        <input name="companyNumber" value={v.companyNumber ?? ''} maxlength="20" size="12" />
      </Field>
      <Field label="Billing email" name="billingEmail" error={e.billingEmail}>
        <input name="billingEmail" type="email" value={v.billingEmail ?? ''} maxlength="254" />
      </Field>
      {p.orgs ? (
        <OrgPicker choices={p.orgs.choices} value={v.organizationId ?? p.orgs.own} error={e.organizationId} />
      ) : (
        ''
      )}
      <button type="submit" class="primary" safe>
        {p.submit}
      </button>
    </form>
  )
}

/** Everything a business account's page shows. */
export interface BusinessAccountProps {
  operator: string
  account: { id: string; organizationId: string; name: string }
  costCentres: { code: string; name: string }[]
  employees: MemberDriverView[]
  tokens: OwnedTokenView[]
  groupChoices: Choice[]
  edit: FormState
  centre: FormState
  card: FormState
  removeError?: string
}

/** A business account: cost centres (add, remove), employees (add one here), its own cards, details, removal. */
export function BusinessAccountPage(p: BusinessAccountProps) {
  const b = p.account
  const base = `/admin/business-accounts/${encodeURIComponent(b.id)}`
  const ce = p.centre.errors
  return (
    <Layout title={b.name} operator={p.operator} active="people">
      <PeopleTabs active="business" />
      <p class="crumbs">
        <a href="/admin/business-accounts">Business accounts</a> /
      </p>
      <h1 safe>{b.name}</h1>
      <p>
        <a href={`/admin/buyers/business-account/${encodeURIComponent(b.id)}/billing`}>Invoicing details</a>
      </p>
      <section class="card" id="cost-centres">
        <h2>Cost centres</h2>
        <FormMessages errors={ce} notice={p.centre.notice} />
        {p.costCentres.length ? (
          <table>
            <thead>
              <tr>
                <th>Code</th>
                <th>Name</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {p.costCentres.map((c) => (
                <tr>
                  <td class="mono" safe>
                    {c.code}
                  </td>
                  <td safe>{c.name}</td>
                  <td>
                    <PostButton
                      action={`${base}/cost-centres/${encodeURIComponent(c.code)}/delete`}
                      label="Remove"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">No cost centres yet.</p>
        )}
        <form method="post" action={`${base}/cost-centres`} class="inline">
          <Field label="Code" name="code" error={ce.code}>
            <input name="code" value={p.centre.values.code ?? ''} required maxlength="32" size="8" />
          </Field>
          <Field label="Name" name="name" error={ce.name}>
            <input name="name" value={p.centre.values.name ?? ''} required maxlength="120" />
          </Field>
          <button type="submit" class="primary">
            Add cost centre
          </button>
        </form>
      </section>
      <section class="card" id="employees">
        <h2>Employees</h2>
        <MemberDrivers drivers={p.employees} empty="No employees yet." costCentres />
        <h3>Add an employee</h3>
        <QuickDriverForm
          hidden={{ businessAccountId: b.id, organizationId: b.organizationId }}
          form={{ values: {}, errors: {} }}
        />
      </section>
      <section class="card" id="business-tokens">
        <h2>The company's own cards</h2>
        <OwnedTokens tokens={p.tokens} empty="No cards of the company itself (its employees' are above)." />
        <h3>Add a card</h3>
        <CardForm action={`${base}/tokens`} form={p.card} groups={p.groupChoices} />
      </section>
      <section class="card" id="business-form">
        <h2>Details</h2>
        <BusinessForm action={base} submit="Save" form={p.edit} />
      </section>
      <section class="card" id="business-remove">
        <h2>Remove</h2>
        <FormMessages errors={p.removeError ? { form: p.removeError } : {}} />
        <p class="muted">
          A business account with employees or cards is not removed: move or block them first.
        </p>
        <PostButton action={`${base}/delete`} label="Remove business account" confirm={`Remove ${b.name}?`} />
      </section>
    </Layout>
  )
}
