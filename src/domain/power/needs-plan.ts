import type { FillLayout } from './fill'
import { planMandatory, planShapeFor } from './horizon-plan'
import { laxityS } from './laxity'
import type { NeedsProblem, PlannedNeeds } from './objective'
import type { ScheduleInput, ScheduleOptions } from './scheduler'

/*
 * What the scheduler's stages are computed from, per tick: each session's cap and laxity, the plan of
 * what it needs now, and the objective's view of the sessions.
 */

/**
 * Cap per session: its max, but (unless `capToRemaining` is off) no more than it can use in one planning
 * period; never below its min. A session that needs nothing more gets nothing.
 */
export function chargeCaps(input: ScheduleInput, periodS: number, capToRemaining = true): Float64Array {
  const caps = new Float64Array(input.constraints.size)
  for (let j = 0; j < caps.length; j++) {
    const max = input.maxA[j]!
    const min = input.minA[j]!
    const remaining = input.remainingAs[j]!
    if (!(remaining > 0) || !(max > 0) || max < min) continue
    caps[j] = capToRemaining ? Math.max(min, Math.min(max, remaining / periodS)) : max
  }
  return caps
}

/** Each session's laxity (s), see {@link laxityS}. */
export function laxities(input: ScheduleInput, periodS: number): Float64Array {
  const laxity = new Float64Array(input.constraints.size)
  for (let j = 0; j < laxity.length; j++)
    laxity[j] = laxityS(input.timeLeftS[j]!, input.remainingAs[j]!, input.evMaxA[j]!, periodS)
  return laxity
}

/** The current each of `order` needs now (the plan's unplaced charge, at least its minimum, at most its cap). */
export function needsNow(
  input: ScheduleInput,
  options: ScheduleOptions,
  order: readonly number[],
  caps: Float64Array,
  layout: FillLayout,
): PlannedNeeds {
  const timeLeftS = Array.from(input.timeLeftS, (t) => Math.max(options.periodS, t))
  const plan = {
    set: layout,
    vars: order,
    evMaxA: input.evMaxA,
    remainingAs: input.remainingAs,
    timeLeftS,
    shareBy: options.objective === 'fair' ? ('rate' as const) : ('hours' as const),
  }
  const unplacedA = planMandatory(plan, options.periodS, options.plan ?? planShapeFor(order.length))
  const needA = new Float64Array(unplacedA.length)
  for (const j of order) {
    const need = unplacedA[j]! > 1e-9 ? Math.max(unplacedA[j]!, input.minA[j]!) : 0
    needA[j] = Math.min(caps[j]!, need)
  }
  return { needA, unplacedA }
}

/** The objective's view of the sessions: what they still need and could reach alone, which are fixed. */
export function needsProblem(
  input: ScheduleInput,
  options: ScheduleOptions,
  candidates: readonly number[],
  caps: Float64Array,
): NeedsProblem {
  const reachableAs = new Float64Array(caps.length)
  const fixed = new Uint8Array(caps.length)
  for (const j of candidates) {
    reachableAs[j] = input.evMaxA[j]! * Math.max(options.periodS, input.timeLeftS[j]!)
    fixed[j] = caps[j]! <= input.minA[j]! ? 1 : 0
  }
  const guessed = Uint8Array.from(caps, (_, j) => (input.needTold && !input.needTold[j] ? 1 : 0))
  return {
    candidates,
    remainingAs: input.remainingAs,
    reachableAs,
    fixed,
    guessed,
    periodS: options.periodS,
  }
}

/**
 * What is admitted before the needs, in this order: sessions that must charge now (a need, and a
 * laxity of at most one planning period: waiting a period would make them late, or they already are),
 * then sessions within their minimum on-time ({@link ScheduleInput.onTimeA}). A car that must charge
 * now thus beats an incumbent's floor: the floor exists to stop a car flapping between 0 and its
 * minimum, never to make another car late.
 */
export interface Floors {
  /** The sessions to admit, in admission order (each group in priority order). */
  readonly order: readonly number[]
  /** Each one's floor (A): the minimum of one that must charge now, the on-time floor of the others. */
  readonly floorA: Float64Array
}

/** The {@link Floors} of `candidates` (in priority order) under the needs `needA`, none above its cap. */
export function floorsAhead(
  input: ScheduleInput,
  candidates: readonly number[],
  needA: ArrayLike<number>,
  { caps, laxity, periodS }: { caps: Float64Array; laxity: Float64Array; periodS: number },
): Floors {
  const floorA = new Float64Array(input.constraints.size)
  const urgent = candidates.filter((j) => needA[j]! > 0 && laxity[j]! <= periodS)
  for (const j of urgent) floorA[j] = input.minA[j]!
  const onTimeA = input.onTimeA
  const onTime = onTimeA ? candidates.filter((j) => floorA[j] === 0 && onTimeA[j]! > 0) : []
  for (const j of onTime) floorA[j] = Math.min(caps[j]!, onTimeA![j]!)
  return { order: [...urgent, ...onTime], floorA }
}

/** Each of `order` at its minimum, the others at 0: what a throughput trade may not go below. */
export function minimumFloors(input: ScheduleInput, order: readonly number[]): Float64Array {
  const floors = new Float64Array(input.constraints.size)
  for (const j of order) floors[j] = input.minA[j]!
  return floors
}
