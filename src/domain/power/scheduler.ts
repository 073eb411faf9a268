/*
 * Who can take current from whom, in the order the stages run (see {@link scheduleCurrents}):
 *
 *   tier 1 … tier 9          a lower tier plans and fills only on what the higher tiers left
 *   └ within one tier:
 *     must charge now        laxity ≤ one period and a need: its minimum, ahead of every floor
 *     on-time floors         a car given current keeps its minimum (10 min), ahead of others' needs
 *     needs                  the plan's current now, as the objective kept, scaled or shared it
 *     held                   what a car holds, ahead of anyone else's share growing
 *     minimums, then shares  least laxity first, equals equally, then trades and top-ups
 *
 * Every later stage only raises currents, with two exceptions that are bounded: the throughput trade
 * never goes below what the needs stage reserved (floors included), and a re-split of identical
 * sessions keeps, under `energy`, the floors as granted (under the other objectives, all reserved).
 * Only a fuse takes a floor back: one that does not fit when its turn comes is not given.
 */
import type { ConstraintSet } from './constraint-set'
import { DEFAULT_EXCHANGE, type ExchangeOptions, exchangeForThroughput } from './exchange'
import {
  admitMinimums,
  createFillLayout,
  createFillState,
  type FillLayout,
  type FillState,
  resetFillState,
  restoreFillState,
  type SavedFill,
  saveFillState,
  topUp,
} from './fill'
import { columnGroupIds } from './fill-scratch'
import { interchangeableGroups, regroupByPriority } from './groups'
import type { PlanShape } from './horizon-plan'
import {
  chargeCaps,
  type Floors,
  floorsAhead,
  laxities,
  minimumFloors,
  needsNow,
  needsProblem,
} from './needs-plan'
import { type NeedsTrial, type Objective, objectiveNeeds } from './objective'
import { priorityOrder, stackBuckets, tierRuns } from './priority-order'
import { fillTogether } from './progressive-fill'

/**
 * One scheduling problem: session currents `I_j` (A) under a {@link ConstraintSet}. Arrays are indexed
 * by session; the site loop and the ACN benchmark both build one of these and call
 * {@link scheduleCurrents}, so the benchmark measures the code that runs in production.
 */
export interface ScheduleInput {
  readonly constraints: ConstraintSet
  /** Lowest current at which the session can charge (6 A for AC EVs); below it, 0. */
  readonly minA: ArrayLike<number>
  /** Most the session may take now (connector rating, EV maximum, cable…); finite. */
  readonly maxA: ArrayLike<number>
  /** The EV's own maximum current: how fast it could catch up later (laxity and plan). */
  readonly evMaxA: ArrayLike<number>
  /** Charge still needed, in ampere-seconds of this session's current (Wh·3600 / (V·phases)). */
  readonly remainingAs: ArrayLike<number>
  /** Seconds until the estimated departure. */
  readonly timeLeftS: ArrayLike<number>
  /** Worth of one ampere of this session in the throughput trade (e.g. its phase count); 1 if absent. */
  readonly value?: ArrayLike<number>
  /**
   * Precomputed groups: equal ids MUST mean identical constraint columns (a group moves as one in
   * progressive filling). Omit it and columns are compared.
   */
  readonly groupOf?: ArrayLike<number>
  /**
   * 1 where the session's energy need was told (by the car or the driver), 0 where it is a default
   * guess; absent: all told. Under the `vehicles` objective a guessed need never makes a car give way.
   */
  readonly needTold?: ArrayLike<number>
  /**
   * The current each session holds now (its limit in force, 0 if none); absent: nobody holds anything.
   * After the needs, each keeps up to that, least laxity first, before anyone else's share grows: a
   * car takes seconds to follow a change and ramps up at a few A/s, so moving current between cars
   * that need none of it by their departure costs energy and gains none.
   */
  readonly heldA?: ArrayLike<number>
  /**
   * A floor each session keeps ahead of the needs (A; 0 for none): a car that was given current keeps
   * its minimum for a while (see `AllocationSettings.minOnTimeMs`), so the needs of others do not turn
   * it off and on every few minutes. Only the fuses take it back: it is admitted, in priority order,
   * like any minimum.
   */
  readonly onTimeA?: ArrayLike<number>
  /**
   * The access policy's power priority tier per session, 1 first … 9 last; absent: all equal. A
   * session of a higher tier is served before any of a lower tier, whatever their departures; within
   * a tier, least laxity first.
   */
  readonly priorityTier?: ArrayLike<number>
}

