/**
 * `npm run bench:siteloop [-- --sites 1000 --connectors 20 --window-s 60 --quick]`: the real site
 * actors of one node (in this process) running 1,000 sites × 20 connectors at 2 Hz (loop interval
 * 500 ms), 60 % of connectors charging, meter values arriving, charger commands answered by a stub on
 * the bus. Measures tick lag (the node's `site_tick_lag_seconds` and the sites' status events), ticks
 * and setpoints per second, event-loop delay, CPU and memory. Budget: tick lag p99 ≤ 50 ms.
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { subjects } from '@src/bus/subjects'
import { loadConfig } from '@src/config'
import type { SiteStatus } from '@src/domain/site/status'
import { createLogger } from '@src/lib/log'
import { type CsmsNode, startNode } from '@src/node'
import { Histogram } from '../fleet/histogram'
import { type BenchRow, benchArgs, progress, report, round, rowMaker } from './bench-kit'
import {
  beyondRange,
  diffHistogram,
  histogramQuantile,
  type PromHistogram,
  readHistogram,
  shareAtOrBelow,
} from './prom'
import { feedMeters, loopDelayProbe, stubChargers, waitForSites } from './siteloop-drive'
import { seedSites } from './siteloop-seed'

const BENCH = 'siteloop'
const { out, num } = benchArgs(BENCH, {
  sites: { type: 'string' },
  connectors: { type: 'string' },
  'window-s': { type: 'string' },
  'meter-every-s': { type: 'string' },
  'startup-timeout-s': { type: 'string' },
})
const estate = {
  sites: num('sites', 1000, 50),
  connectorsPerSite: num('connectors', 20, 20),
  occupancy: 0.6,
  peakShare: 0.2,
}
const windowMs = num('window-s', 60, 5) * 1000
const meterEveryS = num('meter-every-s', 30, 30)

/** What the measured window saw. */
interface Window {
  seconds: number
  lag: PromHistogram
  statuses: Histogram
  ticks: number
  commands: number
  meters: number
  delay: Histogram
  cpuCores: number
  heapMb: number
  rssMb: number
}

const lagOf = (node: CsmsNode) => readHistogram(node.deps.metrics.render(), 'site_tick_lag_seconds')
const ticksOf = (node: CsmsNode) =>
  node.deps.metrics
    .render()
    .split('\n')
    .filter((l) => l.startsWith('site_ticks_total{'))
    .reduce((n, l) => n + Number(l.split(' ').at(-1)), 0)

/** Runs the meter feed, warms up, then measures one window. */
async function measure(
  node: CsmsNode,
  stub: { commands: () => number },
  sessions: Parameters<typeof feedMeters>[1],
): Promise<Window> {
  const statuses = new Histogram()
  let measuring = false
  node.deps.bus.subscribe(subjects.allSiteStatus, (p) => {
    if (measuring) statuses.record((p as SiteStatus).lagMs.last)
  })
  const meters = feedMeters(node.deps.bus, sessions, meterEveryS)
  await Bun.sleep(Math.min(10_000, windowMs / 2))
  const before = { lag: lagOf(node), ticks: ticksOf(node), commands: stub.commands(), meters: meters.sent() }
  const cpu = process.cpuUsage()
  const probe = loopDelayProbe()
  measuring = true
  const t0 = performance.now()
  await Bun.sleep(windowMs)
  measuring = false
  const seconds = (performance.now() - t0) / 1000
  const used = process.cpuUsage(cpu)
  const delay = probe.stop()
  meters.stop()
  const after = { lag: lagOf(node), ticks: ticksOf(node), commands: stub.commands(), meters: meters.sent() }
  Bun.gc(true)
  const memory = process.memoryUsage()
  return {
    seconds,
    lag: diffHistogram(before.lag, after.lag),
    statuses,
    ticks: after.ticks - before.ticks,
    commands: after.commands - before.commands,
    meters: after.meters - before.meters,
    delay,
    cpuCores: (used.user + used.system) / 1e6 / seconds,
    heapMb: memory.heapUsed / 1024 / 1024,
    rssMb: memory.rss / 1024 / 1024,
  }
}

