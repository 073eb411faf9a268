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
