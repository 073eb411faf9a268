import { type AccessPolicy, windowsSchema } from '@src/domain/access/model'
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm'
import type { Db } from '../client'
import { accessPolicies } from '../schema'

/** A stored access policy row. */
export type PolicyRow = typeof accessPolicies.$inferSelect

/** The fields an operator or the API sets on a policy (everything but its id and stamps). */
export type PolicyFields = Omit<AccessPolicy, 'id'>

/**
 * A stored row as the evaluator takes it. Rows are validated when written (`policyInputSchema`); a
 * row whose windows no longer parse (edited by hand) is read as disabled rather than as "always".
 */
export function policyOfRow(r: PolicyRow): AccessPolicy {
  const windows = windowsSchema.safeParse(r.windows)
  return {
    id: r.id,
    organizationId: r.organizationId,
    name: r.name,
    position: r.position,
    enabled: r.enabled && windows.success,
    effect: r.effect as AccessPolicy['effect'],
    whoKind: r.whoKind as AccessPolicy['whoKind'],
    whoId: r.whoId,
    whereKind: r.whereKind as AccessPolicy['whereKind'],
    whereId: r.whereId,
    whereSub: r.whereSub,
    windows: windows.success ? windows.data : [],
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    holidays: r.holidays as AccessPolicy['holidays'],
    priceGroup: r.priceGroup,
    priorityTier: r.priorityTier,
    monthlyKwhBudget: r.monthlyKwhBudget,
    maxSessionMinutes: r.maxSessionMinutes,
  }
}

/** Access policies (`src/domain/access`), ordered by position within their organization. */
export class AccessPoliciesRepo {
  constructor(private readonly db: Db) {}

  /** Every policy of these organizations (the evaluator's book for a place), by position. */
  ofOrganizations(organizationIds: readonly string[]): Promise<PolicyRow[]> {
    if (organizationIds.length === 0) return Promise.resolve([])
    return this.db
      .select()
      .from(accessPolicies)
      .where(inArray(accessPolicies.organizationId, [...organizationIds]))
      .orderBy(asc(accessPolicies.organizationId), asc(accessPolicies.position))
  }

  /** Policies within `within` (the caller's scope as a condition), by organization and position. */
  list(within?: SQL, organizationId?: string): Promise<PolicyRow[]> {
    const org = organizationId === undefined ? undefined : eq(accessPolicies.organizationId, organizationId)
    return this.db
      .select()
      .from(accessPolicies)
      .where(and(within, org))
      .orderBy(asc(accessPolicies.organizationId), asc(accessPolicies.position), asc(accessPolicies.id))
  }

  find(id: string): Promise<PolicyRow | undefined> {
    return this.db.query.accessPolicies.findFirst({ where: eq(accessPolicies.id, id) })
  }

  insert(id: string, v: PolicyFields, now: number) {
    return this.db
      .insert(accessPolicies)
      .values({ id, ...v, createdAt: now, updatedAt: now })
      .returning()
  }

  update(id: string, v: Partial<PolicyFields>, now: number) {
    return this.db
      .update(accessPolicies)
      .set({ ...v, updatedAt: now })
      .where(eq(accessPolicies.id, id))
      .returning()
  }

  remove(id: string) {
    return this.db
      .delete(accessPolicies)
      .where(eq(accessPolicies.id, id))
      .returning({ id: accessPolicies.id })
  }
}
