import { DEFAULT_TIME_ZONE } from '@src/domain/site/time-zone'
import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { accessRefusals } from '../schema'

/** A stored refusal: a refused Authorize, start or remote start with the evaluator's explanation. */
export type RefusalRow = typeof accessRefusals.$inferSelect

/** What is recorded about one refusal (the id is the database's). */
export type RefusalInput = Omit<typeof accessRefusals.$inferInsert, 'id'>

/**
 * Refused Authorize, start and remote start requests (`access_refusals`), written by the charger
 * actor in the same commit as its answer and read beside a charger's sessions in the admin and API.
 */
export class AccessRefusalsRepo {
  constructor(private readonly db: Db) {}

  /** The insert of one refusal, for the caller's write (the hot path stays one commit). */
  insert(v: RefusalInput) {
    return this.db.insert(accessRefusals).values(v)
  }

  /** A charger's most recent refusals, newest first, within `within` (the caller's scope as a condition). */
  recentOfCharger(chargerId: string, limit: number, within?: SQL): Promise<RefusalRow[]> {
    return this.db
      .select()
      .from(accessRefusals)
      .where(and(eq(accessRefusals.chargerId, chargerId), within))
      .orderBy(desc(accessRefusals.at), desc(accessRefusals.id))
      .limit(limit)
  }

  // caps: refusals shown beside a charger's sessions
  /** A page of a charger's refusals, newest first, with how many there are in all, within `within`. */
  async pageOfCharger(
    chargerId: string,
    page: { limit: number; offset: number },
    within?: SQL,
  ): Promise<{ rows: RefusalRow[]; total: number }> {
    const where = and(eq(accessRefusals.chargerId, chargerId), within)
    const [rows, [all]] = await Promise.all([
      this.db
        .select()
        .from(accessRefusals)
        .where(where)
        .orderBy(desc(accessRefusals.at), desc(accessRefusals.id))
        .limit(page.limit)
        .offset(page.offset),
      this.db.select({ n: count() }).from(accessRefusals).where(where),
    ])
    return { rows, total: all?.n ?? 0 }
  }

  /** The time zone of the site a charger is on (its refusals are shown in it); the default when on none. */
  async zoneOfCharger(chargerId: string): Promise<string> {
    const [row] = await this.db.all<{ time_zone: string }>(sql`
      SELECT s.time_zone FROM site_connectors c JOIN sites s ON s.id = c.site_id
      WHERE c.charger_id = ${chargerId} ORDER BY c.evse_id LIMIT 1`)
    return row?.time_zone ?? DEFAULT_TIME_ZONE
  }
}
