import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, min, sql } from 'drizzle-orm'
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
 * Running transactions that carry a `stop_by` on the chargers one node holds. Read through the
 * partial index `transactions_capped` (migration 0011: only running transactions with a stop-by), so
 * a look costs the number of capped sessions running, never the history; each is kept when its
 * charger is online on this node. Unscoped: it runs for the node, not for a signed-in caller.
 */
/**
 * The charger column with SQLite's unary `+`, which keeps the planner from reading each online
 * charger's whole history through `transactions_by_charger`: it takes the small partial index instead.
 */
const UNINDEXED_CHARGER = sql`+${transactions.chargerId}`

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
      .from(transactions)
      .where(
        and(
          isNull(transactions.endedAt),
          isNotNull(transactions.stopBy),
          lte(transactions.stopBy, now),
          inArray(UNINDEXED_CHARGER, this.#onNode(nodeId)),
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
      .from(transactions)
      .where(
        and(
          isNull(transactions.endedAt),
          isNotNull(transactions.stopBy),
          gt(transactions.stopBy, now),
          inArray(UNINDEXED_CHARGER, this.#onNode(nodeId)),
        ),
      )
    return row?.next ?? null
  }

  /** The chargers online on a node, as a subquery. */
  #onNode(nodeId: string) {
    return this.db
      .select({ id: chargers.id })
      .from(chargers)
      .where(and(eq(chargers.online, true), eq(chargers.nodeId, nodeId)))
  }
}
