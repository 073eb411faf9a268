import type { BusinessAccountRow } from '@src/db/repos/people'
import type { Seen } from '@src/db/repos/seen'
import type { Deps } from '@src/deps'
import type { Scope } from '@src/domain/tenancy/scope'
import { businessAccountInput, costCentreInput } from '@src/services/people-input'
import { BusinessAccountPage, BusinessAccountsPage } from '@views/admin/business-accounts'
import type { FormState } from '@views/components'
import { groupChoices, memberDriverViews, ownedTokenViews } from './people-choices'
import { orgChoices, parseForm, refusalErrors } from './people-forms'
import { blankForm, listPaging, recordPages, recordResponses } from './record-pages'
import { html } from './render'

const FIELDS = ['name', 'companyNumber', 'billingEmail', 'organizationId']

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
    form = blankForm(),
    status = 200,
  ) => {
    const { page, search, pager } = listPaging('/admin/business-accounts', query)
    const [{ rows, total }, orgs] = await Promise.all([
      people.listBusinessAccounts(scope, page),
      orgChoices(deps, scope, 'drivers:write'),
    ])
    const views = rows.map((b) => ({
      id: b.id,
      name: b.name,
      companyNumber: b.companyNumber,
      billingEmail: b.billingEmail,
    }))
    return html(
      BusinessAccountsPage({ operator, rows: views, pager: pager(total), search, form, orgs }),
      status,
    )
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
        centre: over.centre ?? blankForm(),
        card: over.card ?? blankForm(),
        ...(over.removeError ? { removeError: over.removeError } : {}),
      }),
      status,
    )
  }

  const spec = {
    path: 'business-accounts',
    noun: 'business account',
    plural: 'business accounts',
  }
  const { missing, back } = recordResponses(spec)

  /** Saves a business account's cost centres; a refusal shows on the cost centre form with what was typed. */
  const saveCentres = async (
    scope: Scope,
    operator: string,
    b: Seen<BusinessAccountRow>,
    costCentres: { code: string; name: string }[],
    typed: Record<string, string>,
  ) => {
    const out = await edits.updateBusinessAccount(scope, b.id, { ...kept(b), costCentres })
    if (out.ok) return back(b.id)
    const centre = { values: typed, errors: refusalErrors(out, []) }
    return detail(scope, operator, b, { centre }, out.status)
  }

  return recordPages(deps, {
    ...spec,
    input: businessAccountInput,
    fields: FIELDS,
    find: (scope, id) => people.findBusinessAccount(scope, id),
    list,
    detail,
    create: (scope, input) => edits.createBusinessAccount(scope, input),
    update: (scope, b, { costCentres: _kept, ...fields }) => edits.updateBusinessAccount(scope, b.id, fields),
    remove: (scope, id) => edits.removeBusinessAccount(scope, id),
    edited: (edit) => ({ edit }),
    removeRefused: (removeError) => ({ removeError }),
    cards: { kind: 'business', refused: (card) => ({ card }) },
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
      return saveCentres(scope!, operator!.email, b, costCentres, form.values)
    })
    .post('/business-accounts/:id/cost-centres/:code/delete', async ({ params, scope, operator }) => {
      const b = await people.findBusinessAccount(scope!, params.id)
      if (!b) return missing(params.id)
      const old = await people.costCentresOf(b)
      const costCentres = old
        .filter((c) => c.code !== params.code)
        .map((c) => ({ code: c.code, name: c.name }))
      return saveCentres(scope!, operator!.email, b, costCentres, {})
    })
}