function rowsOf(w: Window, sessions: number, running: number, startupS: number): BenchRow[] {
  const params = {
    sites: estate.sites,
    connectors: estate.sites * estate.connectorsPerSite,
    sessions,
    interval_ms: 500,
  }
  const row = rowMaker(BENCH, params)
  const ms = (q: number) => round(histogramQuantile(w.lag, q) * 1000, 2)
  const perS = (n: number) => round(n / w.seconds)
  return [
    row('tick_lag_p50', ms(0.5), 'ms', beyondRange(w.lag, 0.5) ? { at_least: true } : {}),
    row('tick_lag_p99', ms(0.99), 'ms', {
      budget_ms: 50,
      ...(beyondRange(w.lag, 0.99) ? { at_least: true } : {}),
    }),
    row('ticks_within_50ms', round(shareAtOrBelow(w.lag, 0.05) * 100, 2), '%'),
    row('tick_lag_mean', round((w.lag.sum / Math.max(1, w.lag.count)) * 1000, 2), 'ms'),
    row('status_lag_p99', round(w.statuses.percentile(99), 2), 'ms'),
    row('status_lag_max', round(w.statuses.max, 2), 'ms'),
    row('scheduled_ticks', perS(w.lag.count), '1/s', { expected: estate.sites * 2 }),
    row('all_ticks', perS(w.ticks), '1/s'),
    row('setpoint_commands', perS(w.commands), '1/s'),
    row('meter_events', perS(w.meters), '1/s'),
    row('event_loop_delay_p99', round(w.delay.percentile(99), 2), 'ms'),
    row('cpu', round(w.cpuCores, 3), 'cores'),
    row('heap_after_gc', round(w.heapMb, 1), 'MB'),
    row('rss', round(w.rssMb, 1), 'MB'),
    row('sites_running', running, 'sites'),
    row('startup', round(startupS, 1), 's'),
  ]
}

const dbPath = join(tmpdir(), `bench-siteloop-${process.pid}.db`)
progress(`seeding ${estate.sites} sites × ${estate.connectorsPerSite} connectors`)
const sessions = await seedSites(dbPath, estate)
const env = {
  PORT: '0',
  HOST: '127.0.0.1',
  DATABASE_URL: `file:${dbPath}`,
  LOG_LEVEL: 'warn',
  CSMS_ADMIN_PASSWORD: 'bench-password',
}
const started = performance.now()
const log = createLogger({ level: 'warn' })
const node = await startNode(loadConfig(env), { log })
try {
  const stub = await stubChargers(node, estate)
  const running = await waitForSites(node.deps.bus, estate.sites, num('startup-timeout-s', 900, 120) * 1000)
  const startupS = (performance.now() - started) / 1000
  progress(`${running} of ${estate.sites} site loops running after ${round(startupS, 1)} s; measuring`)
  const w = await measure(node, stub, sessions)
  report(
    `Site loop: ${estate.sites} sites × ${estate.connectorsPerSite} connectors at 2 Hz`,
    out,
    rowsOf(w, sessions.length, running, startupS),
    [
      `one node in this process (real SiteActors, LocalBus, file database); ${sessions.length} open sessions, a meter value per session every ${meterEveryS} s; charger commands answered Accepted by a stub on the bus`,
      "tick lag p50/p99 interpolated from the node histogram site_tick_lag_seconds (buckets up to 10 s; `at_least` marks a quantile beyond the last bucket); status_lag from the sites' status events (one sample per site per second)",
    ],
  )
} finally {
  await node.stop()
  for (const s of ['', '-wal', '-shm'])
    await Bun.file(`${dbPath}${s}`)
      .delete()
      .catch(() => undefined)
}
