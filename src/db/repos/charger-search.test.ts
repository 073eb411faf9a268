import { afterEach, describe, expect, test } from 'bun:test'
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomId } from '@src/lib/ids'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { type Database, openDatabase } from '../client'
import { applyMigrations, migrationsFolder } from '../migrate'
import { chargers } from '../schema'
import { ftsPhrase, likePattern } from './charger-search'
import { ChargersRepo } from './chargers'

const dir = join(tmpdir(), `csms-upgrade-${randomId(8)}`)
let database: Database | undefined
afterEach(() => {
  database?.client.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A copy of the migrations folder holding only the first migration: the schema before search. */
function migrationsBeforeSearch(): string {
  const folder = join(dir, 'migrations')
  mkdirSync(join(folder, 'meta'), { recursive: true })
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8'))
  const [first] = journal.entries
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: [first] }))
  copyFileSync(join(migrationsFolder, `${first.tag}.sql`), join(folder, `${first.tag}.sql`))
  return folder
}

describe('migration 0001_charger_search', () => {
  test('indexes the chargers stored before it, so an upgraded database finds them', async () => {
    database = await openDatabase(`file:${join(dir, 'old.db')}`)
    const { db } = database
    await migrate(db, { migrationsFolder: migrationsBeforeSearch() })
    await db.insert(chargers).values([
      { id: 'EARLY-1', label: 'Depot gate', createdAt: 1, updatedAt: 1 },
      { id: 'EARLY-2', label: null, createdAt: 1, updatedAt: 1 },
    ])
    await applyMigrations(db)
    const repo = new ChargersRepo(db)
    const find = async (search: string) => (await repo.list({ search, limit: 50 })).rows.map((r) => r.id)
    expect(await find('depot')).toEqual(['EARLY-1'])
    expect(await find('early')).toEqual(['EARLY-1', 'EARLY-2'])
  })
})

describe('search text', () => {
  test('a LIKE pattern escapes its wildcards and its escape character', () => {
    expect(likePattern('a%b_c\\d')).toBe('%a\\%b\\_c\\\\d%')
    expect(likePattern('plain')).toBe('%plain%')
  })

  test('an FTS5 phrase doubles its quotes', () => {
    expect(ftsPhrase('say "hi"')).toBe('"say ""hi"""')
    expect(ftsPhrase('AND OR *')).toBe('"AND OR *"')
  })
})
