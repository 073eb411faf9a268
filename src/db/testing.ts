import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomId } from '@src/lib/ids'
import { type Database, openDatabase } from './client'
import { applyMigrations, migrationsFolder } from './migrate'

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

/**
 * A copy of the migrations folder under `dir` holding only the first `count` migrations: the schema of
 * an older release, for upgrade tests and before/after benchmarks.
 *
 * @example
 * await migrate(db, { migrationsFolder: migrationsUpTo(1, dir) }) // the schema before charger search
 */
export function migrationsUpTo(count: number, dir: string): string {
  const folder = join(dir, `migrations-${count}`)
  mkdirSync(join(folder, 'meta'), { recursive: true })
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8'))
  const entries: { tag: string }[] = journal.entries.slice(0, count)
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }))
  for (const { tag } of entries)
    copyFileSync(join(migrationsFolder, `${tag}.sql`), join(folder, `${tag}.sql`))
  return folder
}
