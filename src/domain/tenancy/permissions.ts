/**
 * The one catalog of permissions, `resource:action`. A role is a set of them; an API key carries a
 * subset of its maker's. Every route names the permission it needs (see `src/http`), and every
 * repository read and write is filtered to the organizations where the caller holds it.
 */
export const PERMISSIONS = [
  'organizations:read',
  'organizations:write',
  'accounts:read',
  'accounts:write',
  'api-keys:read',
  'api-keys:write',
  'audit:read',
  'sites:read',
  'sites:write',
  'chargers:read',
  'chargers:write',
  'chargers:command',
  'transactions:read',
  'tokens:read',
  'tokens:write',
  'drivers:read',
  'drivers:write',
  'groups:read',
  'groups:write',
  'policies:read',
  'policies:write',
  'tariffs:read',
  'tariffs:write',
  'billing:read',
  'billing:write',
  'reports:read',
] as const

/** One permission of the catalog. */
export type Permission = (typeof PERMISSIONS)[number]

const known: ReadonlySet<string> = new Set(PERMISSIONS)

/** True when `p` is in the catalog (for input from forms, the API and stored JSON). */
export function isPermission(p: unknown): p is Permission {
  return typeof p === 'string' && known.has(p)
}

/** What a person reads in the admin beside each permission. */
export const PERMISSION_LABELS: Readonly<Record<Permission, string>> = {
  'organizations:read': 'See the organization and its sub-organizations',
  'organizations:write': 'Create and change sub-organizations',
  'accounts:read': 'See accounts and their roles',
  'accounts:write': 'Invite accounts, change roles, remove accounts',
  'api-keys:read': 'See API keys (never their secrets)',
  'api-keys:write': 'Make and revoke API keys',
  'audit:read': 'Read and export the audit log',
  'sites:read': 'See sites, fuses and live load',
  'sites:write': 'Change sites, fuses and power settings',
  'chargers:read': 'See chargers and their status',
  'chargers:write': 'Register, label and configure chargers',
  'chargers:command': 'Send remote commands to chargers',
  'transactions:read': 'See charging sessions',
  'tokens:read': 'See tokens (RFID cards, app tokens)',
  'tokens:write': 'Add, change and block tokens',
  'drivers:read': 'See drivers, households and business accounts (personal data)',
  'drivers:write': 'Change drivers, households and business accounts',
  'groups:read': 'See groups and their members',
  'groups:write': 'Change groups and their members',
  'policies:read': 'See access policies',
  'policies:write': 'Change access policies',
  'tariffs:read': 'See tariffs',
  'tariffs:write': 'Change tariffs',
  'billing:read': 'See invoices and billing runs',
  'billing:write': 'Run billing, change invoices',
  'reports:read': 'Read reports',
}
