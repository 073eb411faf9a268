import type { Deps } from '@src/deps'
import type { Scope } from '@src/domain/tenancy/scope'
import { AccountsPage } from '@views/admin/accounts'
import { Elysia } from 'elysia'
import { requireOperator } from './auth'
import { html } from './render'

/** The accounts with a role in the caller's organizations (`accounts:read`), and disabling one (`accounts:write`). */
export function accountsAdmin(deps: Deps) {
  const page = async (operator: string, scope: Scope, status = 200, notice?: string) => {
    const rows = (await deps.services.accounts.list(scope)).map((a) => ({
      id: a.id,
      email: a.email,
      disabled: a.disabledAt !== null,
      lastLoginAt: a.lastLoginAt,
      roles: a.roles.map((r) => ({ organization: r.organization, role: r.role })),
      canDisable: a.canDisable,
    }))
    return html(AccountsPage({ operator, rows, ...(notice ? { notice } : {}) }), status)
  }
  return new Elysia({ prefix: '/admin/accounts' })
    .use(requireOperator(deps))
    .get('', ({ operator, scope }) => page(operator!.email, scope!))
    .post('/:id/disable', async ({ operator, scope, params }) => {
      const outcome = await deps.services.accounts.disable(scope!, Number(params.id))
      if (!outcome.ok) return page(operator!.email, scope!, outcome.status, outcome.message)
      return new Response(null, { status: 303, headers: { location: '/admin/accounts' } })
    })
}
