/**
 * Smart power distribution: the pure core of the site loop.
 *
 * The `SiteActor` calls {@link allocate} every tick with a {@link SiteSnapshot} (grid connection, fuse
 * tree, connectors and their phase wiring, building meter, sessions) and the time, and gets one
 * current limit per session plus per-fuse diagnostics; {@link decideSetpoints} then picks the limits
 * worth sending (reductions at once, increases with hysteresis, rate limit and settling time).
 *
 * **How it decides.** Every physical limit is a row `|Σ a_ij·I_j| ≤ limit_i` over the session
 * currents ({@link ConstraintSet}): a fuse phase is a real row (the sum of the currents wired to it),
 * a delta-wye transformer winding is a phasor row (a magnitude), and both are solved exactly. The
 * scheduler ({@link scheduleCurrents}) orders sessions by least laxity (time to departure minus the
 * time needed at the EV's full rate) and first computes, with a short backward plan over the coming
 * hours (buckets of 5 min, 10 min, 20 min … a day, cut at departures), how much current each session
 * needs *now* so its energy still fits before it leaves. Those needs are served first, in proportion,
 * by progressive filling (water-filling that stops a session only when its own cap or a full row
 * stops it). The rest of the capacity then goes tier by tier in laxity order, equal shares within a
 * tier, so energy is delivered early (future arrivals are unknown) and equals are treated alike. On
 * phasor rows a local search trades current between line pairs while total throughput rises;
 * sessions on identical circuits re-split their total by priority; a final top-up leaves no ampere
 * that any session could use idle. Hard limits are never traded: fuses (after safety margin and
 * building load, the worst case when the meter is stale), 0 or at least the EV minimum, never above
 * connector or EV maximum. A monthly peak target caps site power while departures can still be met
 * under it and rises just enough when they cannot. When not every need fits, the site's objective
 * ({@link Objective}: most cars finished, equal shares of need, or most energy) decides how the shortfall
 * is shared. The same `scheduleCurrents` runs the ACN benchmark (`npm run bench:smart`, objective
 * `energy`), so its figures are the production code's.
 */
export type { Allocation, SessionAllocation } from './allocate'
export { allocate } from './allocate'
export type { EffectiveBuilding } from './building'
export { effectiveBuildingLoad } from './building'
export type { ConstraintRow, ConstraintSet, ConstraintTerm } from './constraint-set'
export { compileConstraints, isFeasible, rowMagnitudes } from './constraint-set'
export type { NodeLoad } from './diagnostics'
export type { Objective } from './objective'
export { OBJECTIVES } from './objective'
export type { PeakDecision } from './peak'
export { decidePeakCap, requiredEvPowerKw } from './peak'
export type { ScheduleInput, ScheduleOptions, ScheduleResult } from './scheduler'
export { scheduleCurrents } from './scheduler'
export type {
  SentSetpoint,
  SetpointCommand,
  SetpointDecision,
  SetpointInput,
  SetpointPolicy,
} from './setpoints'
export { DEFAULT_SETPOINT_POLICY, decideSetpoints } from './setpoints'
export type {
  AllocationSettings,
  BuildingLoad,
  Connector,
  FuseNode,
  GridConnection,
  GridPhase,
  PeakControl,
  PerPhase,
  Session,
  SiteSnapshot,
} from './site'
export { DEFAULT_SETTINGS, GRID_PHASES } from './site'
