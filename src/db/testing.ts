import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomId } from '@src/lib/ids'
import { type Database, openDatabase } from './client'
import { applyMigrations } from './migrate'

/** A migrated database in a fresh temporary file, for tests; `remove()` closes and deletes it. */
export async function openTestDatabase(): Promise<Database & { path: string; remove(): void }> {
  const path = join(tmpdir(), `csms-test-${randomId(8)}.db`)
  const database = await openDatabase(`file:${path}`)
  await applyMigrations(database.db)
  return {
    ...database,
    path,
    remove() {
      database.client.close()
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
    },
  }
}

/**
 * A migrated database in memory, for simulations that commit hundreds of thousands of times: a file's
 * fsync per commit (about a millisecond) would cost more than everything simulated. Nothing survives
 * `remove()`.
 */
export async function openMemoryDatabase(): Promise<Database & { remove(): void }> {
  const database = await openDatabase('file::memory:')
  await applyMigrations(database.db)
  return { ...database, remove: () => database.client.close() }
}
