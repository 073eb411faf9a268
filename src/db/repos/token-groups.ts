import type { AccessToken } from '@src/domain/access/model'
import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../client'

/** A token as the access evaluator sees it, with the organization that owns it. */
export interface TokenFacts extends AccessToken {
  organizationId: string
}

interface FactRow {
  uid: string
  organization_id: string
  status: string
  expires_at: number | null
  parent_uid: string | null
  allow_concurrent_tx: number
  driver_id: string | null
  household_id: string | null
  business_account_id: string | null
  group_id: string | null
}

/**
 * Tokens with their owners and every group they are in, in one query: the token's own groups, its
 * driver's, its household's (the token's own, else its driver's) and its business account's (likewise).
 * Only groups of the token's own organization count. Unscoped: Authorize and the local lists run for
 * a charger's organization, not for a signed-in caller.
 */
async function factsWhere(db: Db, where: SQL): Promise<TokenFacts[]> {
  const rows = await db.all<FactRow>(sql`
    SELECT t.uid, t.organization_id, t.status, t.expires_at, t.parent_uid, t.allow_concurrent_tx,
           t.driver_id,
           COALESCE(t.household_id, d.household_id) AS household_id,
           COALESCE(t.business_account_id, d.business_account_id) AS business_account_id,
           g.id AS group_id
    FROM tokens t
    LEFT JOIN drivers d ON d.id = t.driver_id
    LEFT JOIN group_members gm ON
         (gm.member_kind = 'token' AND gm.member_id = t.uid)
      OR (gm.member_kind = 'driver' AND gm.member_id = t.driver_id)
      OR (gm.member_kind = 'household' AND gm.member_id IN (t.household_id, d.household_id))
      OR (gm.member_kind = 'business' AND gm.member_id IN (t.business_account_id, d.business_account_id))
    LEFT JOIN groups g ON g.id = gm.group_id AND g.organization_id = t.organization_id
    WHERE ${where}
    ORDER BY t.uid`)
  const byUid = new Map<string, TokenFacts & { groupIds: Set<string> }>()
  for (const r of rows) {
    let f = byUid.get(r.uid)
    if (!f) {
      f = {
        uid: r.uid,
        organizationId: r.organization_id,
        status: r.status,
        expiresAt: r.expires_at,
        parentUid: r.parent_uid,
        allowConcurrentTx: r.allow_concurrent_tx === 1,
        driverId: r.driver_id,
        householdId: r.household_id,
        businessAccountId: r.business_account_id,
        groupIds: new Set(),
      }
      byUid.set(r.uid, f)
    }
    if (r.group_id) f.groupIds.add(r.group_id)
  }
  return [...byUid.values()]
}

/** One token's facts for a check at Authorize or a start; undefined for an unknown token. */
export async function tokenFacts(db: Db, uid: string): Promise<TokenFacts | undefined> {
  return (await factsWhere(db, sql`t.uid = ${uid}`))[0]
}

/** The facts of every token owned by one of `organizationIds` (a charger's local list), by uid. */
export function tokenFactsOf(db: Db, organizationIds: readonly string[]): Promise<TokenFacts[]> {
  if (organizationIds.length === 0) return Promise.resolve([])
  return factsWhere(
    db,
    sql`t.organization_id IN (${sql.join(
      organizationIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  )
}
