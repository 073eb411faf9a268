import { openDatabase } from '@src/db/client'
import { applyMigrations } from '@src/db/migrate'
import { chargers, tokens } from '@src/db/schema'

/** The token fleet chargers present: Accepted and allowed on many chargers at once. */
export const FLEET_TOKEN = 'FLEET-TOKEN'

/** What to put in a benchmark database before the server starts. */
export interface SeedOptions {
  /** Registers chargers `${idPrefix}000000` … (the fleet's identities). */
  idPrefix: string
  count: number
  /** Extra tokens, e.g. for admin pages; the fleet token is always added. */
  tokens?: string[]
}

/**
 * Creates (or tops up) a benchmark database: migrated, with the fleet's chargers registered (so they
 * may connect with `CSMS_UNKNOWN_CHARGERS=reject`) and the fleet token. Runs before the server starts.
 */
export async function seedDatabase(path: string, o: SeedOptions): Promise<void> {
  const database = await openDatabase(`file:${path}`)
  try {
    await applyMigrations(database.db)
    const { db } = database
    const now = Date.now()
    const CHUNK = 2000
    for (let from = 0; from < o.count; from += CHUNK) {
      const rows = Array.from({ length: Math.min(CHUNK, o.count - from) }, (_, k) => ({
        id: `${o.idPrefix}${String(from + k).padStart(6, '0')}`,
        label: `Fleet charger ${from + k}`,
        createdAt: now,
        updatedAt: now,
      }))
      await db.insert(chargers).values(rows).onConflictDoNothing()
    }
    const uids = [FLEET_TOKEN, ...(o.tokens ?? [])]
    await db
      .insert(tokens)
      .values(
        uids.map((uid) => ({
          uid,
          type: 'ISO14443',
          status: 'Accepted',
          allowConcurrentTx: true,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoNothing()
  } finally {
    database.client.close()
  }
}
