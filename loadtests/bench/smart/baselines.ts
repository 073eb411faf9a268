import type { ConstraintSet } from '../../../src/domain/power/constraint-set'
import type { AcnScheduler, ActiveEv } from './acn-sim'
import { PERIOD_MIN } from './acn-sim'
import { ACN_VOLTAGE } from './caltech-network'

/**
 * acnportal's sorted baselines (`algorithms/sorted_algorithms.py`), reproduced rule for rule so their
 * published figures can be matched: FCFS, EDF and LLF give each EV in turn its largest feasible pilot
 * (bisection to 0.01 A, upper bound `min(EVSE max 32 A, remaining energy)`); round robin raises every
 * EV by 0.1 A in FCFS order while feasible. Feasibility uses acnportal's tolerance
 * `limit + max(1e-5, 1e-7·limit)` on the exact phasor magnitudes.
 */
export type BaselineName = 'FCFS' | 'EDF' | 'LLF' | 'RR'

const EVSE_MAX_A = 32

/** Remaining demand in A·periods, as `Interface.remaining_amp_periods`. */
export function remainingAmpPeriods(ev: ActiveEv): number {
  return ((ev.remainingKwh * 1000) / ACN_VOLTAGE) * (60 / PERIOD_MIN)
}

class Tracker {
  readonly x: Float64Array
  private readonly re: Float64Array
  private readonly im: Float64Array
  private readonly tol: Float64Array

  constructor(private readonly set: ConstraintSet) {
    this.x = new Float64Array(set.size)
    this.re = new Float64Array(set.limits.length)
    this.im = new Float64Array(set.limits.length)
    this.tol = set.limits.map((l) => Math.max(1e-5, 1e-7 * l))
  }

  feasibleAt(j: number, value: number): boolean {
    const { set } = this
    const delta = value - this.x[j]!
    for (let k = set.colStart[j]!; k < set.colStart[j + 1]!; k++) {
      const row = set.colRow[k]!
      const re = this.re[row]! + set.colRe[k]! * delta
      const im = this.im[row]! + set.colIm[k]! * delta
      if (Math.hypot(re, im) > set.limits[row]! + this.tol[row]!) return false
    }
    return true
  }

  assign(j: number, value: number): void {
    const { set } = this
    const delta = value - this.x[j]!
    this.x[j] = value
    for (let k = set.colStart[j]!; k < set.colStart[j + 1]!; k++) {
      const row = set.colRow[k]!
      this.re[row] = this.re[row]! + set.colRe[k]! * delta
      this.im[row] = this.im[row]! + set.colIm[k]! * delta
    }
  }
}

function maxFeasibleRate(tracker: Tracker, j: number, ub: number, eps = 0.01): number {
  if (tracker.feasibleAt(j, ub)) return ub
  let lo = 0
  let hi = ub
  for (;;) {
    const mid = (hi + lo) / 2
    if (hi - lo <= eps) return lo
    if (tracker.feasibleAt(j, mid)) lo = mid
    else hi = mid
  }
}

const sorters: Record<Exclude<BaselineName, 'RR'>, (t: number) => (ev: ActiveEv) => number> = {
  FCFS: () => (ev) => ev.arrival,
  EDF: () => (ev) => ev.estimatedDeparture,
  LLF: (t) => (ev) => ev.estimatedDeparture - t - remainingAmpPeriods(ev) / EVSE_MAX_A,
}

/** A stable sort by key, like Python's `sorted` (ties keep station order). */
function sortByKey(evs: readonly ActiveEv[], key: (ev: ActiveEv) => number): ActiveEv[] {
  return evs
    .map((ev) => ({ ev, k: key(ev) }))
    .sort((a, b) => a.k - b.k)
    .map((e) => e.ev)
}

function sortedScheduler(set: ConstraintSet, name: Exclude<BaselineName, 'RR'>): AcnScheduler {
  return (t, active) => {
    const tracker = new Tracker(set)
    for (const ev of sortByKey(active, sorters[name](t))) {
      const ub = Math.min(EVSE_MAX_A, remainingAmpPeriods(ev))
      tracker.assign(ev.station, maxFeasibleRate(tracker, ev.station, ub))
    }
    return tracker.x
  }
}

function roundRobinScheduler(set: ConstraintSet, inc = 0.1): AcnScheduler {
  return (_t, active) => {
    const tracker = new Tracker(set)
    const queue = sortByKey(active, (ev) => ev.arrival)
    const steps = new Map<number, number>()
    const top = new Map<number, number>()
    for (const ev of queue) {
      const ub = Math.min(EVSE_MAX_A, remainingAmpPeriods(ev))
      const count = Math.ceil((EVSE_MAX_A + inc / 2) / inc)
      let n = 0
      while (n < count && n * inc <= ub) n++
      top.set(ev.station, n - 1)
      steps.set(ev.station, 0)
    }
    let head = 0
    const ring = queue.map((ev) => ev.station)
    while (head < ring.length) {
      const j = ring[head++]!
      const idx = steps.get(j)!
      if (idx >= top.get(j)!) continue
      if (tracker.feasibleAt(j, (idx + 1) * inc)) {
        tracker.assign(j, (idx + 1) * inc)
        steps.set(j, idx + 1)
        ring.push(j)
      }
    }
    return tracker.x
  }
}

/** The baseline scheduler of that name for a network. */
export function baselineScheduler(set: ConstraintSet, name: BaselineName): AcnScheduler {
  return name === 'RR' ? roundRobinScheduler(set) : sortedScheduler(set, name)
}
