import type { FormState } from '../components'
import { Layout } from '../layout'
import { type DriverChoices, DriverForm } from './drivers'
import { CardForm, OwnedTokens, type OwnedTokenView } from './owned-tokens'
import { type Choice, FormMessages, PeopleTabs, PostButton } from './people-tabs'

/** Everything a driver's page shows. */
export interface DriverProps {
  operator: string
  driver: {
    id: string
    name: string
    organizationId: string
    household: { id: string; label: string } | null
    businessAccount: { id: string; label: string } | null
  }
  tokens: OwnedTokenView[]
  /** The groups the driver is directly in. */
  groups: Choice[]
  /** The organization's groups, for a new card. */
  groupChoices: Choice[]
  edit: FormState
  card: FormState
  choices: DriverChoices
  /** A refusal of the removal, if any. */
  removeError?: string
}

/** A driver: its details to edit, its cards (block, expiry, groups), its groups, and removal. */
export function DriverPage(p: DriverProps) {
  const d = p.driver
  const base = `/admin/drivers/${encodeURIComponent(d.id)}`
  return (
    <Layout title={d.name} operator={p.operator} active="people">
      <PeopleTabs active="drivers" />
      <p class="crumbs">
        <a href="/admin/drivers">Drivers</a> /
      </p>
      <h1 safe>{d.name}</h1>
      <p>
        <a href={`/admin/buyers/driver/${encodeURIComponent(d.id)}/billing`}>Invoicing details</a>
      </p>
      <p class="muted">
        {d.household ? (
          <>
            Household{' '}
            <a href={`/admin/households/${encodeURIComponent(d.household.id)}`} safe>
              {d.household.label}
            </a>
            .{' '}
          </>
        ) : (
          ''
        )}
        {d.businessAccount ? (
          <>
            Employee of{' '}
            <a href={`/admin/business-accounts/${encodeURIComponent(d.businessAccount.id)}`} safe>
              {d.businessAccount.label}
            </a>
            .
          </>
        ) : (
          ''
        )}
      </p>
      <section class="card" id="driver-tokens">
        <h2>Cards</h2>
        <OwnedTokens tokens={p.tokens} empty="No cards yet." />
        <h3>Add a card</h3>
        <CardForm action={`${base}/tokens`} form={p.card} groups={p.groupChoices} />
      </section>
      <section class="card" id="driver-groups">
        <h2>Groups</h2>
        {p.groups.length ? (
          <ul>
            {p.groups.map((g) => (
              <li>
                <a href={`/admin/groups/${encodeURIComponent(g.value)}`} safe>
                  {g.label}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">In no group of its own (its household, company or cards may be).</p>
        )}
      </section>
      <section class="card" id="driver-form">
        <h2>Details</h2>
        <DriverForm action={base} submit="Save" form={p.edit} choices={p.choices} />
      </section>
      <section class="card" id="driver-remove">
        <h2>Remove</h2>
        <FormMessages errors={p.removeError ? { form: p.removeError } : {}} />
        <p class="muted">A driver with cards is not removed: block or move the cards first.</p>
        <PostButton action={`${base}/delete`} label="Remove driver" confirm={`Remove ${d.name}?`} />
      </section>
    </Layout>
  )
}
