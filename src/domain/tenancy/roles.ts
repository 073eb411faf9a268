import { PERMISSIONS, type Permission } from './permissions'

/** A named set of permissions, granted to an account in an organization. */
export interface Role {
  id: string
  name: string
  permissions: ReadonlySet<Permission>
}

const reads = PERMISSIONS.filter((p) => p.endsWith(':read'))

/**
 * The built-in roles, offered in every organization; an organization may add its own (`roles` table).
 * - `platform-admin`: everything, everywhere (held in the platform organization).
 * - `org-admin`: everything in its organization and below.
 * - `board`: a property owner's board: reads everything except accounts and keys, changes nothing.
 * - `support`: sees sites and chargers and sends commands; no money, no personal data.
 */
export const BUILT_IN_ROLES: readonly Role[] = [
  { id: 'platform-admin', name: 'Platform admin', permissions: new Set(PERMISSIONS) },
  { id: 'org-admin', name: 'Organization admin', permissions: new Set(PERMISSIONS) },
  {
    id: 'board',
    name: 'Board member (read-only)',
    permissions: new Set(reads.filter((p) => p !== 'accounts:read' && p !== 'api-keys:read')),
  },
  {
    id: 'support',
    name: 'Support',
    permissions: new Set<Permission>([
      'sites:read',
      'chargers:read',
      'chargers:command',
      'transactions:read',
    ]),
  },
]

const byId = new Map(BUILT_IN_ROLES.map((r) => [r.id, r]))

/** The built-in role with this id, if it is one. */
export function builtInRole(id: string): Role | undefined {
  return byId.get(id)
}
