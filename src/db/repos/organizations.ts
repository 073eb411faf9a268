import type { OrgNode } from '@src/domain/tenancy/scope'
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { apiKeys, memberships, organizations, roles } from '../schema'

/** A stored organization row. */
export type OrganizationRow = typeof organizations.$inferSelect
/** A stored API key row (its secret only as a hash). */
export type ApiKeyRow = typeof apiKeys.$inferSelect
/** A stored custom role. */
export type RoleRow = typeof roles.$inferSelect

/** Organizations, the memberships and roles that grant rights in them, and their API keys. */
export class OrganizationsRepo {
  readonly #keyBySecret

  constructor(private readonly db: Db) {
    this.#keyBySecret = db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.secretHash, sql.placeholder('hash')), isNull(apiKeys.revokedAt)))
      .prepare()
  }

  /** Every organization's place in the tree (scope resolution walks it). */
  tree(): Promise<OrgNode[]> {
    return this.db.select({ id: organizations.id, parentId: organizations.parentId }).from(organizations)
  }

  find(id: string): Promise<OrganizationRow | undefined> {
    return this.db.query.organizations.findFirst({ where: eq(organizations.id, id) })
  }

  /** An account's memberships: the role it holds in each organization. */
  membershipsOf(operatorId: number): Promise<{ organizationId: string; roleId: string }[]> {
    return this.db
      .select({ organizationId: memberships.organizationId, roleId: memberships.roleId })
      .from(memberships)
      .where(eq(memberships.operatorId, operatorId))
  }

  /** A custom role by id. */
  role(id: string): Promise<RoleRow | undefined> {
    return this.db.query.roles.findFirst({ where: eq(roles.id, id) })
  }

  /** A live (unrevoked) API key by the SHA-256 of its secret. */
  activeKey(secretHash: string): Promise<ApiKeyRow | undefined> {
    return this.#keyBySecret.get({ hash: secretHash })
  }
}
