import type { AccountSummary, AccountsRepo } from '@src/db/repos/accounts'
import type { OrganizationsRepo } from '@src/db/repos/organizations'
import type { DbWriter } from '@src/db/writer'
import { builtInRole } from '@src/domain/tenancy/roles'
import { can, type Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import type { Audit } from './audit'

/** An account with its roles named, for the admin and the API alike. */
export interface AccountListing extends Omit<AccountSummary, 'memberships'> {
  roles: { organizationId: string; organization: string; roleId: string; role: string }[]
  canDisable: boolean
}

/** The outcome of disabling an account. */
export type DisableOutcome = { ok: true } | { ok: false; status: 403 | 404; message: string }

/** Accounts in the caller's organizations: listing them and disabling one. */
export class Accounts {
  constructor(
    private readonly deps: {
      accounts: AccountsRepo
      organizations: OrganizationsRepo
      writer: DbWriter
      clock: Clock
      audit: Audit
    },
  ) {}

  /** The accounts the scope may read (`accounts:read`), each with its role per organization. */
  async list(scope: Scope): Promise<AccountListing[]> {
    const { organizations } = this.deps
    const names = new Map<string, string>()
    const nameOf = async (kind: 'org' | 'role', id: string) => {
      const key = `${kind}:${id}`
      if (!names.has(key))
        names.set(
          key,
          kind === 'org'
            ? ((await organizations.find(id))?.name ?? id)
            : (builtInRole(id)?.name ?? (await organizations.role(id))?.name ?? id),
        )
      return names.get(key) as string
    }
    const accounts = await this.deps.accounts.list(scope)
    return Promise.all(
      accounts.map(async ({ memberships, ...a }) => ({
        ...a,
        roles: await Promise.all(
          memberships.map(async (m) => ({
            ...m,
            organization: await nameOf('org', m.organizationId),
            role: await nameOf('role', m.roleId),
          })),
        ),
        canDisable:
          !(scope.actor.kind === 'account' && scope.actor.id === a.id) &&
          memberships.every((m) => can(scope, 'accounts:write', m.organizationId)),
      })),
    )
  }

  /**
   * Disables an account: it can no longer sign in and its sessions end. The caller must hold
   * `accounts:write` in every organization the account belongs to (an organization's admin cannot
   * lock out the platform's), and cannot disable itself.
   */
  async disable(scope: Scope, operatorId: number): Promise<DisableOutcome> {
    const memberships = await this.deps.accounts.membershipsOf(operatorId)
    if (memberships.length === 0 || !memberships.some((m) => can(scope, 'accounts:read', m.organizationId)))
      return { ok: false, status: 404, message: `no account ${operatorId}` }
    if (scope.actor.kind === 'account' && scope.actor.id === operatorId)
      return { ok: false, status: 403, message: 'you cannot disable your own account' }
    if (!memberships.every((m) => can(scope, 'accounts:write', m.organizationId)))
      return {
        ok: false,
        status: 403,
        message: 'this account also belongs to organizations you cannot change',
      }
    const now = this.deps.clock.now()
    await this.deps.writer.write([
      ...this.deps.accounts.disable(operatorId, now),
      this.deps.audit.entry(scope, {
        organizationId: memberships[0]!.organizationId,
        action: 'account.disabled',
        entity: 'account',
        entityId: String(operatorId),
        before: { disabledAt: null },
        after: { disabledAt: now },
      }),
    ])
    return { ok: true }
  }
}
