import type { Deps } from '@src/deps'
import { PERMISSIONS } from '@src/domain/tenancy/permissions'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiScoped, refused } from './guard'

/** `/api/v1/api-keys`: organizations' API keys; a new key's secret is in the answer to its creation only. */
export function apiKeysApi(deps: Deps) {
  const keys = deps.services.apiKeys
  return new Elysia({ prefix: '/api-keys', detail: { tags: ['API keys'] } })
    .use(apiScoped(deps))
    .get('', async ({ scope }) => ({ items: await keys.list(scope) }), {
      detail: { summary: 'List API keys (never their secrets)' },
    })
    .post(
      '',
      async ({ body, set, scope }) => {
        const out = await keys.create(scope, body)
        if (!out.ok) return refused(set, out)
        set.status = 201
        return { ...out.key, secret: out.secret }
      },
      {
        body: z.strictObject({
          name: z.string().trim().min(1).max(100),
          permissions: z.array(z.enum(PERMISSIONS)).min(1).max(PERMISSIONS.length),
          organizationId: z.string().min(1).max(64).optional(),
        }),
        detail: {
          summary: 'Make an API key',
          description:
            'At most your own permissions in that organization. The secret (csms_<id>_<random>) is shown in this answer only: store it now.',
        },
      },
    )
    .delete(
      '/:id',
      async ({ params, set, scope }) => {
        const out = await keys.revoke(scope, params.id)
        if (!out.ok) return refused(set, out)
        set.status = 204
      },
      { params: z.object({ id: z.string().min(1).max(64) }), detail: { summary: 'Revoke an API key' } },
    )
}
