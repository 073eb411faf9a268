import { allocate } from '../../../src/domain/power/allocate'
import type { Connector, GridPhase, PeakControl, Session, SiteSnapshot } from '../../../src/domain/power/site'
import { buildingLoadA, type CoopCar, type CoopVisit, coopFleet, coopVisits } from './coop-workload'

/** Outcome of a simulated week. */
export interface CoopResult {
  readonly spaces: number
  readonly days: number
  readonly stepS: number
  readonly sessions: number
  /** Highest per-phase current uncontrolled charging would draw (building included), A. */
  readonly uncontrolledPeakA: number
  /** Per phase L1, L2, L3 (A). */
  readonly uncontrolledPeakByPhaseA: readonly number[]
  readonly uncontrolledPeakKw: number
  readonly peakA: number
  readonly peakByPhaseA: readonly number[]
  readonly peakKw: number
  /** Highest hourly mean site power (kW): what effect tariffs bill. */
  readonly peakHourKw: number
  readonly secondsOverFuse: number
  readonly demandedKwh: number
  readonly deliveredKwh: number
  readonly deliveredPct: number
  readonly allocateMsMedian: number
}

/** Main fuse per phase (A) and phase-to-neutral voltage of the co-op. */
export const COOP_FUSE_A = 63
const V = 230
const ROTATIONS: readonly (readonly GridPhase[])[] = [
  ['L1', 'L2', 'L3'],
  ['L2', 'L3', 'L1'],
  ['L3', 'L1', 'L2'],
]

interface World {
  readonly fleet: readonly CoopCar[]
  readonly visits: readonly CoopVisit[]
  readonly connectors: readonly Connector[]
  readonly delivered: Float64Array
  readonly stepS: number
}

interface Stats {
  readonly peakA: number[]
  peakKw: number
  readonly hourlyKwh: number[]
  over: number
  readonly uncontrolledA: number[]
  uncontrolledKw: number
}

/**
 * The co-op: `spaces` 3 × 32 A wallboxes with rotated wiring in rows of ten, each row on a 40 A
 * sub-fuse, all behind the building's 3 × 63 A main fuse (230 V), 1 A safety margin. Every `stepS`
 * seconds the building meter is read, `allocate` runs, and each EV draws min(limit, its max) until
 * its need is met. Counts the time any phase is over the main fuse, the energy delivered by the
 * real departure, and what uncontrolled charging would have drawn.
 */
export function simulateCoop(opts: CoopOptions): CoopResult {
  const fleet = coopFleet(opts.spaces, opts.seed)
  const visits = coopVisits(fleet, opts.days, opts.seed + 1)
  const connectors = fleet.map(
    (_, i): Connector => ({ id: `space${i}`, maxA: 32, wiring: ROTATIONS[i % 3]! }),
  )
  const world: World = {
    fleet,
    visits,
    connectors,
    delivered: new Float64Array(visits.length),
    stepS: opts.stepS,
  }
  const grid = coopGrid(connectors)
  const stats: Stats = {
    peakA: [0, 0, 0],
    peakKw: 0,
    hourlyKwh: [],
    over: 0,
    uncontrolledA: [0, 0, 0],
    uncontrolledKw: 0,
  }
  const times: number[] = []
  const end = Math.max(...visits.map((v) => v.departureS))
  for (let t = 0; t < end; t += opts.stepS) {
    const present = visits.flatMap((v, i) => (v.arrivalS <= t && t < v.departureS ? [i] : []))
    const building = buildingLoadA(t, opts.seed)
    const snapshot: SiteSnapshot = {
      grid,
      connectors,
      sessions: present.map((i) => toSession(world, i, t)),
      safetyMarginA: 1,
      building: { currentA: building, measuredAt: t * 1000 },
      ...(opts.peakTargetKw === undefined ? {} : { peak: peakControl(opts.peakTargetKw, stats, t) }),
    }
    const started = performance.now()
    const allocation = allocate(snapshot, t * 1000)
    times.push(performance.now() - started)
    const phaseA = [...building]
    allocation.sessions.forEach((a, k) => {
      charge(world, present[k]!, a.limitA, a.phases, phaseA)
    })
    record(stats, phaseA, t, opts.stepS)
    recordUncontrolled(stats, world, t, building)
  }
  return summarize(opts, world, stats, times)
}

/** The target, and the highest hourly mean already reached (billed anyway, so free to use). */
function peakControl(targetKw: number, stats: Stats, tS: number): PeakControl {
  const done = stats.hourlyKwh.slice(0, Math.floor(tS / 3600)).filter((x) => x !== undefined)
  return { targetKw, reachedKw: done.length ? Math.max(...done) : 0 }
}

/** The size, length, resolution and seed of a co-op run. */
export interface CoopOptions {
  readonly spaces: number
  readonly days: number
  readonly stepS: number
  readonly seed: number
  /** Optional monthly peak target (kW) for the whole site. */
  readonly peakTargetKw?: number
}

