/**
 * What a site optimises when not every session can get its energy by its departure: the operator
 * chooses per site. While every need fits, the three are the same allocation; they differ only in how
 * a shortfall is shared.
 *
 * - `vehicles`: as many cars as possible leave with all they need; the others get what is left.
 * - `fair`: every car short of capacity gets the same fraction of what it still needs.
 * - `energy`: least laxity first (the cars that must leave soonest first), aiming at the most kWh:
 *   the scheduler as it was before objectives existed.
 */
export const OBJECTIVES = ['vehicles', 'fair', 'energy'] as const

/** One of {@link OBJECTIVES}. */
export type Objective = (typeof OBJECTIVES)[number]

/** The plan's answer for a set of sessions. */
export interface PlannedNeeds {
  /** Current to serve now (A): the unplaced charge per period, at least the minimum, at most the cap. */
  readonly needA: Float64Array
  /** Charge that fits nowhere later, per planning period (A), before any cap: more than the cap cannot finish. */
  readonly unplacedA: Float64Array
}

/** What the objective may try: plan the needs of a set of sessions, and serve them as the scheduler would. */
export interface NeedsTrial {
  /** The needs of `vars` now, so that `remainingAs` (A·s) still fits before each departure. */
  readonly plan: (vars: readonly number[], remainingAs: ArrayLike<number>) => PlannedNeeds
  /** Serves `needA` first, as the scheduler's needs stage does; the currents that got (A). */
  readonly serve: (needA: Float64Array) => ArrayLike<number>
}

/** The sessions the objective decides among. */
export interface NeedsProblem {
  /** Sessions that can charge, in priority order. */
  readonly candidates: readonly number[]
  /** Charge still needed (A·s). */
  readonly remainingAs: ArrayLike<number>
  /** The most each could take before it leaves on its own (A·s): EV maximum × time left. */
  readonly reachableAs: ArrayLike<number>
  /** Sessions whose current is fixed (a held or reserved load): never given up, never scaled. */
  readonly fixed: ArrayLike<number>
  /** Sessions whose need is a default guess: under `vehicles` they never give way (nor make others). */
  readonly guessed: ArrayLike<number>
  readonly periodS: number
}

/** The objective's decision: the needs to serve first, and who takes what is left first. */
export interface ObjectiveNeeds {
  /** Current each session must get now (A). */
  readonly mandatory: Float64Array
  /**
   * Rank of each session for the capacity left after the needs, lower first (the priority order
   * within a rank); absent: the priority order alone. See {@link objectiveNeeds}.
   */
  readonly rank?: Float64Array
}

/** Charge short by less than this (A per period) counts as served: fills stop nanoamperes short of a fuse. */
const SHORT_EPS_A = 0.01
/**
 * Nor does a shortfall under this share of the session's need: it still leaves with 99 %, and chasing
 * it would cost a re-plan every tick on a crowded site.
 */
const SHORT_SHARE = 0.01
/**
 * Each round re-plans once; a shortfall still left after this many rounds is shared in proportion to
 * the needs, as `energy` shares it (a common deadline needs one round; this bounds a crowded site's cost).
 */
const MAX_ROUNDS = 2

/**
 * The current each session must get now, under `objective`, after the trial's last `serve` (the
 * scheduler carries on from that state, so the last call to `serve` is always with the result).
 *
 * - `energy`: the plan's needs as they are; a shortfall is shared in proportion to the needs.
 * - `vehicles` (Moore–Hodgson): every session is planned for what it can reach alone. While several
 *   whose need is known (told by the car or the driver, never a default guess, which cannot say who
 *   could finish) are short of it, they give way — first those that cannot finish even alone, then the
 *   largest remaining needs (ties: the later session) — just enough of them to cover the charge that
 *   fits nowhere, and the rest is planned again (at most {@link MAX_ROUNDS} rounds a tick). Those
 *   that gave way keep no need and take what is left after all others, smallest need first:
 *   the kept ones finish early, and the choice holds from tick to tick (the kept needs shrink fastest).
 * - `fair`: the sessions short of their need are planned for one common fraction of it (each capped at
 *   what it can reach alone), the fraction chosen so that the charge that fits nowhere is taken off;
 *   the plan shares each future bucket in proportion to the current each still needs, so no one's
 *   share is deferred at another's expense.
 *
 * @example
 * const { mandatory, rank } = objectiveNeeds('vehicles', problem, trial)
 */
export function objectiveNeeds(
  objective: Objective,
  problem: NeedsProblem,
  trial: NeedsTrial,
): ObjectiveNeeds {
  if (objective === 'vehicles') return finishersFirst(problem, trial)
  if (objective === 'fair') return equalShares(problem, trial)
  const planned = trial.plan(problem.candidates, problem.remainingAs)
  trial.serve(planned.needA)
  return { mandatory: planned.needA }
}

