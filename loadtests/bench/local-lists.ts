/**
 * `npm run bench:local-lists [-- --chargers 1000 --sites 100 --runs 3 --quick]`: one node (in this
 * process) runs `sites` × 20-connector site loops at 2 Hz (chargers stubbed on the bus, as in the
 * site-loop benchmark) while `chargers` fleet chargers (worker processes, real WebSockets, half 1.6,
 * half 2.0.1) hold local lists compiled from a co-op's policies (60 tokens: residents always,
 * visitors 18:00–08:00). Each run measures a quiet window (the baseline), then one policy change
 * (a deny for the residents switched on or off) and the flood of SendLocalList updates it causes, until
 * every charger has acknowledged its new list. Reports the medians over runs of: the time from the
 * change to the last acknowledgement, acknowledged updates per second, and the site-loop tick lag p99
 * without and with the flood, with their ratio taken within each run, and the main thread's CPU time per
 * update beyond its quiet rate (the event loop's work for the flood: a figure other load on the machine
 * disturbs far less than the tick lag).
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '@src/config'
import { openDatabase } from '@src/db/client'
import { createLogger } from '@src/lib/log'
import { type CsmsNode, startNode } from '@src/node'
import { sql } from 'drizzle-orm'
import { FleetPool } from '../fleet/pool'
import { benchArgs, median, progress, report, round, rowMaker } from './bench-kit'
import { diffHistogram, histogramQuantile, readHistogram } from './prom'
import { stubChargers, waitForSites } from './siteloop-drive'
import { seedSites } from './siteloop-seed'

const BENCH = 'local-lists'
const { out, num } = benchArgs(BENCH, {
  chargers: { type: 'string' },
  sites: { type: 'string' },
  runs: { type: 'string' },
  workers: { type: 'string' },
})
const chargers = num('chargers', 1000, 200)
const estate = { sites: num('sites', 100, 20), connectorsPerSite: 20, occupancy: 0.6, peakShare: 0.2 }
const runs = num('runs', 3, 1)
const TOKENS = 60
const PREFIX = 'LL-'
const ORG = 'coop'

/** The co-op: its chargers (on no site: the organization's rules), tokens in two groups, three policies. */
async function seedCoop(path: string): Promise<void> {
  const database = await openDatabase(`file:${path}`)
  const run = (q: ReturnType<typeof sql>) => database.db.run(q)
  try {
    await run(
      sql`INSERT INTO organizations (id, name, kind, parent_id, created_at, updated_at) VALUES (${ORG}, 'Bench co-op', 'owner', 'platform', 0, 0)`,
    )
    for (let i = 0; i < chargers; i++) {
      const id = `${PREFIX}${String(i).padStart(6, '0')}`
      await run(
        sql`INSERT INTO chargers (id, organization_id, created_at, updated_at) VALUES (${id}, ${ORG}, 0, 0)`,
      )
    }
    await run(
      sql`INSERT INTO groups (id, organization_id, name, kind, created_at, updated_at) VALUES ('visitors', ${ORG}, 'Visitors', 'visitors', 0, 0), ('residents', ${ORG}, 'Residents', 'tenants', 0, 0)`,
    )
    for (let t = 0; t < TOKENS; t++) {
      const uid = `CARD-${t}`
      await run(
        sql`INSERT INTO tokens (uid, type, organization_id, status, created_at, updated_at) VALUES (${uid}, 'ISO14443', ${ORG}, 'Accepted', 0, 0)`,
      )
      await run(
        sql`INSERT INTO group_members (group_id, member_kind, member_id, created_at) VALUES (${t % 3 === 0 ? 'visitors' : 'residents'}, 'token', ${uid}, 0)`,
      )
    }
    const policy = (
      id: string,
      position: number,
      effect: string,
      group: string,
      windows: string,
      enabled: number,
    ) =>
      run(sql`INSERT INTO access_policies (id, organization_id, name, position, enabled, effect, who_kind, who_id, where_kind, where_id, windows, holidays, created_at, updated_at)
        VALUES (${id}, ${ORG}, ${id}, ${position}, ${enabled}, ${effect}, 'group', ${group}, 'organization', ${ORG}, ${windows}, 'ignore', 0, 0)`)
    await policy('residents-off', 0, 'deny', 'residents', '[]', 0)
    await policy(
      'visitors-evenings',
      1,
      'allow',
      'visitors',
      '[{"days":[1,2,3,4,5,6,7],"from":"18:00","to":"08:00"}]',
      1,
    )
    await policy('residents', 2, 'allow', 'residents', '[]', 1)
  } finally {
    database.client.close()
  }
}

