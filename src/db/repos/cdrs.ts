import { and, count, desc, eq, type SQL } from 'drizzle-orm'
import type { Db } from '../client'
import { cdrs } from '../schema'
import type { PageQuery } from './people'

/** A stored charge detail record. */
export type CdrRow = typeof cdrs.$inferSelect

/** Charge detail records (unscoped: HTTP reaches them through `ScopedCdrs`). */
export class CdrsRepo {
  constructor(private readonly db: Db) {}

  /** Writes a CDR; one already written for its transaction is kept (the unique index ignores the second). */
  insert(row: CdrRow) {
    return this.db.insert(cdrs).values(row).onConflictDoNothing({ target: cdrs.transactionId })
  }

  /** One CDR, or undefined. */
  async find(id: string): Promise<CdrRow | undefined> {
    return (await this.db.select().from(cdrs).where(eq(cdrs.id, id)))[0]
  }

  /** The CDR of a transaction, or undefined. */
  async ofTransaction(transactionId: number): Promise<CdrRow | undefined> {
    return (await this.db.select().from(cdrs).where(eq(cdrs.transactionId, transactionId)))[0]
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
