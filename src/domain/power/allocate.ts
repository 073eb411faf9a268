import { type EffectiveBuilding, effectiveBuildingLoad } from './building'
import { type ConstraintRow, type ConstraintSet, rowMagnitudes } from './constraint-set'
import { finalizeCurrents, type NodeLoad, nodeLoads } from './diagnostics'
import { decidePeakCap, type PeakDecision } from './peak'
import { scheduleCurrents } from './scheduler'
import { type SessionDemands, sessionDemands } from './session-demand'
import { type AllocationSettings, DEFAULT_SETTINGS, type SiteSnapshot } from './site'
import { compileSite, type ResolvedSessions, resolveSessions } from './site-constraints'

/** One session's setpoint. */
export interface SessionAllocation {
  readonly sessionId: string
  readonly connectorId: string
  /** Limit per phase (A): 0, or between the EV's minimum and its (EV, connector) maximum. */
  readonly limitA: number
  /** Phases the EV draws on (for the charging profile's `numberPhases`). */
  readonly phases: number
  /** Current it needed now to still finish by its departure (A per phase). */
  readonly neededA: number
}

/** The result of one tick: setpoints and why. */
export interface Allocation {
  /** In the order of the snapshot's sessions. */
  readonly sessions: readonly SessionAllocation[]
  /** Load and headroom of every fuse, main first. */
  readonly nodes: readonly NodeLoad[]
  readonly building: EffectiveBuilding
  readonly peak?: PeakDecision
  /** EV power of the allocation if every EV drew its full limit (kW). */
  readonly evPowerKw: number
}

/**
 * The power loop's pure core: given the site at one tick and the time, each session's current limit.
 *
 * Hard limits (never violated): no fuse on any phase at any level carries more than its rating minus
 * the safety margin (the main fuse also minus the building load, the worst case when the meter is
 * stale) and minus the loads the loop must carry (sessions with `carriedA`: they keep that as their
 * limit and get no share; a passing one has what it will take beyond it kept free, see
 * `Session.carriedPassing`); every session gets 0 or at least its minimum; never more than the
 * connector or the EV.
 * Within them the scheduler ({@link scheduleCurrents}) serves what departures need first, then
 * shares the rest least-laxity-first, equals equally, and leaves no usable ampere idle. With a peak
 * target the site power is capped too (see {@link decidePeakCap}).
 *
 * @example
 * const now = clock.now()
 * const allocation = allocate(snapshot, now)
 * const { commands, reductionSent } = decideSetpoints({ sent, next: allocation.sessions, now, lastReductionAt })
 * for (const c of commands) tellCharger(c) // reductions come first
 */
export function allocate(site: SiteSnapshot, now: number): Allocation {
  const settings: AllocationSettings = { ...DEFAULT_SETTINGS, ...site.settings }
  const building = effectiveBuildingLoad(site, now, settings.staleAfterMs)
  const resolved = resolveSessions(site)
  const demands = sessionDemands(site, resolved, now, settings)
  const peak = site.peak ? peakDecision(site, demands, building, settings) : undefined
  const extra = peak ? [peakRow(site, resolved, building, peak.capKw)] : []
  const compiled = compileSite(site, resolved, building.currentA, extra)
  const carried = carriedCurrents(site)
  const result = scheduleCurrents(
    {
      constraints: withoutCarried(compiled.set, carried),
      ...demands,
      groupOf: compiled.groupOf,
      needTold: Uint8Array.from(site.sessions, (s) => (s.energyNeededWh === undefined ? 0 : 1)),
    },
    {
      periodS: settings.periodS,
      capToRemaining: settings.capToRemainingEnergy,
      objective: settings.objective,
    },
  )
  if (carried)
    site.sessions.forEach((s, j) => {
      if (s.carriedA !== undefined) result.currentsA[j] = carried[j]!
    })
  const currents = finalizeCurrents(compiled.set, result.currentsA, demands.minA, settings.resolutionA)
  const sessions = site.sessions.map((s, j) => ({
    sessionId: s.id,
    connectorId: s.connectorId,
    limitA: s.carriedA ?? currents[j]!,
    phases: resolved.phasesUsed[j]!,
    neededA: result.mandatoryA[j]!,
  }))
  const evPowerKw = sessions.reduce((kw, s) => kw + (s.limitA * s.phases * site.grid.voltageV) / 1000, 0)
  const nodes = nodeLoads(compiled, currents, building.currentA, site.safetyMarginA ?? 0)
  return { sessions, nodes, building, ...(peak ? { peak } : {}), evPowerKw }
}

/** The carried load of each session (A), or undefined when no session carries one (the common case). */
function carriedCurrents(site: SiteSnapshot): Float64Array | undefined {
  if (!site.sessions.some((s) => s.carriedA !== undefined)) return undefined
  return Float64Array.from(site.sessions, (s) => Math.max(0, s.carriedA ?? 0))
}

/**
 * The rows with the carried loads taken off their limits, as the building is: capacity they hold is
 * never handed out. Subtracting a phasor row's magnitude is conservative (|a + b| ≤ |a| + |b|).
 */
function withoutCarried(set: ConstraintSet, carried: Float64Array | undefined): ConstraintSet {
  if (!carried) return set
  const held = rowMagnitudes(set, carried)
  return { ...set, limits: set.limits.map((limit, row) => Math.max(0, limit - held[row]!)) }
}

function peakDecision(
  site: SiteSnapshot,
  demands: SessionDemands,
  building: EffectiveBuilding,
  settings: AllocationSettings,
): PeakDecision {
  const v = site.grid.voltageV
  const list = Array.from(demands.maxA, (maxA, j) => ({
    energyWh: maxA > 0 ? demands.energyWh[j]! : 0,
    hoursLeft: demands.timeLeftS[j]! / 3600,
    maxKw: (maxA * demands.value[j]! * v) / 1000,
  }))
  const buildingKw = (sumPhases(building.currentA, site.grid.phases) * v) / 1000
  return decidePeakCap(site.peak!, list, buildingKw, {
    slack: settings.peakSlack,
    minHours: settings.periodS / 3600,
  })
}

/** The peak cap as a row: Σ phases·I over all sessions ≤ cap/V − building (in phase-amperes). */
function peakRow(
  site: SiteSnapshot,
  resolved: ResolvedSessions,
  building: EffectiveBuilding,
  capKw: number,
): ConstraintRow {
  const limitA = (capKw * 1000) / site.grid.voltageV - sumPhases(building.currentA, site.grid.phases)
  const terms = Array.from(resolved.phasesUsed, (phases, index) => ({ index, re: phases }))
  return { id: 'peak', limitA: Math.max(0, limitA), terms }
}

function sumPhases(values: readonly number[], phases: number): number {
  return values.slice(0, phases).reduce((a, b) => a + b, 0)
}
