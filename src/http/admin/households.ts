import type { HouseholdRow } from '@src/db/repos/people'
import type { Seen } from '@src/db/repos/seen'
import type { Deps } from '@src/deps'
import type { Scope } from '@src/domain/tenancy/scope'
import { householdInput } from '@src/services/people-input'
import { type HouseholdChoices, HouseholdPage, HouseholdsPage } from '@views/admin/households'
import { type FormState, Pager } from '@views/components'
import { Elysia } from 'elysia'
import { requireOperator } from './auth'
import { saveCard } from './owner-cards'
import { groupChoices, memberDriverViews, ownedTokenViews } from './people-choices'
import { offsetOf, orgChoices, pageHref, parseForm, refusalErrors, searchOf, seeOther } from './people-forms'
import { html } from './render'

const PAGE = 50
const FIELDS = ['apartment', 'parkingSpace', 'name', 'siteId', 'organizationId']
const blank = (): FormState => ({ values: {}, errors: {} })

const householdValues = (h: HouseholdRow): Record<string, string> => ({
  apartment: h.apartment,
  parkingSpace: h.parkingSpace ?? '',
  name: h.name ?? '',
  siteId: h.siteId ?? '',
})

/**
 * `/admin/households` (search, page, add) and `/admin/households/:id` (its drivers, a driver added
 * straight into it, its own cards, details, removal): co-op apartments billed together.
 */
export function householdsAdmin(deps: Deps) {
  const { people } = deps.scoped
  const edits = deps.services.peopleEdits

  /** The caller's sites (the service refuses one of another organization than the household's). */
  const siteChoices = async (scope: Scope): Promise<HouseholdChoices> => {
    const sites = await deps.scoped.sites.list(scope)
    return { sites: sites.map((s) => ({ value: s.id, label: s.name })) }
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
      people.listHouseholds(scope, { limit: PAGE, offset, search }),
      siteChoices(scope),
      orgChoices(deps, scope, 'drivers:write'),
    ])
    const pager = Pager({ total, limit: PAGE, offset, href: pageHref('/admin/households', search) })
    const views = rows.map((h) => ({
      id: h.id,
      apartment: h.apartment,
      parkingSpace: h.parkingSpace,
      name: h.name,
    }))
    return html(
      HouseholdsPage({ operator, rows: views, pager, search, form, choices: { ...c, orgs } }),
      status,
    )
  }

  const detail = async (
    scope: Scope,
    operator: string,
    h: Seen<HouseholdRow>,
    over: { edit?: FormState; card?: FormState; removeError?: string } = {},
    status = 200,
  ) => {
    const [members, owned, groups, c] = await Promise.all([
      people.membersOf('household', h),
      people.tokensOf('household', h),
      groupChoices(deps, scope, h.organizationId),
      siteChoices(scope),
    ])
    const [drivers, tokens] = await Promise.all([
      memberDriverViews(deps, scope, members),
      ownedTokenViews(deps, h, owned, groups),
    ])
    return html(
      HouseholdPage({
        operator,
        household: { id: h.id, organizationId: h.organizationId, apartment: h.apartment },
        drivers,
        tokens,
        groupChoices: groups,
        edit: over.edit ?? { values: householdValues(h), errors: {} },
        card: over.card ?? blank(),
        choices: c,
        ...(over.removeError ? { removeError: over.removeError } : {}),
      }),
      status,
    )
  }

  const missing = (id: string) =>
    html(
      `<p>No household ${Bun.escapeHTML(id)}. <a href="/admin/households">Back to the households</a></p>`,
      404,
    )

  return new Elysia({ prefix: '/admin' })
    .use(requireOperator(deps))
    .get('/households', ({ query, scope, operator }) => list(scope!, operator!.email, query))
    .post('/households', async ({ body, query, scope, operator }) => {
      const form = parseForm(householdInput, body)
      if (!form.ok) return list(scope!, operator!.email, query, form, 400)
      const out = await edits.createHousehold(scope!, form.data)
      if (!out.ok)
        return list(
          scope!,
          operator!.email,
          query,
          { values: form.values, errors: refusalErrors(out, FIELDS) },
          out.status,
        )
      return seeOther(`/admin/households/${encodeURIComponent(out.row.id)}`)
    })
    .get('/households/:id', async ({ params, scope, operator }) => {
      const h = await people.findHousehold(scope!, params.id)
      return h ? detail(scope!, operator!.email, h) : missing(params.id)
    })
    .post('/households/:id', async ({ params, body, scope, operator }) => {
      const h = await people.findHousehold(scope!, params.id)
      if (!h) return missing(params.id)
      const form = parseForm(householdInput, body)
      if (!form.ok) return detail(scope!, operator!.email, h, { edit: form }, 400)
      const out = await edits.updateHousehold(scope!, params.id, form.data)
      if (!out.ok)
        return detail(
          scope!,
          operator!.email,
          h,
          { edit: { values: form.values, errors: refusalErrors(out, FIELDS) } },
          out.status,
        )
      return seeOther(`/admin/households/${encodeURIComponent(params.id)}`)
    })
    .post('/households/:id/delete', async ({ params, scope, operator }) => {
      const out = await edits.removeHousehold(scope!, params.id)
      if (out.ok) return seeOther('/admin/households')
      const h = await people.findHousehold(scope!, params.id)
      if (!h) return missing(params.id)
      return detail(scope!, operator!.email, h, { removeError: out.message }, out.status)
    })
    .post('/households/:id/tokens', async ({ params, body, scope, operator }) => {
      const h = await people.findHousehold(scope!, params.id)
      if (!h) return missing(params.id)
      const owner = { organizationId: h.organizationId, kind: 'household', id: h.id } as const
      const out = await saveCard(deps, scope!, owner, body)
      if (!out.ok) return detail(scope!, operator!.email, h, { card: out.form }, out.status)
      return seeOther(`/admin/households/${encodeURIComponent(h.id)}`)
    })
}
