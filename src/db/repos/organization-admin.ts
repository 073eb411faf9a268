import type { Scope } from '@src/domain/tenancy/scope'
import { and, asc, count, eq, isNull } from 'drizzle-orm'
import type { Db } from '../client'
import { apiKeys, chargers, memberships, organizations, sites, tokens } from '../schema'
import { inScope } from '../scope'
import type { ApiKeyRow, OrganizationRow } from './organizations'

/**
 * The organization tree and the API keys as their admins change them: reads limited to the caller's
 * scope (`organizations:read`, `api-keys:read`), writes as statements for the services to put in one
 * write with their audit entry (the services check `…:write` first).
 */
export class OrganizationAdminRepo {
  constructor(private readonly db: Db) {}

  /** The organizations the scope may read, by name. */
  list(scope: Scope): Promise<OrganizationRow[]> {
    return this.db
      .select()
      .from(organizations)
      .where(inScope(organizations.id, scope, 'organizations:read'))
      .orderBy(asc(organizations.name))
  }

  /** One organization, whatever the scope (the services check it). */
  find(id: string): Promise<OrganizationRow | undefined> {
    return this.db.query.organizations.findFirst({ where: eq(organizations.id, id) })
  }

  /** Inserts an organization. */
  insert(row: OrganizationRow) {
    return this.db.insert(organizations).values(row)
  }

  /** Renames an organization. */
  rename(id: string, name: string, now: number) {
    return this.db.update(organizations).set({ name, updatedAt: now }).where(eq(organizations.id, id))
  }

  /** Removes an organization (only when {@link holdings} found it empty). */
  remove(id: string) {
    return this.db.delete(organizations).where(eq(organizations.id, id))
  }

  /** What still belongs to an organization, by kind (empty when it may be removed). */
  async holdings(id: string): Promise<Record<string, number>> {
    const first = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0
    const owned = (t: typeof sites | typeof chargers | typeof tokens | typeof memberships) =>
      first(this.db.select({ n: count() }).from(t).where(eq(t.organizationId, id)))
    const liveKeys = and(eq(apiKeys.organizationId, id), isNull(apiKeys.revokedAt))
    const [subs, site, charger, token, member, key] = await Promise.all([
      first(this.db.select({ n: count() }).from(organizations).where(eq(organizations.parentId, id))),
      owned(sites),
      owned(chargers),
      owned(tokens),
      owned(memberships),
      first(this.db.select({ n: count() }).from(apiKeys).where(liveKeys)),
    ])
    const all: Record<string, number> = {
      'sub-organizations': subs,
      sites: site,
      chargers: charger,
      tokens: token,
      members: member,
      'API keys': key,
    }
    return Object.fromEntries(Object.entries(all).filter(([, v]) => v > 0))
  }

  /** The API keys the scope may read (`api-keys:read`), newest first; revoked ones too. */
  keys(scope: Scope): Promise<ApiKeyRow[]> {
    return this.db
      .select()
      .from(apiKeys)
      .where(inScope(apiKeys.organizationId, scope, 'api-keys:read'))
      .orderBy(asc(apiKeys.organizationId), asc(apiKeys.createdAt))
  }

  /** One API key by id, whatever the scope (the service checks it). */
  key(id: string): Promise<ApiKeyRow | undefined> {
    return this.db.query.apiKeys.findFirst({ where: eq(apiKeys.id, id) })
  }

  /** Inserts a key (its secret only as a hash). */
  insertKey(row: typeof apiKeys.$inferInsert) {
    return this.db.insert(apiKeys).values(row)
  }

  /** Revokes a key: from now on it opens nothing. */
  revokeKey(id: string, now: number) {
    return this.db.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id))
  }

  /** Records when a key was last used. */
  touchKey(id: string, now: number) {
    return this.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id))
  }
}
