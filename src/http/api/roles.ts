import type { Deps } from '@src/deps'
import { PERMISSIONS } from '@src/domain/tenancy/permissions'
import { BUILT_IN_VIEWS } from '@src/services/custom-roles'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiScoped, refused } from './guard'

const roleBody = z.strictObject({
  name: z.string().min(1).max(200),
  permissions: z.array(z.enum(PERMISSIONS)).min(1).max(PERMISSIONS.length),
})

/**
 * `/api/v1/roles`: the built-in roles and the custom roles of the caller's organizations
 * (`accounts:read`); making, changing and deleting a custom role (`accounts:write` in its organization,
 * never with a permission the caller lacks there; a role in use is not deleted).
 */
export function rolesApi(deps: Deps) {
  const { roles } = deps.services
  return new Elysia({ prefix: '/roles', detail: { tags: ['Accounts'] } })
    .use(apiScoped(deps))
    .get('', async ({ scope }) => ({ items: [...BUILT_IN_VIEWS, ...(await roles.list(scope))] }), {
      detail: { summary: 'List built-in and custom roles with their permissions (accounts:read)' },
    })
    .post(
      '',
      async ({ body, set, scope }) => {
        const out = await roles.create(scope, body)
        if (!out.ok) return refused(set, out)
        set.status = 201
        return out.role
      },
      {
        body: roleBody.extend({ organizationId: z.string().min(1).max(64).optional() }),
        detail: { summary: 'Make a custom role in an organization (default: yours)' },
      },
    )
    .put(
      '/:id',
      async ({ params, body, set, scope }) => {
        const out = await roles.update(scope, params.id, body)
        if (!out.ok) return refused(set, out)
        return out.role
      },
      {
        params: z.object({ id: z.string().min(1).max(64) }),
        body: roleBody,
        detail: { summary: 'Rename a custom role and replace its permissions' },
      },
    )
    .delete(
      '/:id',
      async ({ params, set, scope }) => {
        const out = await roles.remove(scope, params.id)
        if (!out.ok) return refused(set, out)
        set.status = 204
      },
      {
        params: z.object({ id: z.string().min(1).max(64) }),
        detail: { summary: 'Delete a custom role nobody holds and no open invitation offers' },
      },
    )
}
