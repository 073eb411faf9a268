import { and, desc, eq, type SQL } from 'drizzle-orm'
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
}