/** Tuning that stays fixed for a site. */
export interface ScheduleOptions {
  /** Planning period (s): energy caps and "needed now" refer to it. 300 s in the ACN benchmark. */
  readonly periodS: number
  /** Fixed plan resolution; by default it adapts to the number of sessions ({@link planShapeFor}). */
  readonly plan?: PlanShape
  readonly exchange?: ExchangeOptions
  /**
   * Cap each session at what it can still take in one period (default true). Right for ideal batteries
   * (the ACN simulation); a live site turns it off, since a real car stops drawing by itself when full
   * and a driver's energy estimate may be low.
   */
  readonly capToRemaining?: boolean
  /**
   * How a shortfall is shared when not every need fits ({@link Objective}); default `energy`, the
   * scheduler's neutral choice (the ACN benchmark scores energy). Sites choose theirs.
   */
  readonly objective?: Objective
}

/** The currents and the reasoning behind them (for diagnostics and tests). */
export interface ScheduleResult {
  readonly currentsA: Float64Array
  /** Current each session needed now to still finish by its departure (see {@link planMandatory}). */
  readonly mandatoryA: Float64Array
  /** Sessions that could charge, least laxity first. */
  readonly order: readonly number[]
}

/**
 * Decides every session's current for the next tick. Deterministic; the cost is bounded by the fill
 * events, about ten plan buckets and the exchange budget. Stages:
 *
 * 1. **Order** by priority tier ({@link ScheduleInput.priorityTier}), then least laxity (time left
 *    minus time needed at full EV rate); ties by index. Sessions whose laxities fall in the same
 *    planning period are "equals" (one bucket). Stages 2–8 run for each priority tier in turn, each
 *    on what the higher tiers left: a lower tier gets nothing a higher one can use.
 * 2. **Plan**: the current each session needs now so that its remaining energy still fits before its
 *    departure, given the capacity of the coming hours ({@link planMandatory}).
 * 3. **Floors, then needs**: first the sessions that must charge now (a need and a laxity of at
 *    most one period) at their minimum, then those within their minimum on-time at their floor
 *    ({@link ScheduleInput.onTimeA}; see {@link floorsAhead}); then sessions with a need are admitted
 *    at their minimum (least laxity first; one whose minimum does not fit gets 0) and filled towards
 *    their need, in proportion to it. When they cannot all be served, the site's objective
 *    ({@link objectiveNeeds}) decides whose need is kept (`vehicles`), scaled (`fair`) or shared as
 *    it is (`energy`), and plan and needs are redone.
 * 4. **What is held is kept** ({@link ScheduleInput.heldA}), least laxity first, up to the cap.
 *    **Everyone else's minimum**, least laxity first, while it fits (0 or at least the minimum).
 * 5. **Then by priority**: the remaining capacity goes bucket by bucket, equal shares within one
 *    (front-loading: future arrivals are unknown, so energy delivered now is never wasted).
 * 6. **Throughput** (phasor rows only): trade current between line pairs while the total rises.
 * 7. **Priority within network-equivalent sessions**: sessions with identical constraint columns
 *    re-split their total bucket by bucket.
 * 8. **Top up** in priority order, so no session could take more alone (work-conserving).
 */
