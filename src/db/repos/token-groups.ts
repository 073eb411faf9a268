import { sql } from 'drizzle-orm'
import type { Db } from '../client'

/** A token's owners and every group it is in, for the access evaluator at Authorize. */
export interface TokenMembership {
  uid: string
  organizationId: string
  driverId: string | null
  householdId: string | null
  businessAccountId: string | null
  /** Groups the token is in directly, via its driver, its (or its driver's) household or business account. */
  groupIds: Set<string>
}

/**
 * Resolves a token's owners and groups in one query (unscoped: Authorize runs for the charger's
 * organization, and only groups of the token's own organization count). Null for an unknown token.
 */
export async function tokenMembership(db: Db, uid: string): Promise<TokenMembership | null> {
  const rows = await db.all<{
    uid: string
    organization_id: string
    driver_id: string | null
    household_id: string | null
    business_account_id: string | null
    group_id: string | null
  }>(sql`
    SELECT t.uid, t.organization_id, t.driver_id, t.household_id, t.business_account_id, g.id AS group_id
    FROM tokens t
    LEFT JOIN drivers d ON d.id = t.driver_id
    LEFT JOIN group_members gm ON
         (gm.member_kind = 'token' AND gm.member_id = t.uid)
      OR (gm.member_kind = 'driver' AND gm.member_id = t.driver_id)
      OR (gm.member_kind = 'household' AND gm.member_id IN (t.household_id, d.household_id))
      OR (gm.member_kind = 'business' AND gm.member_id IN (t.business_account_id, d.business_account_id))
    LEFT JOIN groups g ON g.id = gm.group_id AND g.organization_id = t.organization_id
    WHERE t.uid = ${uid}`)
  const first = rows[0]
  if (!first) return null
  return {
    uid: first.uid,
    organizationId: first.organization_id,
    driverId: first.driver_id,
    householdId: first.household_id,
    businessAccountId: first.business_account_id,
    groupIds: new Set(rows.flatMap((r) => (r.group_id ? [r.group_id] : []))),
  }
}
