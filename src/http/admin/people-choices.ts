import type { DriverRow } from '@src/db/repos/people'
import type { Seen } from '@src/db/repos/seen'
import type { TokenRow } from '@src/db/repos/tokens'
import type { Deps } from '@src/deps'
import type { Scope } from '@src/domain/tenancy/scope'
import type { MemberDriverView } from '@views/admin/households'
import type { OwnedTokenView } from '@views/admin/owned-tokens'
import type { Choice } from '@views/admin/people-tabs'
import { PICKER_LIMIT } from './people-forms'

const page = { limit: PICKER_LIMIT, offset: 0 }
const inOrg = (organizationId: string | undefined) => (r: { organizationId: string }) =>
  organizationId === undefined || r.organizationId === organizationId

/** The households a picker offers: the caller's (of one organization when given), by apartment. */
export async function householdChoices(deps: Deps, scope: Scope, organizationId?: string): Promise<Choice[]> {
  const { rows } = await deps.scoped.people.listHouseholds(scope, page)
  return rows.filter(inOrg(organizationId)).map((h) => ({
    value: h.id,
    label: [h.apartment, h.parkingSpace ? `parking ${h.parkingSpace}` : '', h.name ?? '']
      .filter(Boolean)
      .join(' · '),
  }))
}

/** The business accounts a picker offers, by name. */
export async function businessChoices(deps: Deps, scope: Scope, organizationId?: string): Promise<Choice[]> {
  const { rows } = await deps.scoped.people.listBusinessAccounts(scope, page)
  return rows.filter(inOrg(organizationId)).map((b) => ({ value: b.id, label: b.name }))
}

/** The drivers a picker offers, by name (with the apartment when they have one). */
export async function driverChoices(deps: Deps, scope: Scope, organizationId?: string): Promise<Choice[]> {
  const { rows } = await deps.scoped.people.listDrivers(scope, page)
  return rows
    .filter(inOrg(organizationId))
    .map((d) => ({ value: d.id, label: d.apartment ? `${d.name} (${d.apartment})` : d.name }))
}

/** The tokens a picker offers, by uid (with the label when they have one). */
export async function tokenChoices(deps: Deps, scope: Scope, organizationId?: string): Promise<Choice[]> {
  const { rows } = await deps.scoped.tokens.list(scope, page)
  return rows
    .filter(inOrg(organizationId))
    .map((t) => ({ value: t.uid, label: t.label ? `${t.uid} (${t.label})` : t.uid }))
}

/** The groups of an organization a picker offers, by name. */
export async function groupChoices(deps: Deps, scope: Scope, organizationId: string): Promise<Choice[]> {
  const rows = await deps.scoped.groups.of(scope, organizationId)
  return rows.map((g) => ({ value: g.id, label: g.name }))
}

/** Tokens owned by a seen row, each with the names of the groups it is directly in. */
export async function ownedTokenViews(
  deps: Deps,
  owner: Seen<{ organizationId: string }>,
  tokens: readonly TokenRow[],
  groups: readonly Choice[],
): Promise<OwnedTokenView[]> {
  const names = new Map(groups.map((g) => [g.value, g.label]))
  return Promise.all(
    tokens.map(async (t) => {
      const ids = await deps.scoped.groups.groupsOf('token', owner, t.uid)
      return {
        uid: t.uid,
        type: t.type,
        status: t.status,
        expiresAt: t.expiresAt,
        groups: ids.map((id) => names.get(id) ?? id),
      }
    }),
  )
}

/** A `datetime-local` value (read as UTC) as epoch ms; empty is none, nonsense is undefined. */
export function utcInstant(text: string | undefined): number | null | undefined {
  const s = (text ?? '').trim()
  if (s === '') return null
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s)) return undefined
  const ms = Date.parse(`${s}Z`)
  return Number.isNaN(ms) ? undefined : ms
}

/** Epoch ms as a `datetime-local` value in UTC (the form's way back). */
export const utcLocal = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().slice(0, 16))

/** The drivers of a household or business account with their cards (badges). */
export async function memberDriverViews(
  deps: Deps,
  scope: Scope,
  members: readonly DriverRow[],
): Promise<MemberDriverView[]> {
  const tokens = await deps.scoped.people.tokensOfDrivers(scope, members)
  const byDriver = Map.groupBy(tokens, (t) => t.driverId ?? '')
  return members.map((d) => ({
    id: d.id,
    name: d.name,
    email: d.email,
    costCentre: d.costCentre,
    tokens: (byDriver.get(d.id) ?? []).map((t) => ({ uid: t.uid, status: t.status })),
  }))
}
