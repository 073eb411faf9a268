import type { Objective } from './objective'

/**
 * The site model the power loop works on: one grid connection with a main fuse per phase, an optional
 * tree of sub-circuit fuses, connectors with their phase wiring, the live building load and the
 * charging sessions. Plain data (a snapshot), so `allocate` stays a pure function of it and `now`.
 */

/** A phase of the grid connection. */
export type GridPhase = 'L1' | 'L2' | 'L3'

/** The phases in index order: per-phase arrays in this module are `[L1, L2, L3]`. */
export const GRID_PHASES: readonly GridPhase[] = ['L1', 'L2', 'L3']

/** A value per grid phase, `[L1, L2, L3]`; single-phase sites use only the first. */
export type PerPhase = readonly [number, number, number]

/**
 * A fuse: the main fuse at the root, sub-circuit fuses below it. Each limits every phase it carries to
 * `limitA`. Connectors sit on the node that feeds them directly.
 */
export interface FuseNode {
  readonly id: string
  /** Rated current per phase (A), e.g. 63 for a 3 × 63 A main fuse. */
  readonly limitA: number
  readonly children?: readonly FuseNode[]
  readonly connectorIds?: readonly string[]
}

/** The connection to the grid. */
export interface GridConnection {
  /** Phase-to-neutral voltage (230 V in Europe). */
  readonly voltageV: number
  readonly phases: 1 | 3
  /** The main fuse and everything below it. */
  readonly main: FuseNode
}

/**
 * A charging connector. `wiring[k]` is the grid phase its phase k+1 is connected to: a three-phase
 * charger installed with rotation has e.g. `['L2', 'L3', 'L1']`, a single-phase one `['L3']`.
 */
export interface Connector {
  readonly id: string
  /** Rating per phase (A), after cable and charger limits. */
  readonly maxA: number
  readonly wiring: readonly GridPhase[]
}

/**
 * The non-EV load of the building, as measured at the main meter, per phase.
 * Readings older than the stale limit are not trusted: the worst case `maxA` is assumed instead.
 */
export interface BuildingLoad {
  /** Measured current per phase (A); negative values (export) are treated as 0. */
  readonly currentA: PerPhase
  /** When the reading was taken (ms since epoch); absent means never measured. */
  readonly measuredAt?: number
  /**
   * The most the building can draw per phase (A), e.g. its own fuse. Assumed when the reading is
   * stale. Absent means the main fuse rating itself: EVs then get nothing until the meter is back.
   */
  readonly maxA?: PerPhase
}

/** A charging session: an EV on a connector and what the driver needs. */
export interface Session {
  readonly id: string
  readonly connectorId: string
  /** Lowest current the EV charges at (A); default 6 A (IEC 61851 / J1772 AC). */
  readonly evMinA?: number
  /** The EV's own maximum current per phase (A); default the connector's. */
  readonly evMaxA?: number
  /** Phases the EV's on-board charger uses; default all of the connector's. */
  readonly evPhases?: 1 | 2 | 3
  /** Energy still needed (Wh); absent means unknown (the default energy is assumed). */
  readonly energyNeededWh?: number
  /**
   * Expected departure (ms since epoch), as told (driver, EV) or learned from habits; absent means
   * unknown. An unknown or passed departure never outranks a known future one.
   */
  readonly departureAt?: number
  /** When the EV was plugged in (ms since epoch): an unknown departure is assumed a dwell after it. */
  readonly pluggedInAt?: number
  /** Current the EV draws now (A per phase), if metered. */
  readonly measuredA?: number
  /** The limit in force at the charger now (A), if any: with `measuredA`, reveals unused capacity. */
  readonly offeredA?: number
  /**
   * A load the loop must carry (A per phase on the EV's phases): the session draws this whatever it is
   * given now (its charger is offline, ignores setpoints, or has not confirmed its last one). It is a
   * fixed load on every fuse above it, subtracted like the building, never a share to hand out.
   */
  readonly carriedA?: number
  /**
   * The carried load is passing (a setpoint on its way, a car following a cut, a car just plugged in):
   * the session keeps its place in the order, so what it will take once the load has passed, beyond
   * `carriedA`, is not handed to others meanwhile (they would have to give it back a moment later).
   */
  readonly carriedPassing?: boolean
  /**
   * The limit in force at its charger (A), confirmed and not changing: after the needs, the allocation
   * lets the session keep it before anyone else's share grows (see `ScheduleInput.heldA`).
   */
  readonly heldA?: number
  /**
   * Since when the session has had current (ms since epoch): its limit has been above 0 since then.
   * Within `AllocationSettings.minOnTimeMs` of it, a session holding its minimum keeps it.
   */
  readonly onSinceAt?: number
  /**
   * Power priority tier from the access policy that admitted it: 1 is served first, 9 last; absent:
   * the normal tier (`NORMAL_PRIORITY_TIER`, 5). A higher tier is served before any lower one.
   */
  readonly priorityTier?: number
}

