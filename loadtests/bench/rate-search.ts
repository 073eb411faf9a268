import type { FleetPool } from '../fleet/pool'
import { CpuMeter } from '../fleet/proc'
import { allRtt, type StatsSnapshot } from '../fleet/stats'
import { progress, round } from './bench-kit'

/** One load step's outcome. */
export interface StepResult {
  target: number
  achieved: number
  p50: number
  p95: number
  p99: number
  errorRate: number
  missed: number
  cores: number
  /** CPU of the fleet driver's worker processes (cores): near 1 per worker means the driver is the limit. */
  driverCores: number
  pass: boolean
}

/** How to search. */
export interface SearchOptions {
  start: number
  /** Each step multiplies the rate by this until one fails. */
  factor: number
  /** Bisections between the last passing and the first failing rate. */
  refine: number
  maxRate: number
  warmupMs: number
  stepMs: number
  /** Round-trip budget (p99, ms). */
  p99Ms: number
  /** The server process whose CPU is sampled. */
  serverPid: number
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

function judge(target: number, stats: StatsSnapshot, cores: [number, number], p99Ms: number): StepResult {
  const h = allRtt(stats)
  const c = stats.counters
  const failed = c.callErrors + c.refused + c.timeouts + c.lost
  const achieved = c.ok / (stats.windowMs / 1000)
  const errorRate = c.sent === 0 ? 0 : failed / c.sent
  const p99 = h.percentile(99)
  const pass = p99 <= p99Ms && errorRate < 0.01 && achieved >= 0.95 * target
  return {
    target,
    achieved,
    p50: h.percentile(50),
    p95: h.percentile(95),
    p99,
    errorRate,
    missed: c.missed,
    cores: cores[0],
    driverCores: cores[1],
    pass,
  }
}

/** Runs the mix at `rate` for a warm-up and a measured window. */
async function step(pool: FleetPool, rate: number, o: SearchOptions): Promise<StepResult> {
  await pool.setRate(rate)
  await Bun.sleep(o.warmupMs)
  await pool.snapshot(true)
  const cpu = new CpuMeter(o.serverPid)
  const driver = pool.pids.map((pid) => new CpuMeter(pid))
  await Bun.sleep(o.stepMs)
  const { stats } = await pool.snapshot(true)
  const r = judge(rate, stats, [cpu.sample(), sum(driver.map((d) => d.sample()))], o.p99Ms)
  progress(
    `  ${rate} msg/s → ${round(r.achieved)} ok/s, p99 ${round(r.p99, 1)} ms, errors ${round(r.errorRate * 100, 2)} %, server ${round(r.cores, 2)} / driver ${round(r.driverCores, 2)} cores ${r.pass ? 'PASS' : 'FAIL'}`,
  )
  return r
}

/** Lets a failed step's backlog drain before the next one. */
async function drain(pool: FleetPool): Promise<void> {
  await pool.setRate(0)
  await Bun.sleep(3000)
  await pool.snapshot(true)
}

/**
 * Runs a step; a failed step is drained and tried once more, so one stray stall (a checkpoint, a GC)
 * does not end the search. Both attempts are recorded.
 */
async function stepTwice(
  pool: FleetPool,
  rate: number,
  o: SearchOptions,
  steps: StepResult[],
): Promise<StepResult> {
  const first = await step(pool, rate, o)
  steps.push(first)
  if (first.pass) return first
  await drain(pool)
  const second = await step(pool, rate, o)
  steps.push(second)
  return second
}

/**
 * Steps the mix rate up geometrically until a step fails twice in a row (p99 over budget, ≥ 1 %
 * errors, or under 95 % of the target rate achieved), then bisects between the last pass and the
 * first failure. Returns every step and the highest passing one.
 */
export async function searchRate(
  pool: FleetPool,
  o: SearchOptions,
): Promise<{ steps: StepResult[]; best: StepResult | undefined }> {
  const steps: StepResult[] = []
  let best: StepResult | undefined
  let fail: number | undefined
  for (let rate = o.start; rate <= o.maxRate; rate = Math.round(rate * o.factor)) {
    const r = await stepTwice(pool, rate, o, steps)
    if (!r.pass) {
      fail = rate
      break
    }
    best = r
  }
  for (let i = 0; i < o.refine && fail !== undefined; i++) {
    await drain(pool)
    const rate = Math.round(((best?.target ?? 0) + fail) / 2)
    const r = await stepTwice(pool, rate, o, steps)
    if (r.pass) best = r
    else fail = rate
  }
  await pool.setRate(0)
  return { steps, best }
}
