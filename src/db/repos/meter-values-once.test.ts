import { afterEach, describe, expect, test } from 'bun:test'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InValue } from '@libsql/client'
import type { MeterSample } from '@src/domain/charger/types'
import { randomId } from '@src/lib/ids'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { type Database, openDatabase } from '../client'
import { applyMigrations } from '../migrate'
import { migrationsUpTo, openTestDatabase } from '../testing'
import { TransactionsRepo } from './transactions'

/** A sample row by column name, as a charger's retry would insert it again. */
type Row = Record<string, InValue>

const SAMPLED_AT = 1_700_000_000_000
const BASE: Row = {
  charger_id: 'CP-1',
  sampled_at: SAMPLED_AT,
  evse_id: 1,
  measurand: 'Energy.Active.Import.Register',
  phase: null,
  location: 'Outlet',
  context: 'Sample.Periodic',
  unit: 'Wh',
  raw: '1234.5',
}

const dir = join(tmpdir(), `csms-meter-once-${randomId(8)}`)
let database: (Database & { remove?(): void }) | undefined
afterEach(() => {
  if (database?.remove) database.remove()
  else database?.client.close()
  database = undefined
  rmSync(dir, { recursive: true, force: true })
})

async function insert(row: Row): Promise<void> {
  const columns = Object.keys(row)
  await database!.client.execute({
    sql: `insert into meter_values (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
    args: Object.values(row),
  })
}

async function stored(): Promise<number> {
  const { rows } = await database!.client.execute('select count(*) as n from meter_values')
  return Number(rows[0]!.n)
}

describe('meter_values_once: a sample is stored once by its content', () => {
  test('the same sample inserted again is skipped without an error', async () => {
    database = await openTestDatabase()
    await insert(BASE)
    await insert(BASE)
    await insert({ ...BASE, sampled_at: String(SAMPLED_AT) })
    expect(await stored()).toBe(1)
  })

  test.each(['phase', 'location', 'context', 'unit'])('a missing %s equals an empty one', async (column) => {
    database = await openTestDatabase()
    await insert({ ...BASE, [column]: null })
    await insert({ ...BASE, [column]: '' })
    const { [column]: _, ...without } = BASE
    await insert(without)
    expect(await stored()).toBe(1)
  })

  test('columns the content leaves out (transaction, format, parsed value) do not make a retry new', async () => {
    database = await openTestDatabase()
    await insert(BASE)
    await insert({ ...BASE, transaction_id: 7, format: 'Raw', value: 1234.5 })
    expect(await stored()).toBe(1)
  })

  test.each([
    ['charger_id', 'CP-2'],
    ['sampled_at', SAMPLED_AT + 1],
    ['evse_id', 2],
    ['measurand', 'Power.Active.Import'],
    ['phase', 'L1'],
    ['location', 'Inlet'],
    ['context', 'Transaction.End'],
    ['unit', 'kWh'],
    ['raw', '1234.50'],
  ])('a sample differing only in %s is stored', async (column, value) => {
    database = await openTestDatabase()
    await insert(BASE)
    await insert({ ...BASE, [column]: value })
    expect(await stored()).toBe(2)
  })

  test('the lookup searches the narrow index by charger and time', async () => {
    database = await openTestDatabase()
    const { rows } = await database.client.execute(
      "select sql from sqlite_master where type = 'trigger' and name = 'meter_values_once'",
    )
    const trigger = String(rows[0]!.sql)
    const lookup = trigger
      .slice(trigger.indexOf('SELECT 1'), trigger.lastIndexOf(')'))
      .replaceAll(/NEW\.`(\w+)`/g, ':$1')
    const plan = await database.client.execute({ sql: `explain query plan ${lookup}`, args: BASE })
    expect(plan.rows.map((r) => r.detail)).toEqual([
      'SEARCH m USING INDEX meter_values_by_charger (charger_id=? AND sampled_at=?)',
    ])
  })

  test('samples retried through insertSamples, with or without a transaction, are stored once', async () => {
    database = await openTestDatabase()
    const repo = new TransactionsRepo(database.db)
    const samples: MeterSample[] = [
      { timestamp: 1000, measurand: 'Energy.Active.Import.Register', unit: 'Wh', value: 10, raw: '10' },
      { timestamp: 1000, measurand: 'Current.Import', phase: 'L1', unit: 'A', value: 16, raw: '16' },
      { timestamp: 1000, measurand: 'Current.Import', phase: 'L2', unit: 'A', value: 16, raw: '16' },
    ]
    const run = (statements: { sql: string; args: InValue[] }[]) =>
      database!.client.batch(statements, 'write')
    await run(repo.insertSamples('CP-1', 1, null, samples))
    await run(repo.insertSamples('CP-1', 1, 5, samples))
    await run(
      repo.insertSamples('CP-1', 1, { wireTxId: 'tx-1' }, [...samples, { ...samples[0]!, raw: '11' }]),
    )
    expect(await stored()).toBe(4)
  })
})

describe('migration 0006_meter_values_once', () => {
  test('replaces the content index on a database with samples, and a retry still adds nothing', async () => {
    database = await openDatabase(`file:${join(dir, 'old.db')}`)
    await migrate(database.db, { migrationsFolder: migrationsUpTo(6, dir) })
    await insert(BASE)
    await insert({ ...BASE, phase: 'L1' })
    await applyMigrations(database.db)
    const { rows } = await database.client.execute(
      "select type, name, sql from sqlite_master where tbl_name = 'meter_values' and name like 'meter_values_%' order by name",
    )
    expect(rows.map((r) => [r.type, r.name])).toEqual([
      ['index', 'meter_values_by_charger'],
      ['index', 'meter_values_by_tx'],
      ['trigger', 'meter_values_once'],
    ])
    await insert(BASE)
    await insert({ ...BASE, phase: 'L1' })
    await insert({ ...BASE, phase: '' })
    expect(await stored()).toBe(2)
    await insert({ ...BASE, phase: 'L2' })
    expect(await stored()).toBe(3)
  })
})
