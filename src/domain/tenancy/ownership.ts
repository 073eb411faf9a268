import type { Permission } from './permissions'
import { can, organizationsWith, type Scope } from './scope'

/** Where a new thing goes: an organization, or a message a person can act on. */
export type Owner = { ok: true; organizationId: string } | { ok: false; message: string }

/**
 * The organization a new site, charger or token is put in (pure): the one asked for, if the caller
 * holds `permission` there; else the caller's only organization with it; else the root (for callers
 * that hold it everywhere: the platform's admins and key). With several and none asked for, the
 * caller must choose.
 *
 * @example ownerFor(coopAdmin, 'tokens:write', undefined, 'platform') // { ok: true, organizationId: 'coop' }
 */
export function ownerFor(
  scope: Scope,
  permission: Permission,
  requested: string | undefined,
  root: string,
): Owner {
  if (requested !== undefined)
    return can(scope, permission, requested)
      ? { ok: true, organizationId: requested }
      : { ok: false, message: `you cannot add to organization ${requested}` }
  const orgs = organizationsWith(scope, permission)
  if (orgs === 'all') return { ok: true, organizationId: root }
  if (orgs.size === 1) return { ok: true, organizationId: [...orgs][0] as string }
  if (orgs.size === 0) return { ok: false, message: `you hold ${permission} in no organization` }
  return { ok: false, message: `choose an organization: ${[...orgs].sort().join(', ')}` }
}

/**
 * How far a caller reaches an existing row (pure): `hidden` when it cannot even read it (answered as
 * if the row did not exist, so no tenant learns another's ids), `read-only` when it can read but not
 * `permission`, else `ok`.
 */
export function reachOf(
  scope: Scope,
  read: Permission,
  permission: Permission,
  organizationId: string,
): 'hidden' | 'read-only' | 'ok' {
  if (!can(scope, read, organizationId)) return 'hidden'
  return can(scope, permission, organizationId) ? 'ok' : 'read-only'
}
