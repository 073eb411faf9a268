import { Badge, Field, type FormState } from '../components'
import { Layout } from '../layout'
import { type Choice, ChoiceSelect, FormMessages, type OrgChoice, OrgPicker, PeopleTabs } from './people-tabs'

/** A driver as one row of the drivers list shows it. */
export interface DriverListView {
  id: string
  name: string
  email: string | null
  apartment: string | null
  parkingSpace: string | null
  tokens: { uid: string; status: string }[]
}

/** What the driver form offers to choose from. */
export interface DriverChoices {
  households: Choice[]
  businessAccounts: Choice[]
  /** Only on create: where the new driver goes. */
  orgs?: { choices: OrgChoice[]; own: string }
}

/** Everything the drivers page shows. */
export interface DriversProps {
  operator: string
  rows: DriverListView[]
  pager: JSX.Element
  search: string
  form: FormState
  choices: DriverChoices
}

/** The drivers, searchable by name, email, apartment or card, with a form to add one. */
export function DriversPage(p: DriversProps) {
  return (
    <Layout title="Drivers" operator={p.operator} active="people">
      <PeopleTabs active="drivers" />
      <h1>Drivers</h1>
      <section class="card">
        <form method="get" action="/admin/drivers" class="inline">
          <Field label="Search by name, email, apartment or card" name="search">
            <input name="search" value={p.search} maxlength="100" type="search" />
          </Field>
          <button type="submit">Search</button>
        </form>
        {p.rows.length ? (
          <table id="drivers">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Apartment</th>
                <th>Parking</th>
                <th>Cards</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((d) => (
                <tr>
                  <td>
                    <a href={`/admin/drivers/${encodeURIComponent(d.id)}`} safe>
                      {d.name}
                    </a>
                  </td>
                  <td safe>{d.email ?? ''}</td>
                  <td safe>{d.apartment ?? ''}</td>
                  <td safe>{d.parkingSpace ?? ''}</td>
                  <td>
                    {d.tokens.map((t) => (
                      <Badge text={t.uid} tone={t.status === 'Accepted' ? 'ok' : 'bad'} title={t.status} />
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">{p.search ? 'No driver matches.' : 'No drivers yet.'}</p>
        )}
        {/* the rendered Pager component: markup whose text it escaped itself */}
        {p.pager as 'safe'}
      </section>
      <section class="card" id="driver-form">
        <h2>Add a driver</h2>
        <DriverForm action="/admin/drivers" submit="Add driver" form={p.form} choices={p.choices} />
      </section>
    </Layout>
  )
}

/** A driver's fields: name, contact, language, household, business account and cost centre. */
export function DriverForm(p: { action: string; submit: string; form: FormState; choices: DriverChoices }) {
  const v = p.form.values
  const e = p.form.errors
  return (
    <form method="post" action={p.action} class="inline">
      <FormMessages errors={e} notice={p.form.notice} />
      <Field label="Name" name="name" error={e.name}>
        <input name="name" value={v.name ?? ''} required maxlength="120" />
      </Field>
      <Field label="Email" name="email" error={e.email}>
        <input name="email" type="email" value={v.email ?? ''} maxlength="254" />
      </Field>
      <Field label="Phone" name="phone" error={e.phone}>
        <input name="phone" type="tel" value={v.phone ?? ''} maxlength="30" />
      </Field>
      <Field label="Language" name="language" error={e.language} hint="e.g. sv, en">
        <input name="language" value={v.language ?? ''} maxlength="20" size="5" />
      </Field>
      <Field label="Household" name="householdId" error={e.householdId}>
        <ChoiceSelect name="householdId" choices={p.choices.households} value={v.householdId ?? ''} />
      </Field>
      <Field label="Business account" name="businessAccountId" error={e.businessAccountId}>
        <ChoiceSelect
          name="businessAccountId"
          choices={p.choices.businessAccounts}
          value={v.businessAccountId ?? ''}
        />
      </Field>
      <Field label="Cost centre" name="costCentre" error={e.costCentre} hint="a code of the business account">
        <input name="costCentre" value={v.costCentre ?? ''} maxlength="32" size="8" />
      </Field>
      {p.choices.orgs ? (
        <OrgPicker
          choices={p.choices.orgs.choices}
          value={v.organizationId ?? p.choices.orgs.own}
          error={e.organizationId}
        />
      ) : (
        ''
      )}
      <button type="submit" class="primary" safe>
        {p.submit}
      </button>
    </form>
  )
}
