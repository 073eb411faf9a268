import type { HouseholdRow } from '@src/db/repos/people'
import type { Seen } from '@src/db/repos/seen'
import type { Deps } from '@src/deps'
import type { Scope } from '@src/domain/tenancy/scope'
import { householdInput } from '@src/services/people-input'
import { type HouseholdChoices, HouseholdPage, HouseholdsPage } from '@views/admin/households'
import type { FormState } from '@views/components'
import { groupChoices, memberDriverViews, ownedTokenViews } from './people-choices'
import { orgChoices } from './people-forms'
import { blankForm, listPaging, recordPages } from './record-pages'
import { html } from './render'

const FIELDS = ['apartment', 'parkingSpace', 'name', 'siteId', 'organizationId']

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
    form = blankForm(),
    status = 200,
  ) => {
    const { page, search, pager } = listPaging('/admin/households', query)
    const [{ rows, total }, c, orgs] = await Promise.all([
      people.listHouseholds(scope, page),
      siteChoices(scope),
      orgChoices(deps, scope, 'drivers:write'),
    ])
    const views = rows.map((h) => ({
      id: h.id,
      apartment: h.apartment,
      parkingSpace: h.parkingSpace,
      name: h.name,
    }))
    return html(
      HouseholdsPage({ operator, rows: views, pager: pager(total), search, form, choices: { ...c, orgs } }),
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
        card: over.card ?? blankForm(),
        choices: c,
        ...(over.removeError ? { removeError: over.removeError } : {}),
      }),
      status,
    )
  }

  return recordPages(deps, {
    path: 'households',
    noun: 'household',
    plural: 'households',
    input: householdInput,
    fields: FIELDS,
    find: (scope, id) => people.findHousehold(scope, id),
    list,
    detail,
    create: (scope, input) => edits.createHousehold(scope, input),
    update: (scope, h, input) => edits.updateHousehold(scope, h.id, input),
    remove: (scope, id) => edits.removeHousehold(scope, id),
    edited: (edit) => ({ edit }),
    removeRefused: (removeError) => ({ removeError }),
    cards: { kind: 'household', refused: (card) => ({ card }) },
  })
}
