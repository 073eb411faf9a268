/**
 * `npm run bench:billing [-- --drivers 10000 --cdrs 3 --runs 3 --quick]`: a month's billing run for a
 * co-op with `drivers` drivers, each with `cdrs` sessions in November, on a node with the default
 * configuration (an embedded libsql file, the writer thread, group commit). Each run starts a fresh
 * node and database, seeds the drivers and CDRs through the repositories and the writer (batches of
 * 2,000 writes), then times the billing run (one invoice per driver, 200 per commit) and a rerun
 * of the same month (idempotent: 0 new invoices). Reports the medians and invoices per second.
 */
import type { NewCdr } from '@src/db/repos/cdrs'
import type { WriteQuery } from '@src/db/writer'
import { Decimal, dec } from '@src/domain/tariffs/decimal'
import { PERMISSIONS } from '@src/domain/tenancy/permissions'
import { systemScope } from '@src/domain/tenancy/scope'
import { testCdr, testProfile } from '@src/testing/billing-fixtures'
import { startTestNode, type TestNode } from '@src/testing/node'
import { benchArgs, median, progress, report, round, rowMaker } from './bench-kit'

const BENCH = 'billing'
const { out, num } = benchArgs(BENCH, {
  drivers: { type: 'string' },
  cdrs: { type: 'string' },
  runs: { type: 'string' },
})
const drivers = num('drivers', 10_000, 500)
const perDriver = num('cdrs', 3, 2)
const runs = num('runs', 3, 1)
const ORG = 'bench-coop'
const MONTH = '2026-11'
const NOV = Date.parse('2026-11-01T12:00:00Z')
const BATCH = 2000
const scope = systemScope('bench:billing', new Set(PERMISSIONS))

/** Writes `queries` through the node's writer, `BATCH` at a time. */
async function writeAll(node: TestNode, queries: readonly WriteQuery[]): Promise<void> {
  for (let i = 0; i < queries.length; i += BATCH) await node.deps.writer.write(queries.slice(i, i + BATCH))
}

/** The seller, its drivers and their November CDRs (amounts vary per session, 25 % VAT). */
async function seed(node: TestNode): Promise<void> {
  const now = Date.now()
  await node.deps.services.billingProfiles.put(scope, ORG, testProfile({ invoicePrefix: 'B-' }))
  const { people, cdrs } = node.deps.repos
  await writeAll(
    node,
    Array.from({ length: drivers }, (_, i) =>
      people.insertDriver({
        id: `drv-${i}`,
        organizationId: ORG,
        name: `Driver ${i}`,
        email: `driver${i}@example.com`,
        phone: null,
        language: 'sv',
        householdId: null,
        businessAccountId: null,
        costCentre: null,
        createdAt: now,
        updatedAt: now,
      }),
    ),
  )
  const rows: NewCdr[] = []
  for (let i = 0; i < drivers; i++)
    for (let k = 0; k < perDriver; k++) {
      const excl = dec(2000 + ((i * 7 + k * 13) % 400) * 10).dividedBy(100)
      rows.push(
        testCdr({
          organizationId: ORG,
          payer: `driver:drv-${i}`,
          endedAt: NOV + ((i * perDriver + k) % (28 * 24)) * 3_600_000,
          excl: excl.toFixed(2),
          incl: excl.times('1.25').toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
        }),
      )
    }
  await writeAll(
    node,
    rows.map((r) => cdrs.insert(r)),
  )
}

const times = { seed: [] as number[], run: [] as number[], rerun: [] as number[] }
let issued = 0
let again = -1
for (let r = 0; r < runs; r++) {
  const node = await startTestNode({ LOG_LEVEL: 'warn' })
  try {
    let t = performance.now()
    await seed(node)
    times.seed.push(performance.now() - t)
    t = performance.now()
    const first = await node.deps.services.billingRuns.run(scope, ORG, MONTH)
    times.run.push(performance.now() - t)
    if (first.outcome !== 'done') throw new Error(`billing run ${first.outcome}: ${first.error}`)
    issued = first.invoiceIds.length
    t = performance.now()
    const second = await node.deps.services.billingRuns.run(scope, ORG, MONTH)
    times.rerun.push(performance.now() - t)
    again = second.invoiceIds.length
    progress(
      `run ${r + 1}: seeded in ${round(times.seed.at(-1) ?? 0, 0)} ms, ${issued} invoices in ${round(times.run.at(-1) ?? 0, 0)} ms, rerun ${again} new in ${round(times.rerun.at(-1) ?? 0, 0)} ms`,
    )
  } finally {
    await node.dispose()
  }
}
if (issued !== drivers) throw new Error(`expected ${drivers} invoices, got ${issued}`)
if (again !== 0) throw new Error(`a rerun issued ${again} invoices`)
const row = rowMaker(BENCH, { drivers, cdrs: drivers * perDriver, runs })
const run = median(times.run)
report('Billing run', out, [
  row('seed_median', round(median(times.seed), 0), 'ms'),
  row('run_median', round(run, 0), 'ms', { invoices: issued }),
  row('invoices_per_second', round((issued / run) * 1000, 0), 'invoices/s'),
  row('rerun_median', round(median(times.rerun), 0), 'ms', { newInvoices: again }),
])
