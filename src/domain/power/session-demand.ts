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
}

/** Default minimum AC charging current (IEC 61851-1 / SAE J1772). */
export const DEFAULT_EV_MIN_A = 6

/**
 * Turns sessions into scheduler inputs. Unknown energy or departure take the configured defaults.
 * An EV that draws clearly less than it was offered (full, tapering, or limited by its own charger)
 * is capped at what it draws plus a ramp headroom, so the rest flows to others; it can climb back by
 * that headroom every tick.
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
  site.sessions.forEach((s, j) => {
    const connector = resolved.connectorOf[j]
    const phases = resolved.phasesUsed[j]!
    if (!connector || phases === 0) return
    const evMax = Math.min(connector.maxA, s.evMaxA ?? connector.maxA)
    d.minA[j] = s.evMinA ?? DEFAULT_EV_MIN_A
    d.evMaxA[j] = evMax
    d.maxA[j] = usableMax(s, evMax, d.minA[j]!, settings)
    d.energyWh[j] = Math.max(0, s.energyNeededWh ?? settings.defaultEnergyWh)
    d.remainingAs[j] = (d.energyWh[j]! * 3600) / (site.grid.voltageV * phases)
    d.timeLeftS[j] = (expectedDeparture(s, now, settings) - now) / 1000 - settings.departureMarginS
    d.value[j] = phases
  })
  return d
}

/**
 * The departure to plan with: the driver's, else a default dwell after plug-in (so a car without a
 * departure still becomes urgent, instead of always seeming to have a whole dwell ahead), else a
 * default dwell from now.
 */
function expectedDeparture(s: Session, now: number, settings: AllocationSettings): number {
  if (s.departureAt !== undefined) return s.departureAt
  if (s.pluggedInAt !== undefined) return Math.max(now, s.pluggedInAt + settings.defaultDwellMs)
  return now + settings.defaultDwellMs
}

function usableMax(s: Session, evMax: number, evMin: number, settings: AllocationSettings): number {
  const { measuredA, offeredA } = s
  if (measuredA === undefined || offeredA === undefined) return evMax
  if (measuredA >= offeredA - settings.unusedThresholdA) return evMax
  return Math.min(evMax, Math.max(evMin, measuredA + settings.rampHeadroomA))
}
