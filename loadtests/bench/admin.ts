/**
 * `npm run bench:admin [-- --chargers 10000 --connected 1000 --quick]`: latency of the admin pages and
 * the REST API with 10,000 chargers in the database, some of them connected and charging (a light
 * OCPP mix runs meanwhile). Signed in as an operator; closed-loop clients at concurrency 1 and 8.
 * Budget: p95 ≤ 50 ms.
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FleetPool } from '../fleet/pool'
import { FLEET_TOKEN, seedDatabase } from '../fleet/seed'
import type { ServerProcess } from '../fleet/server-process'
import { SERVER_SECRETS, spawnServer } from '../fleet/server-process'
import { type BenchRow, benchArgs, progress, report, round, rowMaker } from './bench-kit'
import { adminCookie, type HttpTarget, httpLoad } from './http-load'

const BENCH = 'admin'
const { out, num } = benchArgs(BENCH, {
  chargers: { type: 'string' },
  connected: { type: 'string' },
  'duration-s': { type: 'string' },
  'background-rate': { type: 'string' },
})
const chargers = num('chargers', 10_000, 2000)
const connectedTarget = num('connected', 1000, 200)
const durationMs = num('duration-s', 10, 2) * 1000
const backgroundRate = num('background-rate', 100, 50)
const id = (i: number) => `ADM-${String(i).padStart(6, '0')}`

function targets(cookie: string, connected: number): HttpTarget[] {
  const admin = { cookie }
  const api = { authorization: `Bearer ${SERVER_SECRETS.apiKey}` }
  const anyCharger = () => Math.floor(Math.random() * chargers)
  const online = () => Math.floor(Math.random() * connected)
  const middle = 50 * Math.floor(chargers / 100)
  return [
    { name: 'admin chargers list', path: () => '/admin/chargers', headers: admin },
    {
      name: 'admin chargers list, middle page',
      path: () => `/admin/chargers?offset=${middle}`,
      headers: admin,
    },
    {
      name: 'admin chargers search',
      path: () => `/admin/chargers?search=${id(anyCharger()).slice(0, 8)}`,
      headers: admin,
    },
    { name: 'admin charger page (online)', path: () => `/admin/chargers/${id(online())}`, headers: admin },
    { name: 'admin charger page (any)', path: () => `/admin/chargers/${id(anyCharger())}`, headers: admin },
    { name: 'api chargers list', path: () => '/api/v1/chargers', headers: api },
    { name: 'api charger', path: () => `/api/v1/chargers/${id(online())}`, headers: api },
  ]
}

/** Each page and endpoint at concurrency 1 and 8, after a short warm-up. */
async function measure(server: ServerProcess, connected: number): Promise<BenchRow[]> {
  const cookie = await adminCookie(server.httpUrl, SERVER_SECRETS.adminEmail, SERVER_SECRETS.adminPassword)
  const rows: BenchRow[] = []
  for (const t of targets(cookie, connected)) {
    await httpLoad(server.httpUrl, t, 2, Math.min(2000, durationMs))
    for (const concurrency of [1, 8]) {
      const r = await httpLoad(server.httpUrl, t, concurrency, durationMs)
      const p95 = round(r.latency.percentile(95), 1)
      progress(
        `  ${t.name} ×${concurrency}: p95 ${p95} ms, ${round(r.rate)} req/s, ${r.failures} failures ${r.samples.join('; ')}`,
      )
      const row = rowMaker(BENCH, { page: t.name, concurrency, chargers, connected, budget_ms: 50 })
      rows.push(
        row('p50', round(r.latency.percentile(50), 2), 'ms'),
        row('p95', round(r.latency.percentile(95), 2), 'ms'),
        row('p99', round(r.latency.percentile(99), 2), 'ms'),
        row('throughput', round(r.rate, 1), 'req/s'),
        row('failures', r.failures, 'count'),
      )
    }
  }
  return rows
}

const dbPath = join(tmpdir(), `bench-admin-${process.pid}.db`)
progress(`seeding ${chargers} chargers`)
await seedDatabase(dbPath, { idPrefix: 'ADM-', count: chargers })
const server = await spawnServer({ mode: 'csms', dbPath })
const connected = Math.min(connectedTarget, server.socketCap(), chargers)
const pool = await FleetPool.spawn(1, connected)
try {
  progress(`connecting ${connected} chargers, mix at ${backgroundRate} msg/s in the background`)
  await pool.start({
    urls: server.ocppUrls(2),
    idPrefix: 'ADM-',
    count: connected,
    protocol: 'mixed',
    connectors: 2,
    idTag: FLEET_TOKEN,
    connectRate: 300,
  })
  await pool.prime()
  await pool.setRate(backgroundRate)
  const rows = await measure(server, connected)
  const { stats } = await pool.snapshot()
  report(`Admin and API latency: ${chargers} chargers, ${connected} connected`, out, rows, [
    `signed in as an operator (session cookie) / API bearer key; the connected chargers run the OCPP mix at ${backgroundRate} msg/s meanwhile (${stats.counters.ok} calls answered, ${stats.counters.txCompleted} transactions completed)`,
  ])
} finally {
  await pool.stop()
  await server.stop()
}
