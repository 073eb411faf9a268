import type { Deps } from '@src/deps'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { absoluteUrl, accountsPage } from './accounts-page'
import { formValue, requireOperator } from './auth'

const back = () => new Response(null, { status: 303, headers: { location: '/admin/accounts' } })

const accountParams = z.object({ id: z.coerce.number().int().positive() })
const membershipParams = z.object({
  id: z.coerce.number().int().positive(),
  organizationId: z.string().min(1).max(64),
})

/**
 * The accounts with a role in the caller's organizations (`accounts:read`), and changing them
 * (`accounts:write`): disable one, issue a password reset link (shown once), change the role of a
 * membership or remove it. Refusals come from the services and are shown on the page.
 */
export function accountsAdmin(deps: Deps) {
  const { accounts, memberships, passwordResets } = deps.services
  return new Elysia({ prefix: '/admin/accounts' })
    .use(requireOperator(deps))
    .get('', ({ operator, scope }) => accountsPage(deps, scope!, operator!.email))
    .post(
      '/:id/disable',
      async ({ operator, scope, params }) => {
        const outcome = await accounts.disable(scope!, params.id)
        if (!outcome.ok)
          return accountsPage(deps, scope!, operator!.email, { error: outcome.message }, outcome.status)
        return back()
      },
      { params: accountParams },
    )
    .post(
      '/:id/reset',
      async ({ operator, scope, params, request }) => {
        const out = await passwordResets.issue(scope!, params.id)
        if (!out.ok) return accountsPage(deps, scope!, operator!.email, { error: out.message }, out.status)
        const link = {
          title: `Password reset link for ${out.email}`,
          url: absoluteUrl(deps, request, `/admin/reset/${out.secret}`),
          expiresAt: out.expiresAt,
        }
        return accountsPage(deps, scope!, operator!.email, { link })
      },
      { params: accountParams },
    )
    .post(
      '/:id/memberships/:organizationId',
      async ({ operator, scope, params, body }) => {
        const out = await memberships.changeRole(
          scope!,
          params.id,
          params.organizationId,
          formValue(body, 'roleId').slice(0, 64),
        )
        if (!out.ok) return accountsPage(deps, scope!, operator!.email, { error: out.message }, out.status)
        return accountsPage(deps, scope!, operator!.email, { notice: 'Role changed.' })
      },
      { params: membershipParams },
    )
    .post(
      '/:id/memberships/:organizationId/remove',
      async ({ operator, scope, params }) => {
        const out = await memberships.remove(scope!, params.id, params.organizationId)
        if (!out.ok) return accountsPage(deps, scope!, operator!.email, { error: out.message }, out.status)
        return accountsPage(deps, scope!, operator!.email, { notice: 'Removed from the organization.' })
      },
      { params: membershipParams },
    )
}
