import { Badge, Field, type FormState } from '../components'
import { Layout } from '../layout'
import { CardForm, OwnedTokens, type OwnedTokenView } from './owned-tokens'
import {
  type Choice,
  ChoiceSelect,
  FormMessages,
  type OrgChoice,
  OrgPicker,
  PeopleTabs,
  PostButton,
} from './people-tabs'

/** A household as the list shows it. */
export interface HouseholdListView {
  id: string
  apartment: string
  parkingSpace: string | null
  name: string | null
}

/** What the household form offers to choose from. */
export interface HouseholdChoices {
  sites: Choice[]
  /** Only on create: where the new household goes. */
  orgs?: { choices: OrgChoice[]; own: string }
}

/** Everything the households page shows. */
export interface HouseholdsProps {
  operator: string
  rows: HouseholdListView[]
  pager: JSX.Element
  search: string
  form: FormState
  choices: HouseholdChoices
}

/** The households (apartments with their parking spaces), searchable, with a form to add one. */
export function HouseholdsPage(p: HouseholdsProps) {
  return (
    <Layout title="Households" operator={p.operator} active="people">
      <PeopleTabs active="households" />
      <h1>Households</h1>
      <section class="card">
        <form method="get" action="/admin/households" class="inline">
          <Field label="Search by apartment, parking space or name" name="search">
            <input name="search" value={p.search} maxlength="100" type="search" />
          </Field>
          <button type="submit">Search</button>
        </form>
        {p.rows.length ? (
          <table id="households">
            <thead>
              <tr>
                <th>Apartment</th>
                <th>Parking space</th>
                <th>Name</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((h) => (
                <tr>
                  <td>
                    <a href={`/admin/households/${encodeURIComponent(h.id)}`} safe>
                      {h.apartment}
                    </a>
                  </td>
                  <td safe>{h.parkingSpace ?? ''}</td>
                  <td safe>{h.name ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">{p.search ? 'No household matches.' : 'No households yet.'}</p>
        )}
        {/* the rendered Pager component: markup whose text it escaped itself */}
        {p.pager as 'safe'}
      </section>
      <section class="card" id="household-form">
        <h2>Add a household</h2>
        <HouseholdForm action="/admin/households" submit="Add household" form={p.form} choices={p.choices} />
      </section>
    </Layout>
  )
}

/** A household's fields: apartment, parking space, name and site. */
export function HouseholdForm(p: {
  action: string
  submit: string
  form: FormState
  choices: HouseholdChoices
}) {
  const v = p.form.values
  const e = p.form.errors
  return (
    <form method="post" action={p.action} class="inline">
      <FormMessages errors={e} notice={p.form.notice} />
      <Field label="Apartment" name="apartment" error={e.apartment}>
        <input name="apartment" value={v.apartment ?? ''} required maxlength="16" size="8" />
      </Field>
      <Field label="Parking space" name="parkingSpace" error={e.parkingSpace}>
        <input name="parkingSpace" value={v.parkingSpace ?? ''} maxlength="16" size="8" />
      </Field>
      <Field label="Name (optional)" name="name" error={e.name}>
        <input name="name" value={v.name ?? ''} maxlength="120" />
      </Field>
      <Field label="Site" name="siteId" error={e.siteId}>
        <ChoiceSelect name="siteId" choices={p.choices.sites} value={v.siteId ?? ''} />
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

/** A driver of a household or business account, with its cards. */
export interface MemberDriverView {
  id: string
  name: string
  email: string | null
  costCentre?: string | null
  tokens: { uid: string; status: string }[]
}

/** Drivers with links to their pages and their cards as badges. */
export function MemberDrivers(p: { drivers: MemberDriverView[]; empty: string; costCentres?: boolean }) {
  if (p.drivers.length === 0)
    return (
      <p class="muted" safe>
        {p.empty}
      </p>
    )
  return (
    <table class="member-drivers">
      <thead>
        <tr>
          <th>Name</th>
          <th>Email</th>
          {p.costCentres ? <th>Cost centre</th> : ''}
          <th>Cards</th>
        </tr>
      </thead>
      <tbody>
        {p.drivers.map((d) => (
          <tr>
            <td>
              <a href={`/admin/drivers/${encodeURIComponent(d.id)}`} safe>
                {d.name}
              </a>
            </td>
            <td safe>{d.email ?? ''}</td>
            {p.costCentres ? <td safe>{d.costCentre ?? ''}</td> : ''}
            <td>
              {d.tokens.map((t) => (
                <Badge text={t.uid} tone={t.status === 'Accepted' ? 'ok' : 'bad'} title={t.status} />
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** A short form adding a driver straight into a household or business account. */
export function QuickDriverForm(p: { hidden: Record<string, string>; form: FormState }) {
  const v = p.form.values
  const e = p.form.errors
  return (
    <form method="post" action="/admin/drivers" class="inline" id="quick-driver">
      {Object.entries(p.hidden).map(([k, val]) => (
        <input type="hidden" name={k} value={val} />
      ))}
      <Field label="Name" name="name" error={e.name}>
        <input name="name" value={v.name ?? ''} required maxlength="120" />
      </Field>
      <Field label="Email (optional)" name="email" error={e.email}>
        <input name="email" type="email" value={v.email ?? ''} maxlength="254" />
      </Field>
      <button type="submit" class="primary">
        Add driver
      </button>
    </form>
  )
}

/** Everything a household's page shows. */
export interface HouseholdProps {
  operator: string
  household: { id: string; organizationId: string; apartment: string }
  drivers: MemberDriverView[]
  tokens: OwnedTokenView[]
  groupChoices: Choice[]
  edit: FormState
  card: FormState
  choices: HouseholdChoices
  removeError?: string
}

/** A household: its drivers (add one here), its own cards, its details, and removal. */
export function HouseholdPage(p: HouseholdProps) {
  const h = p.household
  const base = `/admin/households/${encodeURIComponent(h.id)}`
  return (
    <Layout title={`Apartment ${h.apartment}`} operator={p.operator} active="people">
      <PeopleTabs active="households" />
      <p class="crumbs">
        <a href="/admin/households">Households</a> /
      </p>
      <h1 safe>{`Apartment ${h.apartment}`}</h1>
      <p>
        <a href={`/admin/buyers/household/${encodeURIComponent(h.id)}/billing`}>Invoicing details</a>
      </p>
      <section class="card" id="household-drivers">
        <h2>Drivers</h2>
        <MemberDrivers drivers={p.drivers} empty="No drivers yet." />
        <h3>Add a driver to this household</h3>
        <QuickDriverForm
          hidden={{ householdId: h.id, organizationId: h.organizationId }}
          form={{ values: {}, errors: {} }}
        />
      </section>
      <section class="card" id="household-tokens">
        <h2>The household's own cards</h2>
        <OwnedTokens tokens={p.tokens} empty="No cards of the household itself (its drivers' are above)." />
        <h3>Add a card</h3>
        <CardForm action={`${base}/tokens`} form={p.card} groups={p.groupChoices} />
      </section>
      <section class="card" id="household-form">
        <h2>Details</h2>
        <HouseholdForm action={base} submit="Save" form={p.edit} choices={p.choices} />
      </section>
      <section class="card" id="household-remove">
        <h2>Remove</h2>
        <FormMessages errors={p.removeError ? { form: p.removeError } : {}} />
        <p class="muted">A household with drivers or cards is not removed: move or block them first.</p>
        <PostButton
          action={`${base}/delete`}
          label="Remove household"
          confirm={`Remove apartment ${h.apartment}?`}
        />
      </section>
    </Layout>
  )
}
