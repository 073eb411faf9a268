import type { Scope } from '@src/domain/tenancy/scope'
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../client'
import { memberships, operators, roles } from '../schema'
import { inScope } from '../scope'
import type { RoleRow } from './organizations'

/**
 * Organizations' custom roles: listed where the scope holds `accounts:read`, and the statements that
 * make, change and delete one (the service checks `accounts:write` and escalation first).
 */
export class RolesRepo {
  constructor(private readonly db: Db) {}

  /** The custom roles of the organizations the scope may read accounts in, by organization and name. */
  list(scope: Scope): Promise<RoleRow[]> {
    return this.db
      .select()
      .from(roles)
      .where(inScope(roles.organizationId, scope, 'accounts:read'))
      .orderBy(asc(roles.organizationId), asc(roles.name))
  }

  /** One role by id, whatever the scope (the services check it). */
  find(id: string): Promise<RoleRow | undefined> {
    return this.db.query.roles.findFirst({ where: eq(roles.id, id) })
  }

  /** Inserts a role. */
  insert(row: RoleRow) {
    return this.db.insert(roles).values(row)
  }

  /** Renames a role and replaces its permissions. */
  update(id: string, name: string, permissions: string[], now: number) {
    return this.db.update(roles).set({ name, permissions, updatedAt: now }).where(eq(roles.id, id))
  }

  /** Deletes a role (only once nobody holds it). */
  remove(id: string) {
    return this.db.delete(roles).where(eq(roles.id, id))
  }

  /** Who holds a role: the accounts' emails, by email. */
  holders(id: string): Promise<{ email: string }[]> {
    return this.db
      .select({ email: operators.email })
      .from(memberships)
      .innerJoin(operators, eq(operators.id, memberships.operatorId))
      .where(eq(memberships.roleId, id))
      .orderBy(asc(operators.email))
  }
}
