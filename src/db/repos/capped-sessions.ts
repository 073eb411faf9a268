import { and, asc, eq, gt, isNotNull, isNull, lte, min } from 'drizzle-orm'
import type { Db } from '../client'
import { chargers, transactions } from '../schema'

/** A running transaction with a maximum length: what the session-cap service needs to stop it. */
export interface CappedSession {
  id: number
  chargerId: string
  organizationId: string
  /** The instant the CSMS stops it (the deciding policy's maximum session length). */
  stopBy: number
  accessPolicyId: string | null
}

/**
 * Running transactions that carry a `stop_by` on the chargers one node holds. Reached through the
 * chargers that are online on the node (`chargers_by_online`), then each charger's transactions
 * (`transactions_by_charger`), so a node reads only its own chargers and never the whole history of
 * the others'. Unscoped: it runs for the node, not for a signed-in caller.
 */
export class CappedSessionsRepo {
  constructor(private readonly db: Db) {}

  /** Open transactions on this node's chargers whose stop-by has come (at or before `now`), earliest first. */
  dueOnNode(nodeId: string, now: number, limit: number): Promise<CappedSession[]> {
    return this.db
      .select({
        id: transactions.id,
        chargerId: transactions.chargerId,
        organizationId: transactions.organizationId,
        stopBy: transactions.stopBy,
        accessPolicyId: transactions.accessPolicyId,
      })
      .from(chargers)
      .innerJoin(transactions, eq(transactions.chargerId, chargers.id))
      .where(
        and(
          eq(chargers.online, true),
          eq(chargers.nodeId, nodeId),
          isNull(transactions.endedAt),
          isNotNull(transactions.stopBy),
          lte(transactions.stopBy, now),
        ),
      )
      .orderBy(asc(transactions.stopBy))
      .limit(limit) as Promise<CappedSession[]>
  }

  /** One transaction's stop-by (by its id, the primary key); null when it has none or is unknown. */
  async stopByOf(transactionId: number): Promise<number | null> {
    const [row] = await this.db
      .select({ stopBy: transactions.stopBy })
      .from(transactions)
      .where(eq(transactions.id, transactionId))
    return row?.stopBy ?? null
  }

  /** The earliest stop-by after `now` among open transactions on this node's chargers; null: none. */
  async nextOnNode(nodeId: string, now: number): Promise<number | null> {
    const [row] = await this.db
      .select({ next: min(transactions.stopBy) })
      .from(chargers)
      .innerJoin(transactions, eq(transactions.chargerId, chargers.id))
      .where(
        and(
          eq(chargers.online, true),
          eq(chargers.nodeId, nodeId),
          isNull(transactions.endedAt),
          gt(transactions.stopBy, now),
        ),
      )
    return row?.next ?? null
  }
}
