import type { GroupMemberRow, GroupRow } from '@src/db/repos/groups'
import type { Seen } from '@src/db/repos/seen'
import type { Deps } from '@src/deps'
import type { Scope } from '@src/domain/tenancy/scope'
import { GROUP_KINDS, groupInput, memberInput } from '@src/services/people-input'
import { type Candidates, GroupPage, GroupsPage, type MemberView } from '@views/admin/groups'
import type { Choice } from '@views/admin/people-tabs'
import type { FormState } from '@views/components'
import { businessChoices, driverChoices, householdChoices, tokenChoices } from './people-choices'
import { orgChoices, parseForm } from './people-forms'
import { blankForm, listPaging, recordPages, recordResponses } from './record-pages'
import { html } from './render'

const FIELDS = ['name', 'kind', 'organizationId']

const hrefOf: Record<MemberView['kind'], (id: string) => string> = {
  driver: (id) => `/admin/drivers/${encodeURIComponent(id)}`,
  household: (id) => `/admin/households/${encodeURIComponent(id)}`,
  token: (id) => `/admin/tokens/${encodeURIComponent(id)}`,
  business: (id) => `/admin/business-accounts/${encodeURIComponent(id)}`,
}

/** The members with labels from the pickers' choices, and the choices left to add (pure). */
export function membersAndCandidates(
  members: readonly GroupMemberRow[],
  choices: Candidates,
): { members: MemberView[]; candidates: Candidates } {
  const taken = new Set(members.map((m) => `${m.memberKind} ${m.memberId}`))
  const labels = new Map(
    Object.entries(choices).flatMap(([kind, list]) =>
      list.map((c) => [`${kind} ${c.value}`, c.label] as const),
    ),
  )
  const left = (kind: MemberView['kind']): Choice[] =>
    choices[kind].filter((c) => !taken.has(`${kind} ${c.value}`))
  return {
    members: members.map((m) => {
      const kind = m.memberKind as MemberView['kind']
      const label = labels.get(`${kind} ${m.memberId}`)
      return { kind, id: m.memberId, label: label ?? m.memberId, href: hrefOf[kind](m.memberId) }
    }),
    candidates: {
      driver: left('driver'),
      household: left('household'),
      token: left('token'),
      business: left('business'),
    },
  }
}

/**
 * `/admin/groups` (search, page, add) and `/admin/groups/:id` (members of each kind added with a
 * picker of the group's organization and removed, name and kind, removal). Changes go through the group
 * service, which keeps members within the group's organization and a group a policy names.
 */
export function groupsAdmin(deps: Deps) {
  const { groups } = deps.scoped
  const edits = deps.services.groupEdits

  const list = async (
    scope: Scope,
    operator: string,
    query: Record<string, unknown>,
    form = blankForm(),
    status = 200,
  ) => {
    const { page, search, pager } = listPaging('/admin/groups', query)
    const [{ rows, total }, orgs] = await Promise.all([
      groups.list(scope, page),
      orgChoices(deps, scope, 'groups:write'),
    ])
    const views = rows.map((g) => ({ id: g.id, name: g.name, kind: g.kind, members: Number(g.members) }))
    return html(
      GroupsPage({ operator, rows: views, pager: pager(total), search, form, orgs, kinds: GROUP_KINDS }),
      status,
    )
  }

  const detail = async (
    scope: Scope,
    operator: string,
    g: Seen<GroupRow>,
    over: { edit?: FormState; error?: string } = {},
    status = 200,
  ) => {
    const org = g.organizationId
    const [rows, driver, household, token, business] = await Promise.all([
      groups.members(g),
      driverChoices(deps, scope, org),
      householdChoices(deps, scope, org),
      tokenChoices(deps, scope, org),
      businessChoices(deps, scope, org),
    ])
    const { members, candidates } = membersAndCandidates(rows, { driver, household, token, business })
    return html(
      GroupPage({
        operator,
        group: { id: g.id, name: g.name, kind: g.kind },
        members,
        candidates,
        kinds: GROUP_KINDS,
        edit: over.edit ?? { values: { name: g.name, kind: g.kind }, errors: {} },
        ...(over.error ? { error: over.error } : {}),
      }),
      status,
    )
  }

  const spec = { path: 'groups', noun: 'group', plural: 'groups' }
  const { missing, back } = recordResponses(spec)

  return recordPages(deps, {
    ...spec,
    input: groupInput,
    fields: FIELDS,
    find: (scope, id) => groups.find(scope, id),
    list,
    detail,
    create: (scope, input) => edits.create(scope, input),
    update: (scope, g, input) => edits.update(scope, g.id, input),
    remove: (scope, id) => edits.remove(scope, id),
    edited: (edit) => ({ edit }),
    removeRefused: (error) => ({ error }),
  })
    .post('/groups/:id/members', async ({ params, body, scope, operator }) => {
      const g = await groups.find(scope!, params.id)
      if (!g) return missing(params.id)
      const form = parseForm(memberInput, body)
      if (!form.ok)
        return detail(scope!, operator!.email, g, { error: Object.values(form.errors).join(' ') }, 400)
      const out = await edits.addMember(scope!, g.id, form.data.kind, form.data.id)
      if (!out.ok) return detail(scope!, operator!.email, g, { error: out.message }, out.status)
      return back(g.id)
    })
    .post('/groups/:id/members/:kind/:memberId/delete', async ({ params, scope, operator }) => {
      const g = await groups.find(scope!, params.id)
      if (!g) return missing(params.id)
      const kind = memberInput.shape.kind.safeParse(params.kind)
      if (!kind.success)
        return detail(scope!, operator!.email, g, { error: `no member kind ${params.kind}` }, 404)
      const out = await edits.removeMember(scope!, g.id, kind.data, params.memberId)
      if (!out.ok) return detail(scope!, operator!.email, g, { error: out.message }, out.status)
      return back(g.id)
    })
}
