import { afterEach, describe, expect, test } from 'bun:test'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomId } from '@src/lib/ids'
import { sql } from 'drizzle-orm'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { type Database, openDatabase } from '../client'
import { applyMigrations } from '../migrate'
import { migrationsUpTo } from '../testing'
import { ftsPhrase, likePattern } from './charger-search'
import { ChargersRepo } from './chargers'

const dir = join(tmpdir(), `csms-upgrade-${randomId(8)}`)
let database: Database | undefined
afterEach(() => {
  database?.client.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('migration 0001_charger_search', () => {
  test('indexes the chargers stored before it, so an upgraded database finds them', async () => {
    database = await openDatabase(`file:${join(dir, 'old.db')}`)
    const { db } = database
    await migrate(db, { migrationsFolder: migrationsUpTo(1, dir) })
    // The columns of that time only: the schema module describes today's table.
    await db.run(
      sql`INSERT INTO chargers (id, label, created_at, updated_at) VALUES ('EARLY-1', 'Depot gate', 1, 1), ('EARLY-2', NULL, 1, 1)`,
    )
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
