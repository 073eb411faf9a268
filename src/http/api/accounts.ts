import type { Deps } from '@src/deps'
import { Elysia } from 'elysia'
import { apiScoped } from './guard'
import { iso } from './present'

/** `/api/v1/accounts`: the accounts with a role in the caller's organizations, with their roles. */
export function accountsApi(deps: Deps) {
  return new Elysia({ prefix: '/accounts', detail: { tags: ['Accounts'] } }).use(apiScoped(deps)).get(
    '',
    async ({ scope }) => {
      const accounts = await deps.services.accounts.list(scope)
      return {
        items: accounts.map((a) => ({
          id: a.id,
          email: a.email,
          name: a.name,
          disabledAt: iso(a.disabledAt),
          lastLoginAt: iso(a.lastLoginAt),
          roles: a.roles.map(({ organizationId, roleId, role }) => ({ organizationId, roleId, role })),
        })),
      }
    },
    { detail: { summary: 'List accounts and their roles per organization (accounts:read)' } },
  )
}
