/**
 * `npm run bench:meter-storage [-- --n 1000 --runs 3 --quick]`: what storing MeterValues writes, with
 * the nine-value unique index of migration 0002 (the schema up to 0005) against the trigger of 0006.
 * Each of `n` MeterValues (one charger's periodic reading: energy register, power, current and voltage
 * per phase, 8 samples) is one commit through `TransactionsRepo.insertSamples`, into a fresh file
 * database in WAL mode with checkpoints off, so the WAL holds every frame written. Reports pages added
 * (`PRAGMA page_count`) and WAL bytes per 1000 MeterValues, median of `runs`. The data is the same in
 * every run, so the page and byte figures are deterministic; the time is not (it is mostly fsync).
 */
import { mkdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '@src/db/client'
import { applyMigrations } from '@src/db/migrate'
import { TransactionsRepo } from '@src/db/repos/transactions'
import { migrationsUpTo } from '@src/db/testing'
import type { MeterSample } from '@src/domain/charger/types'
import { randomId } from '@src/lib/ids'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { type BenchRow, benchArgs, median, progress, report, round, rowMaker } from './bench-kit'

const BENCH = 'meter-storage'
const { out, num } = benchArgs(BENCH, { n: { type: 'string' }, runs: { type: 'string' } })
const n = num('n', 1000, 100)
const runs = num('runs', 3, 1)
const CHARGERS = 20
const T0 = Date.UTC(2026, 2, 1, 18)
const PER_1000 = 1000 / n

/** The schema under test: migrations up to 0005 (content index) or all of them (trigger). */
const SCHEMAS = [
  { name: 'content index (0002)', migrations: 6 },
  { name: 'trigger (0006)', migrations: undefined },
] as const

/** MeterValues `i`: charger `i mod 20`, every 10 s, readings that depend on `i` only. */
function meterValues(i: number): { chargerId: string; tx: number; samples: MeterSample[] } {
  const charger = i % CHARGERS
  const timestamp = T0 + Math.floor(i / CHARGERS) * 10_000
  const wh = 1000 + Math.floor(i / CHARGERS) * 30
  const sample = (measurand: string, unit: string, value: number, phase?: string): MeterSample => ({
    timestamp,
    measurand,
    unit,
    value,
    raw: String(value),
    context: 'Sample.Periodic',
    location: 'Outlet',
    ...(phase ? { phase } : {}),
  })
  const amps = 16 + (i % 7) / 10
  const volts = (k: number) => 229 + ((i + k) % 5)
  return {
    chargerId: `MS-${String(charger).padStart(4, '0')}`,
    tx: charger + 1,
    samples: [
      sample('Energy.Active.Import.Register', 'Wh', wh),
      sample('Power.Active.Import', 'W', round(3 * amps * 230, 1)),
      ...['L1', 'L2', 'L3'].map((p) => sample('Current.Import', 'A', amps, p)),
      ...['L1-N', 'L2-N', 'L3-N'].map((p, k) => sample('Voltage', 'V', volts(k), p)),
    ],
  }
}

/** One run on a fresh database: pages and WAL bytes added by `n` MeterValues, and the time taken. */
async function run(dir: string, migrations: number | undefined) {
  const file = join(dir, `${randomId(6)}.db`)
  const database = await openDatabase(`file:${file}`)
  const { client, db } = database
  try {
    if (migrations === undefined) await applyMigrations(db)
    else await migrate(db, { migrationsFolder: migrationsUpTo(migrations, dir) })
    await client.execute('PRAGMA wal_autocheckpoint = 0')
    await client.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    const pages = async () => Number((await client.execute('PRAGMA page_count')).rows[0]![0])
    const pagesBefore = await pages()
    const walBefore = statSync(`${file}-wal`).size
    const repo = new TransactionsRepo(db)
    const started = performance.now()
    for (let i = 0; i < n; i++) {
      const mv = meterValues(i)
      await client.batch(repo.insertSamples(mv.chargerId, 1, mv.tx, mv.samples), 'write')
    }
    const ms = performance.now() - started
    const stored = Number((await client.execute('select count(*) from meter_values')).rows[0]![0])
    if (stored !== n * 8) throw new Error(`stored ${stored} samples, expected ${n * 8}`)
    return {
      pageSize: Number((await client.execute('PRAGMA page_size')).rows[0]![0]),
      pages: (await pages()) - pagesBefore,
      walBytes: statSync(`${file}-wal`).size - walBefore,
      ms,
    }
  } finally {
    client.close()
  }
}

const dir = join(tmpdir(), `csms-bench-meter-${randomId(6)}`)
mkdirSync(dir, { recursive: true })
const rows: BenchRow[] = []
const figures: Record<string, { pages: number; walBytes: number }> = {}
let pageSize = 0
try {
  for (const schema of SCHEMAS) {
    const results = []
    for (let r = 0; r < runs; r++) results.push(await run(dir, schema.migrations))
    const pages = median(results.map((x) => x.pages)) * PER_1000
    const walBytes = median(results.map((x) => x.walBytes)) * PER_1000
    const ms = median(results.map((x) => x.ms)) * PER_1000
    figures[schema.name] = { pages, walBytes }
    pageSize = results[0]!.pageSize
    progress(`${schema.name}: ${pages} pages, ${walBytes} WAL bytes, ${round(ms)} ms per 1000 MeterValues`)
    const row = rowMaker(BENCH, { schema: schema.name, meter_values: n, samples_each: 8, runs })
    rows.push(
      row('pages_per_1000_meter_values', round(pages, 1), 'pages'),
      row('wal_per_1000_meter_values', round(walBytes / 1024, 1), 'KiB'),
      row('time_per_1000_meter_values', round(ms), 'ms'),
    )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
const [before, after] = SCHEMAS.map((s) => figures[s.name]!)
const change = (a: number, b: number) => `${round(((b - a) / a) * 100, 1)} %`
report('Meter value storage: pages and WAL bytes per 1000 MeterValues (8 samples each)', out, rows, [
  `one commit per MeterValues, page size ${pageSize} bytes, median of ${runs} run(s) of ${n}`,
  `trigger against content index: pages ${change(before!.pages, after!.pages)}, WAL bytes ${change(before!.walBytes, after!.walBytes)}`,
])
