import type { AccountsRepo } from '@src/db/repos/accounts'
import type { OrganizationsRepo } from '@src/db/repos/organizations'
import { PLATFORM_ORG } from '@src/db/schema'
import type { DbWriter } from '@src/db/writer'
import {
  beyondScope,
  grantRefusal,
  lastAdminRefusal,
  type MembershipChange,
  selfLockoutRefusal,
} from '@src/domain/tenancy/role-grants'
import { can, type Grant, type Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import type { Audit } from './audit'
import type { CustomRoles } from './custom-roles'

/** A membership changed or removed; or why not. */
export type MembershipOutcome =
  | { ok: true; operatorId: number; organizationId: string; roleId: string | null }
  | { ok: false; status: 400 | 403 | 404 | 409; message: string }

/**
 * Changing the role an account holds in an organization, and removing it from one, with
 * `accounts:write` there. Refused: a role beyond the caller's rights, changing someone who holds more
 * than the caller there, leaving the platform without an admin, and locking oneself out.
 */
export class MembershipEdits {
  constructor(
    private readonly deps: {
      accounts: AccountsRepo
      organizations: OrganizationsRepo
      roles: CustomRoles
      writer: DbWriter
      clock: Clock
      audit: Audit
    },
  ) {}

  /** Gives account `operatorId` the role `roleId` in `organizationId` (where it is already a member). */
  changeRole(scope: Scope, operatorId: number, organizationId: string, roleId: string) {
    return this.#apply(scope, { operatorId, organizationId, roleId })
  }

  /** Removes account `operatorId` from `organizationId` (its other memberships stay). */
  remove(scope: Scope, operatorId: number, organizationId: string) {
    return this.#apply(scope, { operatorId, organizationId, roleId: null })
  }

  async #apply(scope: Scope, change: MembershipChange): Promise<MembershipOutcome> {
    const { operatorId, organizationId, roleId } = change
    const memberships = await this.deps.accounts.membershipsOf(operatorId)
    const current = memberships.find((m) => m.organizationId === organizationId)
    if (!current || !can(scope, 'accounts:read', organizationId))
      return { ok: false, status: 404, message: `account ${operatorId} is no member of ${organizationId}` }
    if (!can(scope, 'accounts:write', organizationId))
      return {
        ok: false,
        status: 403,
        message: 'you may see this membership but not change it (accounts:write)',
      }
    const held = await this.deps.roles.offered(current.roleId)
    const beyond = held ? beyondScope(scope, held.permissions, organizationId) : []
    if (beyond.length)
      return {
        ok: false,
        status: 403,
        message: `this account holds more than you do there: ${beyond.join(', ')}`,
      }
    if (roleId !== null) {
      const role = await this.deps.roles.offered(roleId)
      if (!role) return { ok: false, status: 400, message: `no role ${roleId}` }
      const refusal = grantRefusal(scope, role, organizationId, PLATFORM_ORG)
      if (refusal) return { ok: false, status: 403, message: refusal }
    }
    const lastAdmin = lastAdminRefusal(change, await this.deps.accounts.platformAdmins(), PLATFORM_ORG)
    if (lastAdmin) return { ok: false, status: 409, message: lastAdmin }
    const lockout = selfLockoutRefusal(
      scope,
      change,
      await this.#grantsAfter(memberships, change),
      await this.deps.organizations.tree(),
    )
    if (lockout) return { ok: false, status: 409, message: lockout }
    await this.deps.writer.write([
      roleId === null
        ? this.deps.accounts.removeMembership(operatorId, organizationId)
        : this.deps.accounts.setRole(operatorId, organizationId, roleId),
      this.deps.audit.entry(scope, {
        organizationId,
        action: roleId === null ? 'membership.removed' : 'membership.role-changed',
        entity: 'account',
        entityId: String(operatorId),
        before: { organizationId, roleId: current.roleId },
        after: roleId === null ? null : { organizationId, roleId },
      }),
    ])
    return { ok: true, operatorId, organizationId, roleId }
  }

  /** The account's grants once the change is made. */
  async #grantsAfter(
    memberships: readonly { organizationId: string; roleId: string }[],
    change: MembershipChange,
  ): Promise<Grant[]> {
    const after = memberships
      .map((m) => (m.organizationId === change.organizationId ? { ...m, roleId: change.roleId } : m))
      .filter((m): m is { organizationId: string; roleId: string } => m.roleId !== null)
    const grants: Grant[] = []
    for (const m of after) {
      const role = await this.deps.roles.offered(m.roleId)
      if (role)
        grants.push({ organizationId: m.organizationId, role: { ...role, permissions: role.permissions } })
    }
    return grants
  }
}
