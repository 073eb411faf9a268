import type { ConstraintSet } from './constraint-set'
import { createFillState, type FillLayout, resetFillState } from './fill'
import { fillTogether } from './progressive-fill'

/** What the plan needs to know about the sessions present now. */
export interface PlanInput {
  /** The constraint set (or its fill layout, to share the groups with the allocation). */
  readonly set: ConstraintSet | FillLayout
  /** Sessions to plan for. */
  readonly vars: readonly number[]
  /** The EV's own maximum current (A): how fast it could catch up later. */
  readonly evMaxA: ArrayLike<number>
  /** Charge still needed (A·s of this session's current). */
  readonly remainingAs: ArrayLike<number>
  /** Seconds until the (estimated) departure. */
  readonly timeLeftS: ArrayLike<number>
  /**
   * How a bucket is shared among the sessions present: `hours` (default) by the hours each still
   * needs at its full rate, so the late capacity goes to the long charges and the least is left for
   * now; `rate` by the average current each needs until it leaves, so everyone's need is placed in
   * proportion and none is deferred at another's expense (the `fair` objective).
   */
  readonly shareBy?: 'hours' | 'rate'
}

/** How finely the plan looks ahead. */
export interface PlanShape {
  /** Geometric bucket boundaries in planning periods from now (1, 2, 4 … periods wide). */
  readonly buckets: readonly number[]
  /** Each bucket may be cut at departures on a 1/`splits` grid of its width. */
  readonly splits: number
}

const FINE = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 4096]
const COARSE = [1, 4, 16, 64, 256, 1024, 4096]

/**
 * The plan's resolution for `sessions` sessions, so that its work (sessions × buckets) stays about
 * constant: a small site gets about ten geometric buckets (a day) each cut up to eight times at
 * departures; a few hundred sessions get fewer cuts; beyond 250, buckets four times wider. A bigger
 * site is planned more coarsely rather than more slowly: the 500 ms loop must never fall behind.
 */
export function planShapeFor(sessions: number): PlanShape {
  if (sessions > 250) return { buckets: COARSE, splits: 1 }
  return { buckets: FINE, splits: Math.max(1, Math.min(8, Math.floor(400 / Math.max(1, sessions)))) }
}

/**
 * The current each session must get during the next planning period (A) so that the rest of its
 * energy still fits before its departure — the part that cannot be deferred.
 *
 * The future is packed backwards, as late as possible: from the last bucket to the first, every
 * bucket's capacity (the same constraint rows) is shared among the sessions still present then, by
 * progressive filling weighted by remaining charging time (so the sessions that need the most hours
 * get the most of the late capacity, which is what leaves the least for now). A session leaving
 * inside a bucket holds its current from the bucket's start to its departure; since everyone present
 * is there at the start, currents that fit then fit all through the bucket. Whatever energy does not
 * fit in the future is mandatory now. Future arrivals are unknown and not reserved for; the
 * scheduler hedges by also front-loading spare capacity now.
 */
export function planMandatory(
  input: PlanInput,
  periodS: number,
  shape: PlanShape = planShapeFor(input.vars.length),
): Float64Array {
  const { vars, evMaxA, timeLeftS } = input
  const byRate = input.shareBy === 'rate'
  const state = createFillState(input.set)
  const { set } = state
  const remaining = new Float64Array(set.size)
  for (const j of vars) remaining[j] = Math.max(0, input.remainingAs[j]!)
  const caps = new Float64Array(set.size)
  const weights = new Float64Array(set.size)
  const stay = new Float64Array(set.size)
  const bounds = planBounds(
    vars.map((j) => timeLeftS[j]!),
    periodS,
    shape.buckets,
    shape.splits,
  )
  for (let b = bounds.length - 2; b >= 0; b--) {
    const start = bounds[b]!
    const end = bounds[b + 1]!
    const present = vars.filter((j) => timeLeftS[j]! > start && remaining[j]! > 0)
    if (present.length === 0) continue
    resetFillState(state)
    for (const j of present) {
      stay[j] = Math.min(end, timeLeftS[j]!) - start
      caps[j] = Math.min(evMaxA[j]!, remaining[j]! / stay[j]!)
      weights[j] = remaining[j]! / (byRate ? Math.min(end, timeLeftS[j]!) : evMaxA[j]!)
    }
    fillTogether(state, present, caps, weights)
    for (const j of present) remaining[j] = remaining[j]! - state.x[j]! * stay[j]!
  }
  const mandatory = new Float64Array(set.size)
  for (const j of vars) mandatory[j] = remaining[j]! / Math.max(1e-3, Math.min(periodS, timeLeftS[j]!))
  return mandatory
}

/**
 * Bucket boundaries (s): the geometric ones, plus each departure inside a bucket rounded down to a
 * 1/`splits` grid of that bucket. Departures then rarely fall part-way through a bucket (where the
 * plan must be pessimistic), yet there are at most `splits` sub-buckets per geometric bucket.
 */
function planBounds(
  departures: readonly number[],
  periodS: number,
  buckets: readonly number[],
  splits: number,
): number[] {
  let last = 0
  for (const d of departures) last = Math.max(last, d)
  const geometric = buckets.map((b) => b * periodS).filter((_, i, all) => i === 0 || all[i - 1]! < last)
  const bounds = new Set(geometric)
  for (const d of departures) {
    const b = geometric.findLastIndex((t) => t < d)
    if (b < 0 || b === geometric.length - 1) continue
    const start = geometric[b]!
    const grid = (geometric[b + 1]! - start) / splits
    bounds.add(start + Math.floor((d - start) / grid) * grid)
  }
  return [...bounds].sort((a, b) => a - b)
}
