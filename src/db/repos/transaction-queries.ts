import { and, asc, count, desc, eq, exists, isNotNull, isNull, type SQL } from 'drizzle-orm'
import type { Db } from '../client'
import { meterValues, siteConnectors, transactions } from '../schema'

/** A stored transaction row. */
export type TransactionRow = typeof transactions.$inferSelect
/** A stored meter value row. */
export type MeterValueRow = typeof meterValues.$inferSelect

/** Filters for listing transactions. */
export interface TransactionListQuery {
  chargerId?: string
  idTag?: string
  open?: boolean
  /** Only the transactions on an EVSE of this site. */
  siteId?: string
  /** The caller's scope as a condition (`inScope`): only its organizations' transactions. */
  within?: SQL
  limit: number
  offset: number
}

/** One point of a measurand over time. */
export interface SeriesPoint {
  at: number
  value: number | null
  unit: string | null
}

/** Transactions matching the filters, newest first, and how many match in all. */
export async function listTransactions(
  db: Db,
  q: TransactionListQuery,
): Promise<{ rows: TransactionRow[]; total: number }> {
  const conds: SQL[] = q.within ? [q.within] : []
  if (q.chargerId) conds.push(eq(transactions.chargerId, q.chargerId))
  if (q.idTag) conds.push(eq(transactions.idTag, q.idTag))
  if (q.siteId)
    conds.push(
      exists(
        db
          .select({ one: siteConnectors.siteId })
          .from(siteConnectors)
          .where(
            and(
              eq(siteConnectors.siteId, q.siteId),
              eq(siteConnectors.chargerId, transactions.chargerId),
              eq(siteConnectors.evseId, transactions.evseId),
            ),
          ),
      ),
    )
  if (q.open !== undefined)
    conds.push(q.open ? isNull(transactions.endedAt) : isNotNull(transactions.endedAt))
  const where = and(...conds)
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(transactions)
      .where(where)
      .orderBy(desc(transactions.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(transactions).where(where),
  ])
  return { rows, total: totals?.n ?? 0 }
}

/** A transaction's sampled values in time order. */
export function meterValuesOf(db: Db, transactionId: number, limit: number): Promise<MeterValueRow[]> {
  return db
    .select()
    .from(meterValues)
    .where(eq(meterValues.transactionId, transactionId))
    .orderBy(asc(meterValues.sampledAt), asc(meterValues.id))
    .limit(limit)
}

/** The newest sampled values of a charger, newest first. */
export function recentMeterValuesOf(db: Db, chargerId: string, limit: number): Promise<MeterValueRow[]> {
  return db
    .select()
    .from(meterValues)
    .where(eq(meterValues.chargerId, chargerId))
    .orderBy(desc(meterValues.sampledAt), desc(meterValues.id))
    .limit(limit)
}

/** One measurand of a transaction over time (whole-connector values only), oldest first. */
export function seriesOf(
  db: Db,
  transactionId: number,
  measurand: string,
  limit: number,
): Promise<SeriesPoint[]> {
  return db
    .select({ at: meterValues.sampledAt, value: meterValues.value, unit: meterValues.unit })
    .from(meterValues)
    .where(
      and(
        eq(meterValues.transactionId, transactionId),
        eq(meterValues.measurand, measurand),
        isNull(meterValues.phase),
      ),
    )
    .orderBy(asc(meterValues.sampledAt))
    .limit(limit)
}

/** The open transaction on an EVSE, the latest if a lost one was never closed. */
export async function openOnEvse(
  db: Db,
  chargerId: string,
  evseId: number,
): Promise<TransactionRow | undefined> {
  const [row] = await db
    .select()
    .from(transactions)
    .where(
      and(
        eq(transactions.chargerId, chargerId),
        eq(transactions.evseId, evseId),
        isNull(transactions.endedAt),
      ),
    )
    .orderBy(desc(transactions.startedAt))
    .limit(1)
  return row
}

/** A token's finished sessions, newest first. */
export function tagHistory(
  db: Db,
  idTag: string,
  limit: number,
): Promise<Pick<TransactionRow, 'startedAt' | 'endedAt'>[]> {
  return db
    .select({ startedAt: transactions.startedAt, endedAt: transactions.endedAt })
    .from(transactions)
    .where(and(eq(transactions.idTag, idTag), isNotNull(transactions.endedAt)))
    .orderBy(desc(transactions.startedAt))
    .limit(limit)
}