/** Fleet chargers whose acknowledged list equals the wanted one, sent at or after `since`; first and last send. */
async function acknowledged(node: CsmsNode, since: number) {
  const [row] = await node.deps.database.db.all<{ n: number; first: number | null; last: number | null }>(sql`
    SELECT count(*) AS n, min(sent_at) AS first, max(sent_at) AS last FROM local_lists
    WHERE charger_id LIKE ${`${PREFIX}%`} AND sent_at >= ${since} AND sent_hash = wanted_hash`)
  return row ?? { n: 0, first: null, last: null }
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = performance.now() + timeoutMs
  while (!(await probe())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`)
    await Bun.sleep(100)
  }
}

const lagOf = (node: CsmsNode) => readHistogram(node.deps.metrics.render(), 'site_tick_lag_seconds')

/** Linux's clock ticks per second for `/proc` CPU times (USER_HZ). */
const USER_HZ = 100

/**
 * The CPU time (ms) the main thread has used: the event loop's own work, which the site loops wait
 * behind (the writer's worker thread and the fleet's processes are not in it). Read from
 * `/proc/self/task/<pid>/stat` (utime + stime), so other load on the machine does not count.
 */
async function mainThreadCpuMs(): Promise<number> {
  const stat = await Bun.file(`/proc/self/task/${process.pid}/stat`).text()
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ
}

/** The tick lag p99 (ms) while `during` runs, and the main thread's CPU time (ms) and the wall time (ms) meanwhile. */
async function lagP99(
  node: CsmsNode,
  during: () => Promise<void>,
): Promise<{ p99: number; cpuMs: number; wallMs: number }> {
  const before = lagOf(node)
  const cpu = await mainThreadCpuMs()
  const start = performance.now()
  await during()
  return {
    p99: histogramQuantile(diffHistogram(before, lagOf(node)), 0.99) * 1000,
    cpuMs: (await mainThreadCpuMs()) - cpu,
    wallMs: performance.now() - start,
  }
}

const dbPath = join(tmpdir(), `bench-local-lists-${process.pid}.db`)
progress(
  `seeding ${estate.sites} sites × ${estate.connectorsPerSite} connectors and a co-op of ${chargers} chargers`,
)
await seedSites(dbPath, estate)
await seedCoop(dbPath)
const env = {
  PORT: '0',
  HOST: '127.0.0.1',
  DATABASE_URL: `file:${dbPath}`,
  LOG_LEVEL: 'error',
  CSMS_ADMIN_PASSWORD: 'bench-password',
}
const node = await startNode(loadConfig(env), { log: createLogger({ level: 'error' }) })
const pool = await FleetPool.spawn(num('workers', 2, 1), chargers)
const results: {
  lastAckS: number
  perS: number
  quietMs: number
  floodMs: number
  cpuPerUpdateMs: number
}[] = []
try {
  await stubChargers(node, estate)
  await waitForSites(node.deps.bus, estate.sites, 300_000)
  const boot = Date.now()
  await pool.start({
    urls: [`${node.url.replace(/^http/, 'ws')}/ocpp`],
    idPrefix: PREFIX,
    count: chargers,
    protocol: 'mixed',
    connectRate: 500,
    callTimeoutMs: 30_000,
  })
  progress(`${chargers} chargers connected; waiting for their first lists`)
  await until('first lists', async () => (await acknowledged(node, boot)).n >= chargers, 300_000)
  await until(
    'the local-list backlog to drain',
    async () => node.deps.services.localLists.backlog === 0,
    300_000,
  )
  const policies = node.deps.repos.accessPolicies
  for (let r = 0; r < runs; r++) {
    let flood = { lastAckS: 0, perS: 0 }
    const change = Date.now()
    const flooded = await lagP99(node, async () => {
      await node.deps.writer.write([policies.update('residents-off', { enabled: r % 2 === 0 }, change)])
      node.deps.services.accessChanges.changed(ORG)
      await until(
        'every charger acknowledging',
        async () => (await acknowledged(node, change)).n >= chargers,
        120_000,
      )
      const a = await acknowledged(node, change)
      flood = {
        lastAckS: ((a.last ?? change) - change) / 1000,
        perS: (chargers - 1) / Math.max(0.001, ((a.last ?? 0) - (a.first ?? 0)) / 1000),
      }
    })
    const quiet = await lagP99(node, () => Bun.sleep(Math.max(5_000, flood.lastAckS * 1000)))
    // The flood's own event-loop work: what the main thread used beyond its quiet rate (site loops, heartbeats).
    const cpuPerUpdateMs = (flooded.cpuMs - (quiet.cpuMs * flooded.wallMs) / quiet.wallMs) / chargers
    results.push({ ...flood, quietMs: quiet.p99, floodMs: flooded.p99, cpuPerUpdateMs })
    progress(
      `run ${r + 1}: last ack after ${round(flood.lastAckS, 2)} s, ${round(flood.perS)} updates/s; tick lag p99 ${round(quiet.p99)} ms quiet, ${round(flooded.p99)} ms in the flood; ${round(cpuPerUpdateMs, 2)} ms CPU per update`,
    )
  }
} finally {
  await pool.stop()
  await node.stop()
  for (const s of ['', '-wal', '-shm'])
    await Bun.file(`${dbPath}${s}`)
      .delete()
      .catch(() => undefined)
}
const row = rowMaker(BENCH, {
  chargers,
  sites: estate.sites,
  site_connectors: estate.sites * estate.connectorsPerSite,
  tokens: TOKENS,
  runs,
})
const pace = loadConfig({}).localLists
report(
  `Local lists: one policy change reaching ${chargers} chargers`,
  out,
  [
    row('last_ack_after_change', round(median(results.map((r) => r.lastAckS)), 2), 's', { budget_s: 60 }),
    row('updates_acknowledged', round(median(results.map((r) => r.perS))), '1/s', {
      configured: pace.perSecond,
    }),
    row('tick_lag_p99_quiet', round(median(results.map((r) => r.quietMs)), 2), 'ms'),
    row('tick_lag_p99_flood', round(median(results.map((r) => r.floodMs)), 2), 'ms'),
    row('flood_main_thread_cpu_per_update', round(median(results.map((r) => r.cpuPerUpdateMs)), 3), 'ms'),
    row(
      'tick_lag_p99_ratio',
      round(median(results.map((r) => r.floodMs / Math.max(0.001, r.quietMs))), 2),
      'ratio',
    ),
  ],
  [
    `one node in this process (real site actors and local-list service, LocalBus, file database); ${chargers} fleet chargers over WebSockets from worker processes (mixed 1.6/2.0.1); site chargers stubbed on the bus`,
    `pacing: ${pace.concurrency} updates at once, ${pace.perSecond} starts/s (CSMS_LOCAL_LIST_CONCURRENCY/RATE); changes debounced ${pace.debounceMs} ms per organization`,
    'the change flips a deny policy for the residents (40 of 60 tokens), so each list loses or regains 40 entries (Full or Differential, whichever is smaller); the quiet window is as long as the flood, right after it',
  ],
)