/** Main fuse, and a 40 A sub-fuse per row of ten spaces. */
function coopGrid(connectors: readonly Connector[]): SiteSnapshot['grid'] {
  const rows = Array.from({ length: Math.ceil(connectors.length / 10) }, (_, r) => ({
    id: `row${r}`,
    limitA: 40,
    connectorIds: connectors.slice(r * 10, r * 10 + 10).map((c) => c.id),
  }))
  return { voltageV: V, phases: 3, main: { id: 'main', limitA: COOP_FUSE_A, children: rows } }
}

function toSession(world: World, i: number, tS: number): Session {
  const v = world.visits[i]!
  const car = world.fleet[v.car]!
  return {
    id: String(i),
    connectorId: `space${v.car}`,
    evPhases: car.phases,
    evMaxA: car.maxA,
    energyNeededWh: Math.max(0, (v.neededKwh - world.delivered[i]!) * 1000),
    pluggedInAt: v.arrivalS * 1000,
    ...(v.toldDepartureS === undefined ? {} : { departureAt: Math.max(v.toldDepartureS, tS) * 1000 }),
  }
}

/** The EV draws min(limit, its max) on its phases until its need is met; adds its current per phase. */
function charge(world: World, i: number, limitA: number, phases: number, phaseA: number[]): void {
  const v = world.visits[i]!
  const car = world.fleet[v.car]!
  const amps = Math.min(limitA, car.maxA)
  const kwh = Math.min((amps * V * phases * world.stepS) / 3.6e6, v.neededKwh - world.delivered[i]!)
  if (!(kwh > 0)) return
  world.delivered[i] = world.delivered[i]! + kwh
  const drawn = (kwh * 3.6e6) / (V * phases * world.stepS)
  for (const ph of world.connectors[v.car]!.wiring.slice(0, phases)) phaseA[phaseIndex(ph)]! += drawn
}

function phaseIndex(ph: GridPhase): number {
  return ph === 'L1' ? 0 : ph === 'L2' ? 1 : 2
}

function record(stats: Stats, phaseA: readonly number[], tS: number, stepS: number): void {
  const kw = (phaseA.reduce((a, b) => a + b, 0) * V) / 1000
  const hour = Math.floor(tS / 3600)
  stats.hourlyKwh[hour] = (stats.hourlyKwh[hour] ?? 0) + (kw * stepS) / 3600
  phaseA.forEach((a, p) => {
    stats.peakA[p] = Math.max(stats.peakA[p]!, a)
  })
  stats.peakKw = Math.max(stats.peakKw, kw)
  if (phaseA.some((a) => a > COOP_FUSE_A + 1e-9)) stats.over += stepS
}

/** Uncontrolled: every plugged-in EV draws its maximum until it has what it needs. */
function recordUncontrolled(stats: Stats, world: World, tS: number, building: readonly number[]): void {
  const phaseA = [...building]
  for (const v of world.visits) {
    const car = world.fleet[v.car]!
    const fullAt = v.arrivalS + (v.neededKwh * 3.6e6) / (car.maxA * V * car.phases)
    if (v.arrivalS > tS || tS >= Math.min(v.departureS, fullAt)) continue
    for (const ph of world.connectors[v.car]!.wiring.slice(0, car.phases)) phaseA[phaseIndex(ph)]! += car.maxA
  }
  phaseA.forEach((a, p) => {
    stats.uncontrolledA[p] = Math.max(stats.uncontrolledA[p]!, a)
  })
  stats.uncontrolledKw = Math.max(stats.uncontrolledKw, (phaseA.reduce((a, b) => a + b, 0) * V) / 1000)
}

function summarize(opts: CoopOptions, world: World, stats: Stats, times: number[]): CoopResult {
  const demandedKwh = world.visits.reduce((a, v) => a + v.neededKwh, 0)
  const deliveredKwh = world.delivered.reduce((a, b) => a + b, 0)
  times.sort((a, b) => a - b)
  return {
    spaces: opts.spaces,
    days: opts.days,
    stepS: opts.stepS,
    sessions: world.visits.length,
    uncontrolledPeakA: Math.max(...stats.uncontrolledA),
    uncontrolledPeakByPhaseA: stats.uncontrolledA,
    uncontrolledPeakKw: stats.uncontrolledKw,
    peakA: Math.max(...stats.peakA),
    peakByPhaseA: stats.peakA,
    peakKw: stats.peakKw,
    peakHourKw: Math.max(...stats.hourlyKwh.filter((x) => x !== undefined)),
    secondsOverFuse: stats.over,
    demandedKwh,
    deliveredKwh,
    deliveredPct: (100 * deliveredKwh) / demandedKwh,
    allocateMsMedian: times[Math.floor(times.length / 2)] ?? 0,
  }
}
