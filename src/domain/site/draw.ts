import type { PerPhase } from '../power'
import { MIN_CHARGING_A } from './fail-safe'

/**
 * A car drawing this much less than its limit is limiting itself (its on-board charger, its battery),
 * so a higher limit will not raise its draw.
 */
export const SELF_LIMITED_BELOW_A = 1

/** Below this a phase counts as not drawing (A). */
const DRAWING_A = 0.5

/** The latest meter reading of a session: the current per charger phase (L1, L2, L3) and when. */
export interface DrawReading {
  currentA: readonly [number | undefined, number | undefined, number | undefined]
  at: number
}

/** A limit sent to a session (A per phase) and when. */
export interface SentLimit {
  limitA: number
  at: number
}

/** The last change of a session's limit, and the limit before it (none: the first one sent). */
export interface LimitChange extends SentLimit {
  from: SentLimit | undefined
}

/** What a session draws per charger phase (A), and whether that is an estimate. */
export interface DrawEstimate {
  currentA: PerPhase
  /** True when no reading taken under the limit in force says so: the value is the physics' estimate. */
  stale: boolean
}

/**
 * What a session physically draws now, as far as the CSMS can know it. Meter readings come every few
 * seconds to minutes while setpoints change in between, and a car follows a new limit within
 * `followMs` of its sending; a reading taken before that shows the old limit, not what flows now.
 *
 * - A reading taken after the limit in force took effect is the truth (even above the limit: a car
 *   that does not obey draws what it draws).
 * - After a change has taken effect, without a reading since: each phase the car drew on draws the new
 *   limit, or its old draw if a reading under the old limit showed it limiting itself below it; a
 *   limit below 6 A draws nothing (IEC 61851 pauses charging). Marked stale.
 * - While a change is being applied: what flowed when it was sent, by the same rules, until it has
 *   had `followMs` to take effect (the chart lags a change by at most that, never leads it). Stale.
 * - No reading yet: the limit in force (sent, else the charger's default) on the car's phases. Stale.
 *
 * @example
 * // cut from 16 A to 0 A ten seconds ago; the last reading (16 A) is older than the cut
 * const change = { limitA: 0, at: 1000, from: { limitA: 16, at: -60_000 } }
 * estimateDraw({ reading: { currentA: [16, 16, 16], at: 0 }, change, limitA: 0, phases: 3, now: 11_000,
 *   followMs: 5000 }) // { currentA: [0, 0, 0], stale: true }
 */
export function estimateDraw(v: {
  reading: DrawReading | null
  change: LimitChange | undefined
  /** The limit in force while none was sent (A per phase): the charger's default. */
  limitA: number
  /** The phases the car is planned on (for a car not yet seen drawing). */
  phases: number
  now: number
  followMs: number
}): DrawEstimate {
  const { reading, change } = v
  if (reading && (!change || reading.at >= change.at + v.followMs))
    return { currentA: readingA(reading), stale: false }
  const drawing = drawingPhases(reading, v.phases)
  if (!change) return { currentA: underLimit(undefined, drawing, v.limitA, undefined), stale: true }
  if (v.now < change.at + v.followMs) {
    const from = change.from && { ...change.from, from: undefined }
    return { currentA: estimateDraw({ ...v, change: from, now: change.at }).currentA, stale: true }
  }
  const from = change.from
  const underFrom = reading && from && reading.at >= from.at + v.followMs ? readingA(reading) : undefined
  return { currentA: underLimit(underFrom, drawing, change.limitA, from?.limitA), stale: true }
}

const readingA = (r: DrawReading): PerPhase => [r.currentA[0] ?? 0, r.currentA[1] ?? 0, r.currentA[2] ?? 0]

/** The charger phases the car draws on: those a reading shows drawing, else the first `phases`. */
function drawingPhases(reading: DrawReading | null, phases: number): [boolean, boolean, boolean] {
  const seen = reading ? readingA(reading).map((a) => a > DRAWING_A) : [false, false, false]
  if (seen.some(Boolean)) return [seen[0]!, seen[1]!, seen[2]!]
  return [phases >= 1, phases >= 2, phases >= 3]
}

/**
 * What the car draws once `limitA` is in force: the limit on the phases it draws on, or less where a
 * reading under the old limit `fromA` showed it limiting itself.
 */
function underLimit(
  old: PerPhase | undefined,
  drawing: readonly boolean[],
  limitA: number,
  fromA: number | undefined,
): PerPhase {
  if (limitA < MIN_CHARGING_A) return [0, 0, 0]
  const phase = (k: number) => {
    if (!drawing[k]) return 0
    const was = old?.[k]
    const selfLimited = was !== undefined && fromA !== undefined && was < fromA - SELF_LIMITED_BELOW_A
    return selfLimited ? Math.min(was, limitA) : limitA
  }
  return [phase(0), phase(1), phase(2)]
}