/** Sessions that get less now than the charge that fits nowhere later, and how much charge (A·s) that is. */
interface Shortfall {
  readonly sessions: readonly number[]
  readonly deficitAs: number
}

/**
 * The sessions short of their need, when there are several (one session short alone, by its own rate
 * or a fuse nobody else needs, gains nothing from others giving way or sharing).
 */
function shortfall(
  p: NeedsProblem,
  unplacedA: ArrayLike<number>,
  served: ArrayLike<number>,
  counts: (j: number) => boolean = (j) => !p.fixed[j],
): Shortfall {
  const shortOf = (j: number) => unplacedA[j]! - served[j]!
  const matters = (j: number) =>
    shortOf(j) > SHORT_EPS_A &&
    shortOf(j) * p.periodS > SHORT_SHARE * Math.min(p.remainingAs[j]!, p.reachableAs[j]!)
  const short = p.candidates.filter((j) => counts(j) && matters(j))
  const sessions = short.length > 1 ? short : []
  let deficitAs = 0
  for (const j of sessions) deficitAs += shortOf(j) * p.periodS
  return { sessions, deficitAs }
}

/** Each session's need capped at what it can reach alone before it leaves (A·s). */
function reachableNeeds(p: NeedsProblem): Float64Array {
  return Float64Array.from(p.remainingAs, (r, j) => Math.min(r, p.reachableAs[j]!))
}

/** `vehicles`: Moore–Hodgson over the plan (see {@link objectiveNeeds}). */
function finishersFirst(p: NeedsProblem, trial: NeedsTrial): ObjectiveNeeds {
  const reachable = reachableNeeds(p)
  const hopeless = (j: number) => p.remainingAs[j]! > p.reachableAs[j]!
  const counts = (j: number) => !p.fixed[j] && !p.guessed[j]
  let kept: readonly number[] = p.candidates
  let planned = trial.plan(kept, reachable)
  let short = shortfall(p, planned.unplacedA, trial.serve(planned.needA), counts)
  const gaveWay: number[] = []
  const gave = new Uint8Array(reachable.length)
  for (let round = 0; round < MAX_ROUNDS && short.sessions.length > 0; round++) {
    const first = [...short.sessions].sort(
      (a, b) => Number(hopeless(b)) - Number(hopeless(a)) || reachable[b]! - reachable[a]! || b - a,
    )
    let freed = 0
    for (const j of first) {
      if (freed >= short.deficitAs) break
      gaveWay.push(j)
      gave[j] = 1
      freed += reachable[j]!
    }
    kept = kept.filter((j) => !gave[j])
    planned = trial.plan(kept, reachable)
    short = shortfall(p, planned.unplacedA, trial.serve(planned.needA), counts)
  }
  gaveWay.sort((a, b) => reachable[a]! - reachable[b]! || a - b)
  if (gaveWay.length === 0) return { mandatory: planned.needA }
  const rank = new Float64Array(p.remainingAs.length)
  gaveWay.forEach((j, n) => {
    rank[j] = 1 + n
  })
  return { mandatory: planned.needA, rank }
}

/** `fair`: the sessions short of their need are planned for one common fraction of it. */
function equalShares(p: NeedsProblem, trial: NeedsTrial): ObjectiveNeeds {
  const reachable = reachableNeeds(p)
  const planned = Float64Array.from(reachable)
  const sharing: number[] = []
  const inShare = new Uint8Array(planned.length)
  const target = (j: number, f: number) => Math.min(f * p.remainingAs[j]!, reachable[j]!)
  let plan = trial.plan(p.candidates, planned)
  let short = shortfall(p, plan.unplacedA, trial.serve(plan.needA))
  for (let round = 0; round < MAX_ROUNDS && short.sessions.length > 0; round++) {
    for (const j of short.sessions) {
      if (inShare[j]) continue
      inShare[j] = 1
      sharing.push(j)
    }
    const held = sharing.reduce((sum, j) => sum + planned[j]!, 0)
    const f = fractionFor(held - short.deficitAs, (f) => sharing.reduce((sum, j) => sum + target(j, f), 0))
    for (const j of sharing) planned[j] = target(j, f)
    plan = trial.plan(p.candidates, planned)
    short = shortfall(p, plan.unplacedA, trial.serve(plan.needA))
  }
  return { mandatory: plan.needA }
}

/** The largest fraction in [0, 1] whose total (`totalAt`, non-decreasing) is at most `budget`. */
function fractionFor(budget: number, totalAt: (f: number) => number): number {
  if (!(budget > 0)) return 0
  if (totalAt(1) <= budget) return 1
  let lo = 0
  let hi = 1
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2
    if (totalAt(mid) <= budget) lo = mid
    else hi = mid
  }
  return lo
}