export function scheduleCurrents(input: ScheduleInput, options: ScheduleOptions): ScheduleResult {
  const set = input.constraints
  const caps = chargeCaps(input, options.periodS, options.capToRemaining)
  const laxity = laxities(input, options.periodS)
  const candidates = priorityOrder(caps, laxity, input.priorityTier)
  const layout = createFillLayout(set, input.groupOf ? Int32Array.from(input.groupOf) : columnGroupIds(set))
  const state = createFillState(layout)
  const mandatoryA = new Float64Array(set.size)
  const order: number[] = []
  const runs = tierRuns(candidates, input.priorityTier)
  for (const run of runs) {
    const base = runs.length > 1 ? saveFillState(state) : undefined
    const served = scheduleTier({ input, options, caps, laxity, layout, state, base }, run)
    for (const j of run) mandatoryA[j] = served.mandatory[j]!
    order.push(...served.order)
  }
  return { currentsA: state.x, mandatoryA, order }
}

/** What every priority tier of one tick shares. */
interface TickContext {
  readonly input: ScheduleInput
  readonly options: ScheduleOptions
  readonly caps: Float64Array
  readonly laxity: Float64Array
  readonly layout: FillLayout
  readonly state: FillState
  /** The currents the higher tiers were given (absent: none, the state starts at zero). */
  readonly base: SavedFill | undefined
}

/**
 * Stages 2–8 for the sessions of one priority tier (`candidates`, in priority order), on top of what
 * the higher tiers were given: those currents stay as they are, and the tier's plan sees only the
 * capacity they left.
 */
function scheduleTier(
  ctx: TickContext,
  candidates: readonly number[],
): { mandatory: Float64Array; order: readonly number[] } {
  const { input, options, caps, layout, state, base } = ctx
  const set = input.constraints
  const tier = ctx.laxity.map((l) => Math.floor(l / options.periodS))
  const value = input.value ?? new Float64Array(set.size).fill(1)
  const stages = (order: readonly number[]): Stages => ({
    state,
    order,
    caps,
    mins: input.minA,
    tier,
    value,
    groups: interchangeableGroups(order, layout.groupOf),
    phasor: set.complex.some((c) => c === 1),
    exchange: options.exchange ?? DEFAULT_EXCHANGE,
    keepNeeds: (options.objective ?? 'energy') !== 'energy',
  })
  const planLayout = base ? leftOver(layout, state) : layout
  let floors: Floors | undefined
  const trial: NeedsTrial = {
    plan: (vars, remainingAs) => needsNow({ ...input, remainingAs }, options, vars, caps, planLayout),
    serve: (needs) => {
      if (base) restoreFillState(state, base)
      else resetFillState(state)
      floors = floorsAhead(input, candidates, needs, { caps, laxity: ctx.laxity, periodS: options.periodS })
      const floored = admitMinimums(state, floors.order, floors.floorA)
      const needy = admitMinimums(
        state,
        candidates.filter((j) => needs[j]! > 0),
        input.minA,
      )
      fillNeeds(stages(needy), needs, minimumFloors(input, [...floored, ...needy]))
      return state.x
    },
  }
  const { mandatory, rank } = objectiveNeeds(
    options.objective ?? 'energy',
    needsProblem(input, options, candidates, caps),
    trial,
  )
  const ranked = rank ? byRank(candidates, rank, tier) : candidates
  if (input.heldA) keepHeld(state, ranked, input.heldA, caps, input.minA)
  const reserved = Float64Array.from(state.x)
  admitMinimums(
    state,
    ranked.filter((j) => mandatory[j] === 0),
    input.minA,
  )
  const order = ranked.filter((j) => state.x[j]! > 0 || input.minA[j]! <= 0)
  dropUnadmitted(caps, candidates, order)
  fillByPriority(stages(order), reserved, input.onTimeA && floors ? keptFloors(floors, reserved) : undefined)
  return { mandatory, order }
}

/**
 * The layout with each row's limit lowered by what the higher tiers already load it with (by the
 * magnitude, so on a phasor row too whatever fits the lowered limit fits the real one).
 */
function leftOver(layout: FillLayout, state: FillState): FillLayout {
  const limits = layout.limits.map((l, r) => Math.max(0, l - Math.hypot(state.sRe[r]!, state.sIm[r]!)))
  return { ...layout, limits }
}

/**
 * The priority order regrouped by the objective's ranks (stable: priority order within a rank), and
 * the buckets moved so that every rank's come after the previous rank's.
 */
