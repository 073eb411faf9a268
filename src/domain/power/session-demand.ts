import { NORMAL_PRIORITY_TIER } from '@src/domain/access/model'
import { laxityS } from './laxity'
import type { AllocationSettings, Session, SiteSnapshot } from './site'
import type { ResolvedSessions } from './site-constraints'

/** Per-session inputs of the scheduler (A per phase, seconds, ampere-seconds). */
export interface SessionDemands {
  readonly minA: Float64Array
  readonly maxA: Float64Array
  readonly evMaxA: Float64Array
  readonly remainingAs: Float64Array
  readonly timeLeftS: Float64Array
  /** Phases drawn: an ampere of a three-phase session is worth three of a single-phase one. */
  readonly value: Float64Array
  /** Energy still needed (Wh), after defaults. */
  readonly energyWh: Float64Array
  /** What each session holds now (see `ScheduleInput.heldA`), when any does. */
  heldA?: Float64Array
  /** The floor each session within its minimum on-time keeps (see `ScheduleInput.onTimeA`), when any does. */
  onTimeA?: Float64Array
  /** Each session's priority tier (see `ScheduleInput.priorityTier`), when they are not all the same. */
  priorityTier?: Uint8Array
}

/** Default minimum AC charging current (IEC 61851-1 / SAE J1772). */
export const DEFAULT_EV_MIN_A = 6

/**
 * The lowest current a pilot signal can offer (IEC 61851-1: PWM below 10 % duty, i.e. 6 A, means "do
 * not charge"). An EV that reports a lower minimum (ISO 15118 cars often say 0) still gets 0 or ≥ 6 A.
 */
export const MIN_PWM_A = 6

/**
 * Turns sessions into scheduler inputs. Unknown energy or departure take the configured defaults.
 * An EV that draws clearly less than it was offered (full, tapering, or limited by its own charger)
 * is capped at what it draws plus a ramp headroom, so the rest flows to others; should it draw up to
 * that cap, the cap is lifted. A carried load (see {@link Session.carriedA}) gets no share, except
 * that a passing one keeps, at its place in the order, what it will take beyond it once it has passed.
 *
 * A car that holds at least its minimum and got current less than `minOnTimeMs` ago keeps its
 * minimum ahead of others' needs (its on-time floor). Sessions of a higher priority tier come first.
 *
 * Departures rank by what is known: a session whose departure is unknown or already passed is planned
 * behind every session with a known future departure (its laxity is pushed past theirs), so a guess
 * never outranks a driver's word and an "overdue" default never claims the fuse forever.
 */
export function sessionDemands(
  site: SiteSnapshot,
  resolved: ResolvedSessions,
  now: number,
  settings: AllocationSettings,
): SessionDemands {
  const n = site.sessions.length
  const d: SessionDemands = {
    minA: new Float64Array(n),
    maxA: new Float64Array(n),
    evMaxA: new Float64Array(n),
    remainingAs: new Float64Array(n),
    timeLeftS: new Float64Array(n),
    value: new Float64Array(n),
    energyWh: new Float64Array(n),
  }
  const unknown: number[] = []
  let knownLaxityS = Number.NEGATIVE_INFINITY
  site.sessions.forEach((s, j) => {
    const connector = resolved.connectorOf[j]
    const phases = resolved.phasesUsed[j]!
    if (!connector || phases === 0) return
    const evMax = Math.min(connector.maxA, s.evMaxA ?? connector.maxA)
    const carried = s.carriedA !== undefined
    const evMin = Math.max(MIN_PWM_A, s.evMinA ?? DEFAULT_EV_MIN_A)
    d.minA[j] = carried ? 0 : evMin
    d.evMaxA[j] = evMax
    if (!carried) d.maxA[j] = usableMax(s, evMax, evMin, settings)
    else if (s.carriedPassing) d.maxA[j] = Math.max(0, usableMax(s, evMax, evMin, settings) - s.carriedA!)
    d.energyWh[j] = Math.max(0, s.energyNeededWh ?? settings.defaultEnergyWh)
    d.remainingAs[j] = (d.energyWh[j]! * 3600) / (site.grid.voltageV * phases)
    d.value[j] = phases
    if (s.heldA !== undefined && !carried) {
      d.heldA ??= new Float64Array(n)
      d.heldA[j] = s.heldA
      if (s.heldA >= evMin && s.onSinceAt !== undefined && now - s.onSinceAt < settings.minOnTimeMs) {
        d.onTimeA ??= new Float64Array(n)
        d.onTimeA[j] = evMin
      }
    }
    const known = s.departureAt !== undefined && s.departureAt > now
    const departure = known ? s.departureAt! : defaultDeparture(s, now, settings)
    d.timeLeftS[j] = (departure - now) / 1000 - settings.departureMarginS
    if (!known) unknown.push(j)
    else if (!carried || s.carriedPassing)
      knownLaxityS = Math.max(knownLaxityS, laxityOf(d, j, settings.periodS))
  })
  const tiers = Uint8Array.from(site.sessions, (s) => s.priorityTier ?? NORMAL_PRIORITY_TIER)
  if (tiers.some((t) => t !== tiers[0])) d.priorityTier = tiers
  if (knownLaxityS > Number.NEGATIVE_INFINITY) {
    for (const j of unknown) {
      const behind = knownLaxityS + settings.periodS - laxityOf(d, j, settings.periodS)
      if (behind > 0) d.timeLeftS[j] = Math.max(settings.periodS, d.timeLeftS[j]!) + behind
    }
  }
  return d
}

/**
 * The departure to plan an unknown one with: a default dwell after plug-in (so among the unknown, the
 * longest waiting comes first), at least a period from now.
 */
function defaultDeparture(s: Session, now: number, settings: AllocationSettings): number {
  const floor = now + settings.periodS * 1000 + settings.departureMarginS * 1000
  if (s.pluggedInAt !== undefined) return Math.max(floor, s.pluggedInAt + settings.defaultDwellMs)
  return Math.max(floor, now + settings.defaultDwellMs)
}

function laxityOf(d: SessionDemands, j: number, periodS: number): number {
  return laxityS(d.timeLeftS[j]!, d.remainingAs[j]!, d.evMaxA[j]!, periodS)
}

function usableMax(s: Session, evMax: number, evMin: number, settings: AllocationSettings): number {
  const { measuredA, offeredA } = s
  if (measuredA === undefined || offeredA === undefined) return evMax
  if (measuredA >= offeredA - settings.unusedThresholdA) return evMax
  return Math.min(evMax, Math.max(evMin, measuredA + settings.rampHeadroomA))
}
