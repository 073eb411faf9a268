import type { Deps } from '@src/deps'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiScoped, notFound, refused } from './guard'

const account = z.object({ id: z.coerce.number().int().positive() })
const membership = account.extend({ organizationId: z.string().min(1).max(64) })

/**
 * `/api/v1/accounts/:id/memberships`: an account's roles in the caller's organizations
 * (`accounts:read`), changing the role of one or removing it (`accounts:write` there; never beyond the
 * caller's own permissions, never the last platform admin, never locking oneself out).
 */
export function membershipsApi(deps: Deps) {
  const { accounts, memberships } = deps.services
  return new Elysia({ prefix: '/accounts/:id/memberships', detail: { tags: ['Accounts'] } })
    .use(apiScoped(deps))
    .get(
      '',
      async ({ params, set, scope }) => {
        const found = (await accounts.list(scope)).find((a) => a.id === params.id)
        if (!found) return notFound(set, `no account ${params.id}`)
        return {
          items: found.roles.map(({ organizationId, organization, roleId, role }) => ({
            organizationId,
            organization,
            roleId,
            role,
          })),
        }
      },
      { params: account, detail: { summary: "List an account's roles per organization" } },
    )
    .put(
      '/:organizationId',
      async ({ params, body, set, scope }) => {
        const out = await memberships.changeRole(scope, params.id, params.organizationId, body.roleId)
        if (!out.ok) return refused(set, out)
        const { ok: _ok, ...changed } = out
        return changed
      },
      {
        params: membership,
        body: z.strictObject({ roleId: z.string().min(1).max(64) }),
        detail: { summary: 'Give the account another role in an organization it belongs to' },
      },
    )
    .delete(
      '/:organizationId',
      async ({ params, set, scope }) => {
        const out = await memberships.remove(scope, params.id, params.organizationId)
        if (!out.ok) return refused(set, out)
        set.status = 204
      },
      { params: membership, detail: { summary: 'Remove the account from an organization' } },
    )
}