function byRank(candidates: readonly number[], rank: Float64Array, bucket: Float64Array): number[] {
  const ranked = [...candidates].sort((a, b) => rank[a]! - rank[b]!)
  stackBuckets(ranked, (j) => rank[j]!, bucket)
  return ranked
}

/**
 * The floors (see {@link floorsAhead}) as they were granted, for an `energy` re-split to keep: a floor
 * that did not fit is no floor (0), so a re-split never hands it back at an admitted session's cost.
 * Only on-time floors need this: without them the cars that must charge now lead the priority order,
 * and the re-split serves them first anyway.
 */
function keptFloors(floors: Floors, reserved: Float64Array): Float64Array {
  return floors.floorA.map((f, j) => Math.min(f, reserved[j]!))
}

/** Stage 4: each session keeps what it holds (up to its cap, 0 or at least its minimum), in order. */
function keepHeld(
  state: FillState,
  order: readonly number[],
  heldA: ArrayLike<number>,
  caps: Float64Array,
  mins: ArrayLike<number>,
): void {
  const keep = new Float64Array(caps.length)
  for (const j of order) keep[j] = heldA[j]! >= mins[j]! ? Math.min(caps[j]!, heldA[j]!) : 0
  topUp(state, order, keep, mins)
}

/** Candidates whose minimum did not fit get a cap of 0, so no later stage starts them. */
function dropUnadmitted(caps: Float64Array, candidates: readonly number[], order: readonly number[]): void {
  const admitted = new Uint8Array(caps.length)
  for (const j of order) admitted[j] = 1
  for (const j of candidates) if (!admitted[j]) caps[j] = 0
}

interface Stages {
  readonly state: FillState
  readonly order: readonly number[]
  readonly caps: Float64Array
  readonly mins: ArrayLike<number>
  readonly tier: ArrayLike<number>
  readonly value: ArrayLike<number>
  readonly groups: readonly (readonly number[])[]
  readonly phasor: boolean
  readonly exchange: ExchangeOptions
  /** Re-splits keep the needs served first (every objective but `energy`, where priority decides). */
  readonly keepNeeds: boolean
}

/** Stage 4 (+6): needs first, in proportion to them, then the throughput trade among needs. */
function fillNeeds(s: Stages, mandatory: Float64Array, floors: Float64Array): void {
  fillTogether(s.state, s.order, mandatory, mandatory)
  topUp(s.state, s.order, mandatory, s.mins)
  if (s.phasor) {
    exchangeForThroughput(
      s.state,
      s.groups,
      s.order,
      { caps: mandatory, floor: floors, value: s.value },
      s.exchange,
    )
  }
}

/**
 * Stages 5–8, never taking back what the needs stage reserved (`reserved`) in a trade; re-splits keep
 * it too, except under `energy`, where they keep only the floors granted (`floors`).
 */
function fillByPriority(s: Stages, reserved: Float64Array, floors: Float64Array | undefined): void {
  fillByTier(s)
  topUp(s.state, s.order, s.caps, s.mins)
  if (s.phasor) {
    exchangeForThroughput(
      s.state,
      s.groups,
      s.order,
      { caps: s.caps, floor: reserved, value: s.value },
      s.exchange,
    )
  }
  regroupByPriority(s.state, s.groups, {
    caps: s.caps,
    mins: s.mins,
    tier: s.tier,
    ...(s.keepNeeds ? { floor: reserved } : floors ? { floor: floors } : {}),
  })
  topUp(s.state, s.order, s.caps, s.mins)
}

/** Least-laxity-first with fairness among equals: each bucket of equals fills equally, in order. */
function fillByTier(s: Stages): void {
  const { order, tier } = s
  for (let start = 0; start < order.length; ) {
    let end = start + 1
    while (end < order.length && tier[order[end]!] === tier[order[start]!]) end++
    if (end - start === 1) topUp(s.state, [order[start]!], s.caps, s.mins)
    else fillTogether(s.state, order.slice(start, end), s.caps)
    start = end
  }
}
