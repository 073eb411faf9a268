/**
 * The offline optimum: the most energy any controller could have delivered in a scenario, as a linear
 * programme that knows every arrival, departure and need in advance. The benchmark reports the live
 * loop, equal share and uncontrolled charging as a percentage of it.
 *
 * **Model.** One column per visit per period it overlaps (default 5 min): the visit's mean current per
 * drawn phase over that period, `0 ≤ x ≤ cap · overlap / period`, where `cap = min(car maxA, charger
 * maxA)` and the overlap is the part of the period between plug-in (or the car's own timer, if later)
 * and plug-out. One row per visit: its energy `Σ x · V · phases · period` ≤ `needWh`. One row per
 * fuse, grid phase and period: the sum of the columns of the visits below that fuse whose car draws
 * on that phase (a 1-phase car on `wiring[0]`, a 2-phase car on `wiring[0..1]`) ≤ the rating, less the
 * building's **mean** current over the period on that phase at the main fuse (clamped at 0). Objective:
 * the most energy in total.
 *
 * **Why it is an upper bound.** Every physical schedule, averaged over each period, satisfies these
 * rows (a mean of currents that each respect a rating respects it too, the building's mean included),
 * so no controller can deliver more. The LP also ignores what makes real charging worse: the 6 A
 * minimum and the car's own minimum, its response delay and ramp, taper near full, drawing under the
 * pilot, meter and setpoint latency, link drops, disobeying chargers, the loop's safety margin, and it
 * may move current freely inside a period. Taking the building's mean (not its maximum) keeps it a
 * bound: with the maximum the LP would be slightly conservative, and a controller that used a dip in
 * the building inside a period could beat it.
 *
 * HiGHS (WebAssembly, the `highs` package) solves it; the model goes in as sparse column arrays, with
 * fuse rows that cannot bind (the caps below them sum to no more than the rating) left out.
 */
import loadHighs from 'highs'
import type { SiteScenario } from '../../../src/sim/site/types'
import { drawnPhases, type FlatFuse, fuseGeometry } from './site-geometry'

/**
 * HiGHS is instantiated once per process: loading the WebAssembly is asynchronous and takes ~0.2 s,
 * solving is synchronous. The runtime holds no state between solves (each builds and disposes its
 * own model), so sharing it is safe.
 */
const highs = await loadHighs()

/** Tuning of {@link offlineOptimum}. */
export interface OptimumOptions {
  /** Length of a period (s); shorter is tighter and slower. Default 300. */
  readonly periodS?: number
}

/** The LP's schedule for one visit. */
export interface VisitPlan {
  readonly visitId: string
  /** Grid phases its car draws on (0 = L1 … 2 = L3). */
  readonly phases: readonly number[]
  /** Index of the first period in `currentA`. */
  readonly fromPeriod: number
  /** Mean current per drawn phase over each period from `fromPeriod` on (A). */
  readonly currentA: Float64Array
  readonly energyWh: number
}

/** What {@link offlineOptimum} found. */
export interface OptimumResult {
  readonly periodS: number
  readonly totalWh: number
  /**
   * Energy per visit id (Wh), every visit of the scenario (0 for one that could not draw): one optimal
   * split among possibly many with the same total.
   */
  readonly perVisitWh: ReadonlyMap<string, number>
  readonly plans: readonly VisitPlan[]
  /** Model size after leaving out rows that cannot bind. */
  readonly columns: number
  readonly rows: number
  /** Building and solving the model (ms of wall clock), for the benchmark report. */
  readonly solveMs: number
}

const DEFAULT_PERIOD_S = 300
/** HiGHS' optimal model status. */
const OPTIMAL = highs.constants.modelStatus.optimal
/**
 * Primal simplex: on the 80-space synthetic sites it needs about half the iterations of HiGHS' default
 * dual simplex (3,800–5,000 against 7,100–9,700), as every column starts feasible at 0.
 */
const PRIMAL_SIMPLEX = 4

interface VisitColumns {
  readonly visitId: string
  readonly path: readonly number[]
  readonly phases: readonly number[]
  readonly needWh: number
  readonly fromPeriod: number
  /** Upper bound of each column (A, mean over its period). */
  readonly upper: Float64Array
  /** Energy of each column per ampere, in units of `V · period / 3600` Wh. */
  readonly weight: Float64Array
}

