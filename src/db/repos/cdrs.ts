import type { DriverOwnership, TokenOwnership } from '@src/domain/invoices/payer'
import { and, asc, count, desc, eq, gt, gte, lt, or, type SQL } from 'drizzle-orm'
import type { Db } from '../client'
import { cdrs, drivers, tokens } from '../schema'
import type { PageQuery } from './people'

/** A stored charge detail record. */
export type CdrRow = typeof cdrs.$inferSelect
/** A CDR to write (generation 1 and no payer unless given). */
export type NewCdr = typeof cdrs.$inferInsert

/** Which CDRs a list shows: one charger's, and those that ended in `[endedFrom, endedBefore)` (epoch ms). */
export interface CdrFilter {
  chargerId?: string | undefined
  endedFrom?: number | undefined
  endedBefore?: number | undefined
}

/** Where a keyed page of CDRs starts: the end time and id of a row (the list's order, newest first). */
export interface CdrKey {
  endedAt: number
  id: string
}

/** A keyed page: its rows newest first, whether there are more on either side, and how many match. */
export interface CdrPage {
  rows: CdrRow[]
  total: number
  hasPrevious: boolean
  hasNext: boolean
}

/** Charge detail records (unscoped: HTTP reaches them through `ScopedCdrs`). */
export class CdrsRepo {
  constructor(private readonly db: Db) {}

  /**
   * Writes a CDR; one already written for its transaction and generation is kept (the unique index
   * ignores the second), so nodes racing to write the same CDR or the same correction write it once.
   */
  insert(row: NewCdr) {
    return this.db
      .insert(cdrs)
      .values(row)
      .onConflictDoNothing({ target: [cdrs.transactionId, cdrs.generation] })
  }

  /** One CDR, or undefined. */
  async find(id: string): Promise<CdrRow | undefined> {
    return (await this.db.select().from(cdrs).where(eq(cdrs.id, id)))[0]
  }

  /** The latest CDR of a transaction (its last generation: the corrected one after a correction), or undefined. */
  async ofTransaction(transactionId: number): Promise<CdrRow | undefined> {
    const rows = await this.db
      .select()
      .from(cdrs)
      .where(eq(cdrs.transactionId, transactionId))
      .orderBy(desc(cdrs.generation))
      .limit(1)
    return rows[0]
  }

  /** Every CDR of a transaction, first generation first. */
  generationsOf(transactionId: number): Promise<CdrRow[]> {
    return this.db.select().from(cdrs).where(eq(cdrs.transactionId, transactionId)).orderBy(cdrs.generation)
  }

  /** Whose a token is now, and its driver's household and employer: what decides who pays its CDRs. */
  async ownershipOf(
    uid: string,
  ): Promise<{ token: TokenOwnership | undefined; driver: DriverOwnership | undefined }> {
    const [row] = await this.db
      .select({
        driverId: tokens.driverId,
        householdId: tokens.householdId,
        businessAccountId: tokens.businessAccountId,
        driver: {
          id: drivers.id,
          householdId: drivers.householdId,
          businessAccountId: drivers.businessAccountId,
          costCentre: drivers.costCentre,
        },
      })
      .from(tokens)
      .leftJoin(drivers, eq(drivers.id, tokens.driverId))
      .where(eq(tokens.uid, uid))
    if (!row) return { token: undefined, driver: undefined }
    const { driver, ...token } = row
    return { token, driver: driver ?? undefined }
  }

  /**
   * A page of CDRs keyed like the chargers list: the rows after `after` (older) or before `before`
   * (newer) in the order newest end first, so a page is as cheap deep in the list as on top and stays
   * put while new CDRs are written.
   */
  async keyPage(
    q: Pick<PageQuery, 'within' | 'limit'> & CdrFilter & { after?: CdrKey; before?: CdrKey },
  ): Promise<CdrPage> {
    const filter = and(q.within, ...this.#filters(q))
    const k = q.before ?? q.after
    const older = (c: CdrKey) =>
      or(lt(cdrs.endedAt, c.endedAt), and(eq(cdrs.endedAt, c.endedAt), lt(cdrs.id, c.id)))
    const newer = (c: CdrKey) =>
      or(gt(cdrs.endedAt, c.endedAt), and(eq(cdrs.endedAt, c.endedAt), gt(cdrs.id, c.id)))
    const where = and(filter, k === undefined ? undefined : q.before ? newer(k) : older(k))
    const order = q.before ? [asc(cdrs.endedAt), asc(cdrs.id)] : [desc(cdrs.endedAt), desc(cdrs.id)]
    const [found, [totals]] = await Promise.all([
      this.db
        .select()
        .from(cdrs)
        .where(where)
        .orderBy(...order)
        .limit(q.limit + 1),
      this.db.select({ n: count() }).from(cdrs).where(filter),
    ])
    const more = found.length > q.limit
    const rows = found.slice(0, q.limit)
    if (q.before) rows.reverse()
    return {
      rows,
      total: totals?.n ?? 0,
      hasPrevious: q.before ? more : q.after !== undefined,
      hasNext: q.before ? true : more,
    }
  }

  #filters(q: CdrFilter): (SQL | undefined)[] {
    return [
      q.chargerId ? eq(cdrs.chargerId, q.chargerId) : undefined,
      q.endedFrom === undefined ? undefined : gte(cdrs.endedAt, q.endedFrom),
      q.endedBefore === undefined ? undefined : lt(cdrs.endedAt, q.endedBefore),
    ]
  }

  /** A page of CDRs, newest end first; of one charger, ended at or after `endedFrom` and before `endedBefore`. */
  async list(q: PageQuery & CdrFilter): Promise<{ rows: CdrRow[]; total: number }> {
    const where: SQL | undefined = and(q.within, ...this.#filters(q))
    const [rows, [totals]] = await Promise.all([
      this.db.select().from(cdrs).where(where).orderBy(desc(cdrs.endedAt)).limit(q.limit).offset(q.offset),
      this.db.select({ n: count() }).from(cdrs).where(where),
    ])
    return { rows, total: totals?.n ?? 0 }
  }
}
