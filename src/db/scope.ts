import type { Permission } from '@src/domain/tenancy/permissions'
import { organizationsWith, type Scope } from '@src/domain/tenancy/scope'
import { inArray, type SQL, sql } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'

/**
 * The one place a read is limited to the caller's organizations: the condition on a row's
 * `organization_id` column under which `scope` holds `permission` for it. Undefined (no condition)
 * when it holds everywhere; always false when it holds nowhere.
 *
 * @example
 * db.select().from(tokens).where(and(inScope(tokens.organizationId, scope, 'tokens:read'), search))
 */
export function inScope(column: SQLiteColumn, scope: Scope, permission: Permission): SQL | undefined {
  const orgs = organizationsWith(scope, permission)
  if (orgs === 'all') return undefined
  if (orgs.size === 0) return sql`0`
  return inArray(column, [...orgs])
}