/**
 * Monthly peak control (Swedish effect tariffs bill the mean of the month's top hourly peaks).
 * `targetKw` is the site power (building + EVs) to stay under; `reachedKw` is a level already billed
 * this month, so staying under anything lower saves nothing.
 */
export interface PeakControl {
  readonly targetKw: number
  readonly reachedKw?: number
}

/** Tuning with defaults in {@link DEFAULT_SETTINGS}. */
export interface AllocationSettings {
  /** Planning period (s): the scheduler's notion of "now" for energy needs. */
  readonly periodS: number
  /** A building reading older than this (ms) is stale. */
  readonly staleAfterMs: number
  /** Assumed dwell when a session has no departure (ms), counted from plug-in when known. */
  readonly defaultDwellMs: number
  /**
   * Drivers leave early: plan to be done this long (s) before the expected departure. Applies to
   * priority, the plan and the peak rule.
   */
  readonly departureMarginS: number
  /** Assumed energy need when a session has none (Wh). */
  readonly defaultEnergyWh: number
  /** An EV drawing this much (A) below its offer is not using its share. */
  readonly unusedThresholdA: number
  /**
   * Such an EV keeps this much headroom (A) above what it draws, so it can ramp up again. Larger than
   * `unusedThresholdA`, so a car limiting itself stays capped (drawing headroom below its cap it is
   * still "not using" it) instead of being lifted and capped again at every reading.
   */
  readonly rampHeadroomA: number
  /** Extra power (fraction) granted above the computed peak need, as scheduling is not perfect. */
  readonly peakSlack: number
  /** Setpoint resolution (A): limits are rounded down to it. */
  readonly resolutionA: number
  /**
   * Cap a session at the energy it still needs per period. Off for real sites (a car stops drawing by
   * itself when full, and energy estimates run low); the ideal-battery benchmarks turn it on.
   */
  readonly capToRemainingEnergy: boolean
  /**
   * What to optimise when not every car can get its need by its departure (see {@link Objective}).
   * Default `vehicles`: as many cars as possible leave with all they need, equals share equally.
   */
  readonly objective: Objective
  /**
   * Minimum on-time (ms): a car that was given current keeps at least its minimum this long, unless a
   * fuse needs it. Without it a site short of capacity turns cars off and on every one to three
   * minutes as needs shift, and each start costs a car 1–9 s to follow and a ramp at 1–3 A/s: energy
   * lost, and a setpoint each way. Ten minutes is two planning periods: a need that appears is still
   * met within its plan, and a car is switched at most a few times an hour.
   */
  readonly minOnTimeMs: number
}

/** Defaults for {@link AllocationSettings}. */
export const DEFAULT_SETTINGS: AllocationSettings = {
  periodS: 300,
  staleAfterMs: 15_000,
  defaultDwellMs: 8 * 3_600_000,
  departureMarginS: 1800,
  defaultEnergyWh: 20_000,
  unusedThresholdA: 2,
  rampHeadroomA: 3,
  peakSlack: 0.1,
  resolutionA: 0.1,
  capToRemainingEnergy: false,
  objective: 'vehicles',
  minOnTimeMs: 600_000,
}

/** Everything `allocate` needs: the site as it is at one tick. */
export interface SiteSnapshot {
  readonly grid: GridConnection
  readonly connectors: readonly Connector[]
  readonly sessions: readonly Session[]
  /** Subtracted from every fuse on every phase (A). */
  readonly safetyMarginA?: number
  readonly building?: BuildingLoad
  readonly peak?: PeakControl
  readonly settings?: Partial<AllocationSettings>
}
