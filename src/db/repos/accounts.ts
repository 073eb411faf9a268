import type { Scope } from '@src/domain/tenancy/scope'
import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Db } from '../client'
import { memberships, operatorSessions, operators, PLATFORM_ORG } from '../schema'
import { inScope } from '../scope'

/** An account as the accounts list shows it: never its password hash. */
export interface AccountSummary {
  id: number
  email: string
  name: string | null
  disabledAt: number | null
  lastLoginAt: number | null
  /** Its roles in the organizations the reader may see. */
  memberships: { organizationId: string; roleId: string }[]
}

/** Accounts seen through their memberships: read and changed per organization in the caller's scope. */
export class AccountsRepo {
  constructor(private readonly db: Db) {}

  /** The accounts with a role in an organization where the scope holds `accounts:read`, by email. */
  async list(scope: Scope): Promise<AccountSummary[]> {
    const rows = await this.db
      .select({
        id: operators.id,
        email: operators.email,
        name: operators.name,
        disabledAt: operators.disabledAt,
        lastLoginAt: operators.lastLoginAt,
        organizationId: memberships.organizationId,
        roleId: memberships.roleId,
      })
      .from(memberships)
      .innerJoin(operators, eq(operators.id, memberships.operatorId))
      .where(inScope(memberships.organizationId, scope, 'accounts:read'))
      .orderBy(asc(operators.email), asc(memberships.organizationId))
    const byId = new Map<number, AccountSummary>()
    for (const r of rows) {
      const a = byId.get(r.id) ?? {
        id: r.id,
        email: r.email,
        name: r.name,
        disabledAt: r.disabledAt,
        lastLoginAt: r.lastLoginAt,
        memberships: [],
      }
      a.memberships.push({ organizationId: r.organizationId, roleId: r.roleId })
      byId.set(r.id, a)
    }
    return [...byId.values()]
  }

  /** Every membership of one account (to check the writer may change it in all of them). */
  membershipsOf(operatorId: number) {
    return this.db
      .select({ organizationId: memberships.organizationId, roleId: memberships.roleId })
      .from(memberships)
      .where(eq(memberships.operatorId, operatorId))
  }

  /** Disables an account (it cannot sign in) and ends its sessions. */
  disable(operatorId: number, now: number) {
    return [
      this.db.update(operators).set({ disabledAt: now }).where(eq(operators.id, operatorId)),
      this.db.delete(operatorSessions).where(eq(operatorSessions.operatorId, operatorId)),
    ] as const
  }

  /** One account's public facts (never its password hash), whatever the scope (the services check it). */
  async find(operatorId: number) {
    const [row] = await this.db
      .select({
        id: operators.id,
        email: operators.email,
        name: operators.name,
        disabledAt: operators.disabledAt,
      })
      .from(operators)
      .where(eq(operators.id, operatorId))
      .limit(1)
    return row
  }

  /** The accounts (not disabled) holding the platform admin role in the root organization. */
  async platformAdmins(): Promise<number[]> {
    const rows = await this.db
      .select({ id: operators.id })
      .from(memberships)
      .innerJoin(operators, eq(operators.id, memberships.operatorId))
      .where(
        and(
          eq(memberships.organizationId, PLATFORM_ORG),
          eq(memberships.roleId, 'platform-admin'),
          isNull(operators.disabledAt),
        ),
      )
    return rows.map((r) => r.id)
  }

  /** Changes the role an account holds in an organization. */
  setRole(operatorId: number, organizationId: string, roleId: string) {
    return this.db
      .update(memberships)
      .set({ roleId })
      .where(and(eq(memberships.operatorId, operatorId), eq(memberships.organizationId, organizationId)))
  }

  /** Removes an account from an organization (its other memberships stay). */
  removeMembership(operatorId: number, organizationId: string) {
    return this.db
      .delete(memberships)
      .where(and(eq(memberships.operatorId, operatorId), eq(memberships.organizationId, organizationId)))
  }

  /** Sets a new password and voids every session made before `validFrom` (a password reset). */
  resetPassword(operatorId: number, passwordHash: string, validFrom: number) {
    return this.db
      .update(operators)
      .set({ passwordHash, sessionsValidFrom: validFrom })
      .where(eq(operators.id, operatorId))
  }
}
