import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/** The id of the platform organization: the charging operator that runs this CSMS. Root of the tree. */
export const PLATFORM_ORG = 'platform'

/**
 * Who owns what: the platform (the charging operator) and its customers, the property owners (a
 * housing co-op, an office landlord, a depot), each optionally with sub-organizations. A tree rooted
 * at {@link PLATFORM_ORG}; a right held in an organization holds in all of its descendants.
 */
export const organizations = sqliteTable(
  'organizations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** `platform` (the root, exactly one), `owner` (a property owner) or `sub` (under an owner). */
    kind: text('kind').notNull(),
    /** Null for the platform only. */
    parentId: text('parent_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('organizations_by_parent').on(t.parentId)],
)

/**
 * An account's role in an organization (and so in its descendants). The role is a built-in id
 * (`src/domain/tenancy/roles.ts`) or a custom role of the organization's (`roles`).
 */
export const memberships = sqliteTable(
  'memberships',
  {
    operatorId: integer('operator_id').notNull(),
    organizationId: text('organization_id').notNull(),
    roleId: text('role_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.operatorId, t.organizationId] }),
    index('memberships_by_org').on(t.organizationId),
  ],
)

/** A role an organization defined for itself: a named set of permissions from the catalog. */
export const roles = sqliteTable('roles', {
  id: text('id').primaryKey(),
  organizationId: text('organization_id').notNull(),
  name: text('name').notNull(),
  /** JSON array of `resource:action` permissions. */
  permissions: text('permissions', { mode: 'json' }).$type<string[]>().notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
})

/**
 * A one-time link: an invitation to an organization (`invite`) or a password reset (`reset`). Only a
 * hash of the link's secret is stored; a used or expired link does nothing.
 */
export const accountLinks = sqliteTable(
  'account_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    kind: text('kind').notNull(),
    email: text('email').notNull(),
    /** For a reset: whose password. */
    operatorId: integer('operator_id'),
    /** For an invite: where and as what. */
    organizationId: text('organization_id'),
    roleId: text('role_id'),
    createdBy: integer('created_by'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('account_links_by_email').on(t.email)],
)

/**
 * An API key of an organization, scoped to a subset of permissions. Shown once when made; only the
 * SHA-256 of its secret is stored. The env `CSMS_API_KEY` is a platform key outside this table.
 */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull(),
    /** JSON array of `resource:action` permissions. */
    permissions: text('permissions', { mode: 'json' }).$type<string[]>().notNull(),
    createdBy: integer('created_by'),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_by_secret').on(t.secretHash), index('api_keys_by_org').on(t.organizationId)],
)

/** Every change an operator or a key made: who, what, when, before and after. Append-only. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    organizationId: text('organization_id').notNull(),
    at: integer('at').notNull(),
    /** `account`, `key`, `platform-key` or `system`. */
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    /** The email or key name at the time, kept when the account or key is gone. */
    actorLabel: text('actor_label').notNull(),
    /** What was done, e.g. `token.updated`, `charger.command`. */
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
  },
  (t) => [index('audit_log_by_org').on(t.organizationId, t.at)],
)