/**
 * Solves the offline optimum of `scenario` (see the module comment for the model and why it bounds
 * every controller from above).
 *
 * @example
 * const best = offlineOptimum(scenario)
 * console.log(`ours: ${((oursWh / best.totalWh) * 100).toFixed(1)} % of the optimum`)
 */
export function offlineOptimum(scenario: SiteScenario, opts: OptimumOptions = {}): OptimumResult {
  const started = performance.now()
  const periodS = opts.periodS ?? DEFAULT_PERIOD_S
  if (!(periodS > 0)) throw new Error(`periodS must be positive, got ${periodS}`)
  const periods = Math.ceil(scenario.durationS / periodS)
  const geometry = fuseGeometry(scenario.main)
  const visits = visitColumns(scenario, periodS, periods, geometry.pathOf)

  const rowKey = (fuse: number, phase: number, period: number) => (fuse * 3 + phase) * periods + period
  const { rowOf, rowUpper } = fuseRows(scenario, geometry.fuses, visits, periodS, periods, rowKey)
  const energyUnitWh = (scenario.voltageV * periodS) / 3600
  const energyRowOf = visits.map((v) => {
    let most = 0
    for (let k = 0; k < v.upper.length; k++) most += v.upper[k]! * v.weight[k]!
    if (most * energyUnitWh <= v.needWh) return -1
    rowUpper.push(v.needWh / energyUnitWh)
    return rowUpper.length - 1
  })

  const numCols = visits.reduce((n, v) => n + v.upper.length, 0)
  const plans = numCols === 0 ? [] : solve(visits, rowOf, rowKey, energyRowOf, rowUpper, numCols)
  const perVisitWh = new Map(scenario.visits.map((v) => [v.id, 0]))
  let totalWh = 0
  const scaled = plans.map((plan, i) => {
    const v = visits[i]!
    let units = 0
    for (let k = 0; k < plan.length; k++) units += plan[k]! * v.weight[k]!
    const energyWh = units * energyUnitWh
    perVisitWh.set(v.visitId, energyWh)
    totalWh += energyWh
    return { visitId: v.visitId, phases: v.phases, fromPeriod: v.fromPeriod, currentA: plan, energyWh }
  })
  return {
    periodS,
    totalWh,
    perVisitWh,
    plans: scaled,
    columns: numCols,
    rows: rowUpper.length,
    solveMs: performance.now() - started,
  }
}

/**
 * The fuse rows that can bind: for each fuse, phase and period, its rating (less the building's mean
 * at the main) as the bound, numbered in `rowOf` by `rowKey`; -1 where the caps of the columns below
 * it sum to no more than that, so the row could never be tight.
 */
function fuseRows(
  scenario: SiteScenario,
  fuses: readonly FlatFuse[],
  visits: readonly VisitColumns[],
  periodS: number,
  periods: number,
  rowKey: (fuse: number, phase: number, period: number) => number,
): { rowOf: Int32Array; rowUpper: number[] } {
  const load = new Float64Array(fuses.length * 3 * periods)
  for (const v of visits)
    for (let k = 0; k < v.upper.length; k++)
      for (const f of v.path) for (const ph of v.phases) load[rowKey(f, ph, v.fromPeriod + k)]! += v.upper[k]!
  const building = buildingMeans(scenario, periodS, periods)
  const rowOf = new Int32Array(load.length).fill(-1)
  const rowUpper: number[] = []
  fuses.forEach((fuse, f) => {
    for (let ph = 0; ph < 3; ph++)
      for (let p = 0; p < periods; p++) {
        const key = rowKey(f, ph, p)
        const rhs = Math.max(0, fuse.limitA - (fuse.isMain ? building[ph * periods + p]! : 0))
        if (load[key]! <= rhs + 1e-9) continue
        rowOf[key] = rowUpper.length
        rowUpper.push(rhs)
      }
  })
  return { rowOf, rowUpper }
}

