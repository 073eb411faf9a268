import type { BusinessAccountRow } from '@src/db/repos/people'
import type { Seen } from '@src/db/repos/seen'
import type { Deps } from '@src/deps'
import type { Scope } from '@src/domain/tenancy/scope'
import { businessAccountInput, costCentreInput } from '@src/services/people-input'
import { BusinessAccountPage, BusinessAccountsPage } from '@views/admin/business-accounts'
import { type FormState, Pager } from '@views/components'
import { Elysia } from 'elysia'
import { requireOperator } from './auth'
import { saveCard } from './owner-cards'
import { groupChoices, memberDriverViews, ownedTokenViews } from './people-choices'
import { offsetOf, orgChoices, pageHref, parseForm, refusalErrors, searchOf, seeOther } from './people-forms'
import { html } from './render'

const PAGE = 50
const FIELDS = ['name', 'companyNumber', 'billingEmail', 'organizationId']
const blank = (): FormState => ({ values: {}, errors: {} })

const businessValues = (b: BusinessAccountRow): Record<string, string> => ({
  name: b.name,
  companyNumber: b.companyNumber ?? '',
  billingEmail: b.billingEmail ?? '',
})

/** The fields of a business account as its update keeps them (only the cost centres change). */
const kept = (b: BusinessAccountRow) => ({
  name: b.name,
  companyNumber: b.companyNumber,
  billingEmail: b.billingEmail,
})

type Over = { edit?: FormState; centre?: FormState; card?: FormState; removeError?: string }

/**
 * `/admin/business-accounts` (search, page, add) and `/admin/business-accounts/:id` (cost centres
 * added and removed, employees with their cost centres, an employee added here, its own cards,
 * details, removal). Cost centre changes go through the people service's update, which refuses
 * removing one still booked.
 */
