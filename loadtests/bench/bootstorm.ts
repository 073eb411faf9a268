/**
 * `npm run bench:bootstorm [-- --chargers 10000 --runs 3 --quick]`: a node has just started and all
 * its registered chargers connect at once (as after a restart or a network outage). Measures the time
 * until the last BootNotification is Accepted (budget ≤ 30 s); chargers whose handshake fails retry
 * with backoff, as real ones do. The fleet runs in worker processes; the target is capped at what
 * the server process can hold under its open-file limit. Median of `--runs` fresh nodes.
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FleetProtocol } from '../fleet/fleet'
import { FleetPool } from '../fleet/pool'
import { CpuMeter } from '../fleet/proc'
import { FLEET_TOKEN, seedDatabase } from '../fleet/seed'
import { spawnServer } from '../fleet/server-process'
import { actionRtt, type StatsSnapshot } from '../fleet/stats'
import { type BenchRow, benchArgs, latencyRows, median, progress, report, round } from './bench-kit'
import { fleetErrors } from './fleet-report'

const BENCH = 'bootstorm'
const { out, values, num } = benchArgs(BENCH, {
  chargers: { type: 'string' },
  workers: { type: 'string' },
  runs: { type: 'string' },
  protocol: { type: 'string', default: 'mixed' },
})
const target = num('chargers', 10_000, 1000)
const runs = num('runs', 3, 1)
const protocol = values.protocol as FleetProtocol

interface StormResult {
  chargers: number
  booted: number
  lastBootS: number
  cores: number
  rssMb: number
  stats: StatsSnapshot
  fdLimit: number
}

async function storm(run: number): Promise<StormResult> {
  const dbPath = join(tmpdir(), `bench-bootstorm-${process.pid}-${run}.db`)
  await seedDatabase(dbPath, { idPrefix: 'BOOT-', count: target })
  const server = await spawnServer({ mode: 'csms', dbPath })
  const n = Math.min(target, server.socketCap())
  const pool = await FleetPool.spawn(num('workers', 2, 1), n)
  try {
    await Bun.sleep(1000)
    progress(`run ${run + 1}: ${n} chargers connect at once (${pool.size} workers)`)
    const cpu = new CpuMeter(server.pid)
    const up = await pool.start({
      urls: server.ocppUrls(4),
      idPrefix: 'BOOT-',
      count: n,
      protocol,
      idTag: FLEET_TOKEN,
      connectRate: 0,
      callTimeoutMs: 30_000,
      bringUpDeadlineMs: 120_000,
    })
    const cores = cpu.sample()
    const { stats } = await pool.snapshot()
    const lastBootS = (up.lastBootMs ?? Number.NaN) / 1000
    progress(`  ${up.booted}/${n} booted, last boot accepted after ${round(lastBootS, 2)} s`)
    const rssMb = server.rss().rss / 1024 / 1024
    return { chargers: n, booted: up.booted, lastBootS, cores, rssMb, stats, fdLimit: server.fdLimit() }
  } finally {
    await pool.stop()
    await server.stop()
  }
}

const results: StormResult[] = []
for (let run = 0; run < runs; run++) results.push(await storm(run))
const last = results.at(-1)!
const params = { chargers: last.chargers, protocol, runs }
const med = (f: (r: StormResult) => number) => round(median(results.map(f)), 2)
const rows: BenchRow[] = [
  {
    bench: BENCH,
    metric: 'last_boot_accepted',
    value: med((r) => r.lastBootS),
    unit: 's',
    budget_s: 30,
    ...params,
  },
  { bench: BENCH, metric: 'booted', value: med((r) => r.booted), unit: 'chargers', ...params },
  {
    bench: BENCH,
    metric: 'boots_per_s',
    value: med((r) => r.booted / r.lastBootS),
    unit: 'chargers/s',
    ...params,
  },
  { bench: BENCH, metric: 'server_cpu', value: med((r) => r.cores), unit: 'cores', ...params },
  { bench: BENCH, metric: 'server_rss_after', value: med((r) => r.rssMb), unit: 'MB', ...params },
  ...latencyRows(BENCH, 'handshake', actionRtt(last.stats, 'connect'), params),
  ...latencyRows(BENCH, 'boot_rtt', actionRtt(last.stats, 'boot'), params),
  ...fleetErrors(BENCH, last.stats, params),
]
report(`Boot storm: ${last.chargers} chargers connecting at once (median of ${runs})`, out, rows, [
  `target ${target} chargers, capped by the server's RLIMIT_NOFILE ${last.fdLimit} (minus open files and headroom)`,
  `runs: ${results.map((r) => `${round(r.lastBootS, 2)} s`).join(', ')}; latency and error rows are from the last run`,
])
