/**
 * `npm run bench:throughput [-- --chargers 5000 --runs 3 --quick]`: the highest sustained rate of the
 * realistic message mix (≈70 % meter values, status, heartbeats, transaction start/stop; durable
 * writes) at which the OCPP round trip stays at p99 ≤ 50 ms, found by stepping the rate up; then the
 * same fleet and steps against a raw Bun WebSocket echo server in the same run. Budget: the CSMS
 * sustains ≥ 30 % of the echo server's rate. Medians over `--runs`.
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FleetProtocol } from '../fleet/fleet'
import { FleetPool } from '../fleet/pool'
import { FLEET_TOKEN, seedDatabase } from '../fleet/seed'
import { spawnServer } from '../fleet/server-process'
import { type BenchRow, benchArgs, median, progress, report, round } from './bench-kit'
import { type SearchOptions, type StepResult, searchRate } from './rate-search'

const BENCH = 'throughput'
const { out, values, num } = benchArgs(BENCH, {
  chargers: { type: 'string' },
  workers: { type: 'string' },
  runs: { type: 'string' },
  'step-s': { type: 'string' },
  'start-rate': { type: 'string' },
  'max-rate': { type: 'string' },
  protocol: { type: 'string', default: 'mixed' },
  'cpu-prof': { type: 'string' },
  only: { type: 'string' },
})
const chargers = num('chargers', 5000, 300)
const runs = num('runs', 3, 1)
const protocol = values.protocol as FleetProtocol
const search: Omit<SearchOptions, 'serverPid'> = {
  start: num('start-rate', 500, 500),
  factor: 1.5,
  refine: values.quick ? 0 : 2,
  maxRate: num('max-rate', 200_000, 4000),
  warmupMs: values.quick ? 500 : 2000,
  stepMs: num('step-s', 10, 2) * 1000,
  p99Ms: 50,
}

interface RunResult {
  server: 'csms' | 'echo'
  steps: StepResult[]
  best: StepResult | undefined
  cap: number
}

async function runOnce(mode: 'csms' | 'echo', run: number): Promise<RunResult> {
  const dbPath = join(tmpdir(), `bench-throughput-${process.pid}-${run}.db`)
  if (mode === 'csms') await seedDatabase(dbPath, { idPrefix: 'TPUT-', count: chargers })
  const prof = values['cpu-prof']
  const cpuProfDir = mode === 'csms' && run === 0 && typeof prof === 'string' ? prof : undefined
  const server = await spawnServer({ mode, dbPath, ...(cpuProfDir ? { cpuProfDir } : {}) })
  const n = Math.min(chargers, server.socketCap())
  const pool = await FleetPool.spawn(num('workers', 1, 1), n)
  try {
    progress(`${mode} run ${run + 1}: ${n} chargers (${protocol})`)
    await pool.start({
      urls: server.ocppUrls(4),
      idPrefix: 'TPUT-',
      count: n,
      protocol,
      idTag: FLEET_TOKEN,
      connectRate: 2000,
      callTimeoutMs: 5000,
    })
    await pool.prime()
    const result = await searchRate(pool, { ...search, serverPid: server.pid })
    return { server: mode, ...result, cap: n }
  } finally {
    await pool.stop()
    await server.stop()
  }
}

function stepRows(r: RunResult, run: number): BenchRow[] {
  return r.steps.map((s) => ({
    bench: BENCH,
    metric: `${r.server}_step`,
    value: round(s.achieved),
    unit: 'msg/s',
    run: run + 1,
    target_rate: s.target,
    p50_ms: round(s.p50, 2),
    p99_ms: round(s.p99, 2),
    error_pct: round(s.errorRate * 100, 3),
    server_cores: round(s.cores, 2),
    driver_cores: round(s.driverCores, 2),
    pass: s.pass,
  }))
}

const params = { chargers, protocol, p99_budget_ms: search.p99Ms }
const rows: BenchRow[] = []
const csms: number[] = []
const echo: number[] = []
const csmsCores: number[] = []
const csmsP99: number[] = []
for (let run = 0; run < runs; run++) {
  const none: RunResult = { server: 'echo', steps: [], best: undefined, cap: 0 }
  const c = values.only === 'echo' ? { ...none, server: 'csms' as const } : await runOnce('csms', run)
  const e = values.only === 'csms' ? none : await runOnce('echo', run)
  rows.push(...stepRows(c, run), ...stepRows(e, run))
  csms.push(c.best?.achieved ?? 0)
  echo.push(e.best?.achieved ?? 0)
  csmsCores.push(c.best?.cores ?? 0)
  csmsP99.push(c.best?.p99 ?? 0)
}
const both = values.only === undefined
const summaryOf = (metric: string, value: number, unit: string, extra: Partial<BenchRow> = {}): BenchRow => ({
  bench: BENCH,
  metric,
  value,
  unit,
  runs,
  ...params,
  ...extra,
})
const summary: BenchRow[] = [
  ...(values.only === 'echo'
    ? []
    : [
        summaryOf('csms_sustained_rate', round(median(csms)), 'msg/s'),
        summaryOf('csms_p99_at_sustained', round(median(csmsP99), 2), 'ms'),
        summaryOf('csms_server_cores_at_sustained', round(median(csmsCores), 2), 'cores'),
      ]),
  ...(values.only === 'csms' ? [] : [summaryOf('echo_sustained_rate', round(median(echo)), 'msg/s')]),
  ...(both
    ? [summaryOf('csms_vs_echo', round((100 * median(csms)) / median(echo), 1), '%', { budget_pct: 30 })]
    : []),
]
report(
  `Throughput: sustained mix rate at p99 ≤ ${search.p99Ms} ms, CSMS vs raw echo (median of ${runs})`,
  out,
  [...summary, ...rows],
  [
    `runs: CSMS ${csms.map((v) => round(v)).join(', ')} msg/s; echo ${echo.map((v) => round(v)).join(', ')} msg/s`,
    'the fleet driver runs in its own process on the same machine; against the echo server it is often the limit, so the ratio is a lower bound',
  ],
)