export function businessAccountsAdmin(deps: Deps) {
  const { people } = deps.scoped
  const edits = deps.services.peopleEdits

  const list = async (
    scope: Scope,
    operator: string,
    query: Record<string, unknown>,
    form = blank(),
    status = 200,
  ) => {
    const offset = offsetOf(query)
    const search = searchOf(query)
    const [{ rows, total }, orgs] = await Promise.all([
      people.listBusinessAccounts(scope, { limit: PAGE, offset, search }),
      orgChoices(deps, scope, 'drivers:write'),
    ])
    const pager = Pager({ total, limit: PAGE, offset, href: pageHref('/admin/business-accounts', search) })
    const views = rows.map((b) => ({
      id: b.id,
      name: b.name,
      companyNumber: b.companyNumber,
      billingEmail: b.billingEmail,
    }))
    return html(BusinessAccountsPage({ operator, rows: views, pager, search, form, orgs }), status)
  }

  const detail = async (
    scope: Scope,
    operator: string,
    b: Seen<BusinessAccountRow>,
    over: Over = {},
    status = 200,
  ) => {
    const [centres, members, owned, groups] = await Promise.all([
      people.costCentresOf(b),
      people.membersOf('business', b),
      people.tokensOf('business', b),
      groupChoices(deps, scope, b.organizationId),
    ])
    const [employees, tokens] = await Promise.all([
      memberDriverViews(deps, scope, members),
      ownedTokenViews(deps, b, owned, groups),
    ])
    return html(
      BusinessAccountPage({
        operator,
        account: { id: b.id, organizationId: b.organizationId, name: b.name },
        costCentres: centres.map((c) => ({ code: c.code, name: c.name })),
        employees,
        tokens,
        groupChoices: groups,
        edit: over.edit ?? { values: businessValues(b), errors: {} },
        centre: over.centre ?? blank(),
        card: over.card ?? blank(),
        ...(over.removeError ? { removeError: over.removeError } : {}),
      }),
      status,
    )
  }

  const missing = (id: string) =>
    html(
      `<p>No business account ${Bun.escapeHTML(id)}. <a href="/admin/business-accounts">Back to the business accounts</a></p>`,
      404,
    )
  const back = (id: string) => seeOther(`/admin/business-accounts/${encodeURIComponent(id)}`)

  return new Elysia({ prefix: '/admin' })
    .use(requireOperator(deps))
    .get('/business-accounts', ({ query, scope, operator }) => list(scope!, operator!.email, query))
    .post('/business-accounts', async ({ body, query, scope, operator }) => {
      const form = parseForm(businessAccountInput, body)
      if (!form.ok) return list(scope!, operator!.email, query, form, 400)
      const out = await edits.createBusinessAccount(scope!, form.data)
      if (!out.ok)
        return list(
          scope!,
          operator!.email,
          query,
          { values: form.values, errors: refusalErrors(out, FIELDS) },
          out.status,
        )
      return back(out.row.id)
    })
    .get('/business-accounts/:id', async ({ params, scope, operator }) => {
      const b = await people.findBusinessAccount(scope!, params.id)
      return b ? detail(scope!, operator!.email, b) : missing(params.id)
    })
    .post('/business-accounts/:id', async ({ params, body, scope, operator }) => {
      const b = await people.findBusinessAccount(scope!, params.id)
      if (!b) return missing(params.id)
      const form = parseForm(businessAccountInput, body)
      if (!form.ok) return detail(scope!, operator!.email, b, { edit: form }, 400)
      const { costCentres: _kept, ...fields } = form.data
      const out = await edits.updateBusinessAccount(scope!, params.id, fields)
      if (!out.ok)
        return detail(
          scope!,
          operator!.email,
          b,
          { edit: { values: form.values, errors: refusalErrors(out, FIELDS) } },
          out.status,
        )
      return back(params.id)
    })
    .post('/business-accounts/:id/delete', async ({ params, scope, operator }) => {
      const out = await edits.removeBusinessAccount(scope!, params.id)
      if (out.ok) return seeOther('/admin/business-accounts')
      const b = await people.findBusinessAccount(scope!, params.id)
      if (!b) return missing(params.id)
      return detail(scope!, operator!.email, b, { removeError: out.message }, out.status)
    })
    .post('/business-accounts/:id/cost-centres', async ({ params, body, scope, operator }) => {
      const b = await people.findBusinessAccount(scope!, params.id)
      if (!b) return missing(params.id)
      const form = parseForm(costCentreInput, body)
      if (!form.ok) return detail(scope!, operator!.email, b, { centre: form }, 400)
      const old = await people.costCentresOf(b)
      const costCentres = [
        ...old.filter((c) => c.code !== form.data.code).map((c) => ({ code: c.code, name: c.name })),
        form.data,
      ]
      const out = await edits.updateBusinessAccount(scope!, b.id, { ...kept(b), costCentres })
      if (!out.ok)
        return detail(
          scope!,
          operator!.email,
          b,
          { centre: { values: form.values, errors: refusalErrors(out, []) } },
          out.status,
        )
      return back(b.id)
    })
    .post('/business-accounts/:id/cost-centres/:code/delete', async ({ params, scope, operator }) => {
      const b = await people.findBusinessAccount(scope!, params.id)
      if (!b) return missing(params.id)
      const old = await people.costCentresOf(b)
      const costCentres = old
        .filter((c) => c.code !== params.code)
        .map((c) => ({ code: c.code, name: c.name }))
      const out = await edits.updateBusinessAccount(scope!, b.id, { ...kept(b), costCentres })
      if (!out.ok)
        return detail(
          scope!,
          operator!.email,
          b,
          { centre: { values: {}, errors: refusalErrors(out, []) } },
          out.status,
        )
      return back(b.id)
    })
    .post('/business-accounts/:id/tokens', async ({ params, body, scope, operator }) => {
      const b = await people.findBusinessAccount(scope!, params.id)
      if (!b) return missing(params.id)
      const owner = { organizationId: b.organizationId, kind: 'business', id: b.id } as const
      const out = await saveCard(deps, scope!, owner, body)
      if (!out.ok) return detail(scope!, operator!.email, b, { card: out.form }, out.status)
      return back(b.id)
    })
}
