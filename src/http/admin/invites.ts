import type { Deps } from '@src/deps'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { absoluteUrl, accountsPage } from './accounts-page'
import { formValue, requireOperator } from './auth'

/**
 * Invitations from the accounts page (`accounts:write`): invite an email into an organization as a
 * role, which shows the one-time link once (there is no mail transport), and revoke an open one.
 */
export function invitesAdmin(deps: Deps) {
  const { invites } = deps.services
  return new Elysia({ prefix: '/admin/invites' })
    .use(requireOperator(deps))
    .post('', async ({ operator, scope, body, request }) => {
      const values = {
        email: formValue(body, 'email').trim().slice(0, 200),
        organizationId: formValue(body, 'organizationId').trim().slice(0, 64),
        roleId: formValue(body, 'roleId').trim().slice(0, 64),
      }
      const out = await invites.create(scope!, {
        email: values.email,
        roleId: values.roleId,
        ...(values.organizationId ? { organizationId: values.organizationId } : {}),
      })
      if (!out.ok)
        return accountsPage(deps, scope!, operator!.email, { error: out.message, invite: values }, out.status)
      const link = {
        title: `Invitation for ${out.invite.email} (${out.invite.role} in ${out.invite.organization})`,
        url: absoluteUrl(deps, request, `/admin/invite/${out.secret}`),
        expiresAt: out.invite.expiresAt,
      }
      return accountsPage(deps, scope!, operator!.email, { link })
    })
    .post(
      '/:id/revoke',
      async ({ operator, scope, params }) => {
        const out = await invites.revoke(scope!, params.id)
        if (!out.ok) return accountsPage(deps, scope!, operator!.email, { error: out.message }, out.status)
        return accountsPage(deps, scope!, operator!.email, {
          notice: `Withdrew the invitation for ${out.invite.email}.`,
        })
      },
      { params: z.object({ id: z.string().min(1).max(64) }) },
    )
}
