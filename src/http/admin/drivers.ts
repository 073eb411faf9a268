import type { DriverRow } from '@src/db/repos/people'
import type { Seen } from '@src/db/repos/seen'
import type { Deps } from '@src/deps'
import type { Scope } from '@src/domain/tenancy/scope'
import { driverInput } from '@src/services/people-input'
import { DriverPage } from '@views/admin/driver'
import { type DriverChoices, DriversPage } from '@views/admin/drivers'
import type { FormState } from '@views/components'
import { Pager } from '@views/components'
import { Elysia } from 'elysia'
import { requireOperator } from './auth'
import { saveCard } from './owner-cards'
import { businessChoices, groupChoices, householdChoices, ownedTokenViews } from './people-choices'
import { offsetOf, orgChoices, pageHref, parseForm, refusalErrors, searchOf, seeOther } from './people-forms'
import { html } from './render'

const PAGE = 50
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
const blank = (): FormState => ({ values: {}, errors: {} })

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
    form = blank(),
    status = 200,
  ) => {
    const offset = offsetOf(query)
    const search = searchOf(query)
    const [{ rows, total }, c, orgs] = await Promise.all([
      people.listDrivers(scope, { limit: PAGE, offset, search }),
      choices(scope),
      orgChoices(deps, scope, 'drivers:write'),
    ])
    const tokens = await people.tokensOfDrivers(scope, rows)
    const byDriver = Map.groupBy(tokens, (t) => t.driverId ?? '')
    const pager = Pager({ total, limit: PAGE, offset, href: pageHref('/admin/drivers', search) })
    const views = rows.map((d) => ({
      id: d.id,
      name: d.name,
      email: d.email,
      apartment: d.apartment,
      parkingSpace: d.parkingSpace,
      tokens: (byDriver.get(d.id) ?? []).map((t) => ({ uid: t.uid, status: t.status })),
    }))
    return html(DriversPage({ operator, rows: views, pager, search, form, choices: { ...c, orgs } }), status)
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
        card: over.card ?? blank(),
        choices: c,
        ...(over.removeError ? { removeError: over.removeError } : {}),
      }),
      status,
    )
  }

  const missing = (id: string) =>
    html(`<p>No driver ${Bun.escapeHTML(id)}. <a href="/admin/drivers">Back to the drivers</a></p>`, 404)

  return new Elysia({ prefix: '/admin' })
    .use(requireOperator(deps))
    .get('/drivers', ({ query, scope, operator }) => list(scope!, operator!.email, query))
    .post('/drivers', async ({ body, query, scope, operator }) => {
      const form = parseForm(driverInput, body)
      if (!form.ok) return list(scope!, operator!.email, query, form, 400)
      const out = await edits.createDriver(scope!, form.data)
      if (!out.ok)
        return list(
          scope!,
          operator!.email,
          query,
          { values: form.values, errors: refusalErrors(out, DRIVER_FIELDS) },
          out.status,
        )
      return seeOther(`/admin/drivers/${encodeURIComponent(out.row.id)}`)
    })
    .get('/drivers/:id', async ({ params, scope, operator }) => {
      const d = await people.findDriver(scope!, params.id)
      if (!d) return missing(params.id)
      return detail(scope!, operator!.email, d)
    })
    .post('/drivers/:id', async ({ params, body, scope, operator }) => {
      const d = await people.findDriver(scope!, params.id)
      if (!d) return missing(params.id)
      const form = parseForm(driverInput, body)
      if (!form.ok) return detail(scope!, operator!.email, d, { edit: form }, 400)
      const out = await edits.updateDriver(scope!, params.id, form.data)
      if (!out.ok)
        return detail(
          scope!,
          operator!.email,
          d,
          { edit: { values: form.values, errors: refusalErrors(out, DRIVER_FIELDS) } },
          out.status,
        )
      return seeOther(`/admin/drivers/${encodeURIComponent(params.id)}`)
    })
    .post('/drivers/:id/delete', async ({ params, scope, operator }) => {
      const out = await edits.removeDriver(scope!, params.id)
      if (out.ok) return seeOther('/admin/drivers')
      const d = await people.findDriver(scope!, params.id)
      if (!d) return missing(params.id)
      return detail(scope!, operator!.email, d, { removeError: out.message }, out.status)
    })
    .post('/drivers/:id/tokens', async ({ params, body, scope, operator }) => {
      const d = await people.findDriver(scope!, params.id)
      if (!d) return missing(params.id)
      const out = await saveCard(
        deps,
        scope!,
        { organizationId: d.organizationId, kind: 'driver', id: d.id },
        body,
      )
      if (!out.ok) return detail(scope!, operator!.email, d, { card: out.form }, out.status)
      return seeOther(`/admin/drivers/${encodeURIComponent(d.id)}`)
    })
}
