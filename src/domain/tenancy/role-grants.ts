import type { Permission } from './permissions'
import { can, type Grant, type OrgNode, resolveScope, type Scope } from './scope'

/** The built-in role that runs the whole platform; held in the root organization only. */
export const PLATFORM_ADMIN_ROLE = 'platform-admin'

/**
 * The permissions of `wanted` that the scope lacks in `organizationId` (pure): what granting them
 * there would hand out beyond the granter's own rights. Empty when the grant may be made.
 *
 * @example beyondScope(coopAdmin, ['sites:read'], 'office') // ['sites:read']
 */
export function beyondScope(
  scope: Scope,
  wanted: Iterable<Permission>,
  organizationId: string,
): Permission[] {
  return [...wanted].filter((p) => !can(scope, p, organizationId)).sort()
}

/** A role as an offer checks it: a built-in one (no organization) or a custom role of one organization. */
export interface OfferedRole {
  id: string
  /** Null for a built-in role. */
  organizationId: string | null
  permissions: ReadonlySet<Permission>
}

/**
 * Why `role` may not be given in `organizationId` by `scope` (pure), or undefined when it may: a
 * custom role belongs to its own organization only; the platform admin role is held in the root only;
 * and no role may carry a permission the granter lacks there.
 */
export function grantRefusal(
  scope: Scope,
  role: OfferedRole,
  organizationId: string,
  root: string,
): string | undefined {
  if (role.organizationId !== null && role.organizationId !== organizationId)
    return `the role ${role.id} belongs to another organization`
  if (role.id === PLATFORM_ADMIN_ROLE && organizationId !== root)
    return `the platform admin role is held in the ${root} organization only`
  const beyond = beyondScope(scope, role.permissions, organizationId)
  if (beyond.length) return `this role holds permissions you do not hold there: ${beyond.join(', ')}`
  return undefined
}

/** A change to one membership: a new role, or `null` to remove it. */
export interface MembershipChange {
  operatorId: number
  organizationId: string
  roleId: string | null
}

/**
 * Why a membership change would leave the platform without an admin (pure), or undefined: the last
 * account holding the platform admin role in the root may neither lose that role nor be removed.
 *
 * @param platformAdmins the accounts (not disabled) holding {@link PLATFORM_ADMIN_ROLE} in the root
 */
export function lastAdminRefusal(
  change: MembershipChange,
  platformAdmins: readonly number[],
  root: string,
): string | undefined {
  if (change.organizationId !== root || change.roleId === PLATFORM_ADMIN_ROLE) return undefined
  if (!platformAdmins.includes(change.operatorId)) return undefined
  return platformAdmins.length <= 1
    ? 'this is the last platform admin: make another account platform admin first'
    : undefined
}

/**
 * Why a change to one's own membership would lock oneself out (pure), or undefined: after it, the
 * account must still hold `accounts:write` in that organization (through this or another membership),
 * so that it can undo the change.
 *
 * @param grantsAfter the account's grants with the change applied
 */
export function selfLockoutRefusal(
  scope: Scope,
  change: MembershipChange,
  grantsAfter: readonly Grant[],
  tree: readonly OrgNode[],
): string | undefined {
  if (scope.actor.kind !== 'account' || scope.actor.id !== change.operatorId) return undefined
  const after = resolveScope(scope.actor, grantsAfter, tree)
  return can(after, 'accounts:write', change.organizationId)
    ? undefined
    : 'you would lose accounts:write there and could not undo it: ask another admin to change your role'
}
