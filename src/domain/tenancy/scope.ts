import type { Permission } from './permissions'
import type { Role } from './roles'

/** Who is acting: shown in the audit log. */
export type Actor =
  | { kind: 'account'; id: number; label: string }
  | { kind: 'key'; id: string; label: string }
  | { kind: 'platform-key'; label: string }
  | { kind: 'system'; label: string }
  // driver pages: a signed-in driver acting on their own things (blocking their lost card), by email
  | { kind: 'driver'; id: string; label: string }

/**
 * What a caller may do where: for each organization it holds rights in (its memberships' organizations
 * and all their descendants), the permissions it holds there. `everywhere` holds for every organization
 * there is or will be (the platform's own admins and the platform key), so it is not a list.
 */
export interface Scope {
  actor: Actor
  everywhere: ReadonlySet<Permission>
  grants: ReadonlyMap<string, ReadonlySet<Permission>>
}

/** An organization in the tree, as scope resolution needs it. */
export interface OrgNode {
  id: string
  parentId: string | null
}

/** A membership: the role an account holds in an organization. */
export interface Grant {
  organizationId: string
  role: Role
}

/**
 * The scope of an actor with these grants (pure): each grant's permissions hold in its organization and
 * every descendant; a grant in the root organization holds everywhere. Grants in several places add up.
 *
 * @example
 * resolveScope(actor, [{ organizationId: 'coop', role: board }], orgs).grants.get('coop-garage') // board's
 */
export function resolveScope(actor: Actor, grants: readonly Grant[], orgs: readonly OrgNode[]): Scope {
  const children = new Map<string, string[]>()
  const roots = new Set<string>()
  for (const o of orgs) {
    if (o.parentId === null) roots.add(o.id)
    else children.set(o.parentId, [...(children.get(o.parentId) ?? []), o.id])
  }
  const everywhere = new Set<Permission>()
  const held = new Map<string, Set<Permission>>()
  for (const g of grants) {
    if (roots.has(g.organizationId)) {
      for (const p of g.role.permissions) everywhere.add(p)
      continue
    }
    const stack = [g.organizationId]
    const seen = new Set<string>()
    while (stack.length > 0) {
      const id = stack.pop() as string
      if (seen.has(id)) continue
      seen.add(id)
      const set = held.get(id) ?? new Set<Permission>()
      for (const p of g.role.permissions) set.add(p)
      held.set(id, set)
      stack.push(...(children.get(id) ?? []))
    }
  }
  return { actor, everywhere, grants: held }
}

/** The organizations where the scope holds `permission`: `'all'` or a (possibly empty) set of ids. */
export function organizationsWith(scope: Scope, permission: Permission): 'all' | ReadonlySet<string> {
  if (scope.everywhere.has(permission)) return 'all'
  const ids = new Set<string>()
  for (const [id, perms] of scope.grants) if (perms.has(permission)) ids.add(id)
  return ids
}

/** True when the scope holds `permission` in organization `organizationId`. */
export function can(scope: Scope, permission: Permission, organizationId: string): boolean {
  return scope.everywhere.has(permission) || (scope.grants.get(organizationId)?.has(permission) ?? false)
}

/** True when the scope holds `permission` in at least one organization (a route may be offered). */
export function canAnywhere(scope: Scope, permission: Permission): boolean {
  if (scope.everywhere.has(permission)) return true
  for (const perms of scope.grants.values()) if (perms.has(permission)) return true
  return false
}

/** The scope of the CSMS itself (actors, boot, migrations): everything, everywhere. */
export function systemScope(label: string, all: ReadonlySet<Permission>): Scope {
  return { actor: { kind: 'system', label }, everywhere: all, grants: new Map() }
}
