import type { DriverOwnership, TokenOwnership } from '@src/domain/invoices/payer'
import { and, count, desc, eq, type SQL } from 'drizzle-orm'
import type { Db } from '../client'
import { cdrs, drivers, tokens } from '../schema'
import type { PageQuery } from './people'

/** A stored charge detail record. */
export type CdrRow = typeof cdrs.$inferSelect
/** A CDR to write (generation 1 and no payer unless given). */
export type NewCdr = typeof cdrs.$inferInsert

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

  /** A page of CDRs, newest end first. */
  async list(q: PageQuery & { chargerId?: string }): Promise<{ rows: CdrRow[]; total: number }> {
    const where: SQL | undefined = and(q.within, q.chargerId ? eq(cdrs.chargerId, q.chargerId) : undefined)
    const [rows, [totals]] = await Promise.all([
      this.db.select().from(cdrs).where(where).orderBy(desc(cdrs.endedAt)).limit(q.limit).offset(q.offset),
      this.db.select({ n: count() }).from(cdrs).where(where),
    ])
    return { rows, total: totals?.n ?? 0 }
  }
}
