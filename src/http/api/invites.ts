import type { Deps } from '@src/deps'
import type { InviteView } from '@src/services/invites'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiScoped, refused } from './guard'
import { iso } from './present'

/** An invitation as the API shows it: never its secret. */
const present = (i: InviteView) => ({ ...i, createdAt: iso(i.createdAt), expiresAt: iso(i.expiresAt) })

/**
 * `/api/v1/invites`: open invitations (`accounts:read`), inviting an email into an organization as a
 * role and revoking one (`accounts:write`). The answer to an invitation carries its one-time link's
 * path (`/admin/invite/<secret>`) this once; there is no mail transport, the caller hands it over.
 */
export function invitesApi(deps: Deps) {
  const { invites } = deps.services
  return new Elysia({ prefix: '/invites', detail: { tags: ['Accounts'] } })
    .use(apiScoped(deps))
    .get('', async ({ scope }) => ({ items: (await invites.list(scope)).map(present) }), {
      detail: { summary: 'List open invitations (accounts:read)' },
    })
    .post(
      '',
      async ({ body, set, scope }) => {
        const out = await invites.create(scope, body)
        if (!out.ok) return refused(set, out)
        set.status = 201
        return { ...present(out.invite), secret: out.secret, path: `/admin/invite/${out.secret}` }
      },
      {
        body: z.strictObject({
          email: z.string().min(1).max(200),
          roleId: z.string().min(1).max(64),
          organizationId: z.string().min(1).max(64).optional(),
        }),
        detail: {
          summary: 'Invite an email into an organization as a role (accounts:write)',
          description:
            'The role must be built-in or the organization’s own, and hold no permission you lack there. The secret and the link path are in this answer only; the link is valid for 7 days, once.',
        },
      },
    )
    .delete(
      '/:id',
      async ({ params, set, scope }) => {
        const out = await invites.revoke(scope, params.id)
        if (!out.ok) return refused(set, out)
        set.status = 204
      },
      {
        params: z.object({ id: z.string().min(1).max(64) }),
        detail: { summary: 'Revoke an open invitation' },
      },
    )
}
