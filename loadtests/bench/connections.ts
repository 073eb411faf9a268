/**
 * `npm run bench:connections [-- --chargers 60000 --settle-s 30 --connect-rate 300 --quick]`: how many
 * chargers one node holds, connected and heartbeating, and what each costs in RSS. The server runs as
 * a child process (so its RSS is its own); it is measured idle, after connecting, and after a settle
 * period and a full GC. The last 10 % connect after the rest has settled, giving the warm marginal
 * cost per charger (the first connections also grow allocator arenas once). The target is capped at
 * what the server process can hold under its open-file limit.
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FleetOptions, FleetProtocol } from '../fleet/fleet'
import { FleetPool, type PoolSnapshot } from '../fleet/pool'
import { CpuMeter } from '../fleet/proc'
import { FLEET_TOKEN, seedDatabase } from '../fleet/seed'
import { type ServerProcess, spawnServer } from '../fleet/server-process'
import { actionRtt, allRtt } from '../fleet/stats'
import { type BenchRow, benchArgs, latencyRows, progress, report, round, rowMaker } from './bench-kit'
import { fleetErrors, heapGrowth } from './fleet-report'

const BENCH = 'connections'
const { out, quick, values, num } = benchArgs(BENCH, {
  chargers: { type: 'string' },
  workers: { type: 'string' },
  'connect-rate': { type: 'string' },
  'settle-s': { type: 'string' },
  'heartbeat-s': { type: 'string' },
  addresses: { type: 'string' },
  protocol: { type: 'string', default: 'mixed' },
})
const target = num('chargers', 60_000, 1000)
const settleMs = num('settle-s', 30, 3) * 1000
const heartbeatS = num('heartbeat-s', 60, 10)
const connectRate = num('connect-rate', 300, 500)
const protocol = values.protocol as FleetProtocol
const MB = 1024 * 1024

/** Server memory at one point: RSS (from /proc) and JS heap in use. */
interface Memory {
  rss: number
  heap: number
}

/** Everything one run measured. */
interface Measured {
  n: number
  last: number
  connectS: number
  idle: Memory
  connected: number
  first: Memory
  all: Memory
  cores: number
  snap: PoolSnapshot
  workers: number
  heap: string
}

/** Waits for the settle period, collects the server's garbage and reads its memory. */
async function settledMemory(s: ServerProcess): Promise<Memory> {
  await Bun.sleep(settleMs)
  const stats = await s.gc()
  await Bun.sleep(500)
  return { rss: s.rss().rss, heap: stats.heapUsed }
}

async function measure(s: ServerProcess): Promise<Measured> {
  await Bun.sleep(1000)
  const idle = { rss: s.rss().rss, heap: (await s.gc()).heapUsed }
  const heapIdle = await s.heapTop()
  const n = Math.min(target, s.socketCap())
  const last = Math.max(1, Math.round(n * 0.1))
  const pool = await FleetPool.spawn(num('workers', 2, 1), n)
  progress(`server fd limit ${s.fdLimit()}, socket cap ${s.socketCap()}: ${n} chargers at ${connectRate}/s`)
  const fleet: FleetOptions = {
    urls: s.ocppUrls(num('addresses', 4, 2)),
    idPrefix: 'CONN-',
    count: n - last,
    protocol,
    idTag: FLEET_TOKEN,
    heartbeatIntervalS: heartbeatS,
    connectRate,
  }
  const started = performance.now()
  await pool.start(fleet)
  const connectS = (performance.now() - started) / 1000
  const connected = s.rss().rss
  progress(`${n - last} connected in ${round(connectS, 1)} s; settling ${settleMs / 1000} s`)
  const cpu = new CpuMeter(s.pid)
  const first = await settledMemory(s)
  const cores = cpu.sample()
  progress(`connecting the last ${last}`)
  await pool.start({ ...fleet, first: n - last, count: last })
  const all = await settledMemory(s)
  const heap = heapGrowth(heapIdle, await s.heapTop(), n)
  const snap = await pool.snapshot()
  await pool.stop()
  return { n, last, connectS, idle, connected, first, all, cores, snap, workers: pool.size, heap }
}

function rowsOf(m: Measured, fdLimit: number): BenchRow[] {
  const params = { chargers: m.n, protocol, heartbeat_s: heartbeatS, connect_rate: connectRate }
  const row = rowMaker(BENCH, params)
  const perKb = (bytes: number, count: number) => round(bytes / count / 1024, 2)
  return [
    row('target_chargers', target, 'chargers'),
    row('server_fd_limit', fdLimit, 'files'),
    row('connected_chargers', m.snap.progress.booted, 'chargers'),
    row('connect_rate_achieved', round((m.n - m.last) / m.connectS), 'chargers/s'),
    row('rss_idle', round(m.idle.rss / MB, 1), 'MB'),
    row('rss_connected', round(m.connected / MB, 1), 'MB'),
    row('rss_settled_gc', round(m.all.rss / MB, 1), 'MB'),
    row('rss_per_charger', perKb(m.all.rss - m.idle.rss, m.n), 'KB', { budget_kb: 8 }),
    row('rss_per_charger_marginal', perKb(m.all.rss - m.first.rss, m.last), 'KB', { batch: m.last }),
    row('heap_per_charger', perKb(m.all.heap - m.idle.heap, m.n), 'KB'),
    row('server_cpu_heartbeating', round(m.cores, 3), 'cores'),
    row('worker_rss_per_charger', perKb(Math.max(...m.snap.workerRss), m.n / m.workers), 'KB'),
    ...latencyRows(BENCH, 'handshake', actionRtt(m.snap.stats, 'connect'), params),
    ...latencyRows(BENCH, 'ocpp_rtt', allRtt(m.snap.stats), params),
    ...fleetErrors(BENCH, m.snap.stats, params),
  ]
}

const dbPath = join(tmpdir(), `bench-connections-${process.pid}.db`)
progress(`seeding ${target} chargers`)
await seedDatabase(dbPath, { idPrefix: 'CONN-', count: target })
const server = await spawnServer({
  mode: 'csms',
  env: { CSMS_HEARTBEAT_INTERVAL_S: String(heartbeatS) },
  dbPath,
})
try {
  const m = await measure(server)
  report(
    `Connections: ${m.n} chargers connected and heartbeating (${protocol})`,
    out,
    rowsOf(m, server.fdLimit()),
    [
      `target ${target} chargers, capped at ${m.n} = server RLIMIT_NOFILE ${server.fdLimit()} − open files − headroom`,
      `RSS per charger = (settled RSS with all ${m.n} − idle RSS) / ${m.n}, incl. first-batch allocator growth; marginal = growth from the last ${m.last} after the rest settled (after a full GC each time)`,
    ],
  )
  console.log(`\n### Heap objects added by ${m.n} chargers (JSC census after a full GC)\n\n${m.heap}`)
  if (quick) console.log('\n(quick mode: smoke figures only)')
} finally {
  await server.stop()
}
