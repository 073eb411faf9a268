import type { DriverRow } from '@src/db/repos/people'
import type { Seen } from '@src/db/repos/seen'
import type { Deps } from '@src/deps'
import type { Scope } from '@src/domain/tenancy/scope'
import { driverInput } from '@src/services/people-input'
import { DriverPage } from '@views/admin/driver'
import { type DriverChoices, DriversPage } from '@views/admin/drivers'
import type { FormState } from '@views/components'
import { businessChoices, groupChoices, householdChoices, ownedTokenViews } from './people-choices'
import { orgChoices } from './people-forms'
import { blankForm, listPaging, recordPages } from './record-pages'
import { html } from './render'

const DRIVER_FIELDS = [
  'name',
  'email',
  'phone',
  'language',
  'householdId',
  'businessAccountId',
  'costCentre',
  'organizationId',
]

/** A driver row as its form's values. */
const driverValues = (d: DriverRow): Record<string, string> => ({
  name: d.name,
  email: d.email ?? '',
  phone: d.phone ?? '',
  language: d.language ?? '',
  householdId: d.householdId ?? '',
  businessAccountId: d.businessAccountId ?? '',
  costCentre: d.costCentre ?? '',
})

/**
 * `/admin/drivers` (search, page, add) and `/admin/drivers/:id` (details, cards with block, expiry and
 * groups, the driver's groups, removal). Reads go through the scoped repositories, changes through the
 * people and token services; a refused change re-renders its form with the message and what was typed.
 */
export function driversAdmin(deps: Deps) {
  const { people } = deps.scoped
  const edits = deps.services.peopleEdits

  const choices = async (scope: Scope, organizationId?: string): Promise<DriverChoices> => {
    const [households, businessAccounts] = await Promise.all([
      householdChoices(deps, scope, organizationId),
      businessChoices(deps, scope, organizationId),
    ])
    return { households, businessAccounts }
  }

  const list = async (
    scope: Scope,
    operator: string,
    query: Record<string, unknown>,
    form = blankForm(),
    status = 200,
  ) => {
    const { page, search, pager } = listPaging('/admin/drivers', query)
    const [{ rows, total }, c, orgs] = await Promise.all([
      people.listDrivers(scope, page),
      choices(scope),
      orgChoices(deps, scope, 'drivers:write'),
    ])
    const tokens = await people.tokensOfDrivers(scope, rows)
    const byDriver = Map.groupBy(tokens, (t) => t.driverId ?? '')
    const views = rows.map((d) => ({
      id: d.id,
      name: d.name,
      email: d.email,
      apartment: d.apartment,
      parkingSpace: d.parkingSpace,
      tokens: (byDriver.get(d.id) ?? []).map((t) => ({ uid: t.uid, status: t.status })),
    }))
    return html(
      DriversPage({ operator, rows: views, pager: pager(total), search, form, choices: { ...c, orgs } }),
      status,
    )
  }

  const detail = async (
    scope: Scope,
    operator: string,
    d: Seen<DriverRow>,
    over: { edit?: FormState; card?: FormState; removeError?: string } = {},
    status = 200,
  ) => {
    const [household, business, owned, groupIds, groups, c] = await Promise.all([
      d.householdId ? people.findHousehold(scope, d.householdId) : undefined,
      d.businessAccountId ? people.findBusinessAccount(scope, d.businessAccountId) : undefined,
      people.tokensOf('driver', d),
      deps.scoped.groups.groupsOf('driver', d, d.id),
      groupChoices(deps, scope, d.organizationId),
      choices(scope, d.organizationId),
    ])
    const tokens = await ownedTokenViews(deps, d, owned, groups)
    return html(
      DriverPage({
        operator,
        driver: {
          id: d.id,
          name: d.name,
          organizationId: d.organizationId,
          household: household
            ? {
                id: household.id,
                label: household.parkingSpace
                  ? `${household.apartment} (${household.parkingSpace})`
                  : household.apartment,
              }
            : null,
          businessAccount: business ? { id: business.id, label: business.name } : null,
        },
        tokens,
        groups: groups.filter((g) => groupIds.includes(g.value)),
        groupChoices: groups,
        edit: over.edit ?? { values: driverValues(d), errors: {} },
        card: over.card ?? blankForm(),
        choices: c,
        ...(over.removeError ? { removeError: over.removeError } : {}),
      }),
      status,
    )
  }

  return recordPages(deps, {
    path: 'drivers',
    noun: 'driver',
    plural: 'drivers',
    input: driverInput,
    fields: DRIVER_FIELDS,
    find: (scope, id) => people.findDriver(scope, id),
    list,
    detail,
    create: (scope, input) => edits.createDriver(scope, input),
    update: (scope, d, input) => edits.updateDriver(scope, d.id, input),
    remove: (scope, id) => edits.removeDriver(scope, id),
    edited: (edit) => ({ edit }),
    removeRefused: (removeError) => ({ removeError }),
    cards: { kind: 'driver', refused: (card) => ({ card }) },
  })
}
