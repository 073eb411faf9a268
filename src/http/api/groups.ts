import { MEMBER_KINDS } from '@src/db/repos/groups'
import type { Deps } from '@src/deps'
import { groupInput, memberInput } from '@src/services/people-input'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiScoped, notFound, refused } from './guard'
import { groupJson, memberJson } from './people-present'

const idParam = z.object({ id: z.string().min(1).max(64) })
const memberParam = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(MEMBER_KINDS),
  memberId: z.string().min(1).max(64),
})

/** `/api/v1/groups`: named groups (residents, visitors, employees, …) of drivers, households, tokens, companies. */
export function groupsApi(deps: Deps) {
  const { groups } = deps.scoped
  const edits = deps.services.groupEdits
  return new Elysia({ prefix: '/groups', detail: { tags: ['Groups'] } })
    .use(apiScoped(deps))
    .get(
      '',
      async ({ query, scope }) => {
        const { rows, total } = await groups.list(scope, query)
        return { items: rows.map(groupJson), total }
      },
      {
        query: z.object({
          search: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        detail: { summary: 'List groups with their member counts' },
      },
    )
    .get(
      '/:id',
      async ({ params, set, scope }) => {
        const g = await groups.find(scope, params.id)
        if (!g) return notFound(set, `no group ${params.id}`)
        return { ...groupJson(g), members: (await groups.members(g)).map(memberJson) }
      },
      { params: idParam, detail: { summary: 'Get a group with its members' } },
    )
    .post(
      '',
      async ({ body, set, scope }) => {
        const out = await edits.create(scope, body)
        if (!out.ok) return refused(set, out)
        set.status = 201
        return groupJson(out.row)
      },
      { body: groupInput, detail: { summary: 'Create a group, e.g. {"name":"Visitors","kind":"visitors"}' } },
    )
    .put(
      '/:id',
      async ({ params, body, set, scope }) => {
        const out = await edits.update(scope, params.id, body)
        return out.ok ? groupJson(out.row) : refused(set, out)
      },
      { params: idParam, body: groupInput, detail: { summary: 'Rename a group or change its kind' } },
    )
    .delete(
      '/:id',
      async ({ params, set, scope }) => {
        const out = await edits.remove(scope, params.id)
        if (!out.ok) return refused(set, out)
        set.status = 204
      },
      { params: idParam, detail: { summary: 'Remove a group (409 while an access policy names it)' } },
    )
    .post(
      '/:id/members',
      async ({ params, body, set, scope }) => {
        const out = await edits.addMember(scope, params.id, body.kind, body.id)
        if (!out.ok) return refused(set, out)
        set.status = 201
        return memberJson(out.row)
      },
      {
        params: idParam,
        body: memberInput,
        detail: {
          summary:
            'Add a member, e.g. {"kind":"token","id":"04A2B3C4"} (kind: driver, household, token, business)',
        },
      },
    )
    .delete(
      '/:id/members/:kind/:memberId',
      async ({ params, set, scope }) => {
        const out = await edits.removeMember(scope, params.id, params.kind, params.memberId)
        if (!out.ok) return refused(set, out)
        set.status = 204
      },
      { params: memberParam, detail: { summary: 'Remove a member' } },
    )
}