/** The columns of every visit that can draw at all, with their bounds and energy weights. */
function visitColumns(
  scenario: SiteScenario,
  periodS: number,
  periods: number,
  pathOf: ReadonlyMap<string, readonly number[]>,
): VisitColumns[] {
  const chargers = new Map(scenario.chargers.map((c) => [c.id, c]))
  const out: VisitColumns[] = []
  for (const visit of scenario.visits) {
    const charger = chargers.get(visit.chargerId)
    const path = pathOf.get(visit.chargerId)
    if (!charger || !path) throw new Error(`visit ${visit.id}: charger ${visit.chargerId} is not on the site`)
    const from = Math.max(0, visit.arrivalS, visit.car.ownTimerFromS ?? 0)
    const to = Math.min(scenario.durationS, visit.departureS)
    const capA = Math.min(visit.car.maxA, charger.maxA)
    if (to <= from || capA <= 0 || visit.needWh <= 0) continue
    const phases = drawnPhases(charger.wiring, visit.car.phases)
    const fromPeriod = Math.floor(from / periodS)
    const count = Math.min(periods, Math.ceil(to / periodS)) - fromPeriod
    const upper = new Float64Array(count)
    const weight = new Float64Array(count)
    for (let k = 0; k < count; k++) {
      const start = (fromPeriod + k) * periodS
      const end = Math.min(start + periodS, scenario.durationS)
      const overlap = Math.min(to, end) - Math.max(from, start)
      upper[k] = (capA * Math.max(0, overlap)) / (end - start)
      weight[k] = (phases.length * (end - start)) / periodS
    }
    out.push({ visitId: visit.id, path, phases, needWh: visit.needWh, fromPeriod, upper, weight })
  }
  return out
}

/** The building's mean current per phase over each period, `[phase * periods + period]`. */
function buildingMeans(scenario: SiteScenario, periodS: number, periods: number): Float64Array {
  const means = new Float64Array(3 * periods)
  for (let p = 0; p < periods; p++) {
    const start = p * periodS
    const end = Math.min(start + periodS, scenario.durationS)
    const sum = [0, 0, 0]
    for (let s = start; s < end; s++) {
      const b = scenario.building.at(s)
      for (let ph = 0; ph < 3; ph++) sum[ph]! += b[ph]!
    }
    for (let ph = 0; ph < 3; ph++) means[ph * periods + p] = sum[ph]! / (end - start)
  }
  return means
}

/** Builds the sparse model, runs HiGHS and returns each visit's column values. */
function solve(
  visits: readonly VisitColumns[],
  rowOf: Int32Array,
  rowKey: (fuse: number, phase: number, period: number) => number,
  energyRowOf: readonly number[],
  rowUpper: readonly number[],
  numCols: number,
): Float64Array[] {
  const starts = new Int32Array(numCols + 1)
  const indices: number[] = []
  const values: number[] = []
  const colCost = new Float64Array(numCols)
  const colUpper = new Float64Array(numCols)
  let col = 0
  visits.forEach((v, i) => {
    for (let k = 0; k < v.upper.length; k++, col++) {
      starts[col] = indices.length
      colCost[col] = v.weight[k]!
      colUpper[col] = v.upper[k]!
      for (const f of v.path)
        for (const ph of v.phases) {
          const row = rowOf[rowKey(f, ph, v.fromPeriod + k)]!
          if (row < 0) continue
          indices.push(row)
          values.push(1)
        }
      if (energyRowOf[i]! >= 0) {
        indices.push(energyRowOf[i]!)
        values.push(v.weight[k]!)
      }
    }
  })
  starts[numCols] = indices.length
  const numRows = rowUpper.length
  const model = highs.createModel({
    numCols,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper,
    rowLower: new Float64Array(numRows).fill(-highs.infinity),
    rowUpper: Float64Array.from(rowUpper),
    matrix: {
      format: 'csc',
      numRows,
      numCols,
      starts,
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
  })
  try {
    model.options.set({ output_flag: false, simplex_strategy: PRIMAL_SIMPLEX })
    model.run()
    const status = model.getModelStatus()
    if (status !== OPTIMAL) throw new Error(`offline optimum: HiGHS ended with model status ${status}`)
    const x = model.getSolution().colValue
    let at = 0
    return visits.map((v) => {
      const plan = x.slice(at, at + v.upper.length).map((a) => Math.max(0, a))
      at += v.upper.length
      return plan
    })
  } finally {
    model.dispose()
  }
}
