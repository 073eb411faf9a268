/**
 * The physically honest site simulator's contract: a scenario (the site, its cars, its building, its
 * faults), the world that plays it second by second, and what the world tells a controller. The
 * closed-loop harness (`loadtests/bench/smart/closed-loop.ts`) runs the real site actor against it; the
 * offline optimum (`loadtests/bench/smart/optimum.ts`) reads the same scenario with hindsight.
 */
import type { ChargerEvent } from '@src/domain/charger/events'
import type { GridPhase, PerPhase } from '@src/domain/power'

/** A fuse of the site's tree: the main fuse at the root, sub-circuit fuses below. */
export interface ScenarioFuse {
  readonly id: string
  /** Rated current per phase (A). */
  readonly limitA: number
  readonly children?: readonly ScenarioFuse[]
  /** Charger ids fed directly by this fuse. */
  readonly chargerIds?: readonly string[]
}

/** One single-EVSE charger of the site. */
export interface ScenarioCharger {
  readonly id: string
  /** Its rating per phase (A), after cable and installation limits. */
  readonly maxA: number
  /** Grid phase of each charger phase (`['L2', 'L3', 'L1']`: installed with rotation). */
  readonly wiring: readonly GridPhase[]
  /** Seconds from receiving a SetChargingProfile to the new pilot signal (0.2–3 s in the field). */
  readonly applyLatencyS: number
  /** Meter values interval (s), 10–60 in the field. */
  readonly meterIntervalS: number
  /** Ignores every setpoint (answers Accepted, keeps its pilot at its maximum). */
  readonly disobeys?: boolean
  /** Intervals in which the link is silently down: events are lost, commands get no answer. */
  readonly linkDown?: readonly { readonly fromS: number; readonly toS: number }[]
}

/** What the driver tells the CSMS about the departure. */
export type DepartureInfo = { readonly kind: 'none' } | { readonly kind: 'told'; readonly atS: number }

/** One car's visit: plug-in to plug-out, and its physics. */
export interface ScenarioVisit {
  readonly id: string
  readonly chargerId: string
  readonly arrivalS: number
  /** When it really leaves (s from the scenario start), at most `durationS`: every visit is whole. */
  readonly departureS: number
  /** What the driver told (may be wrong, may be missing). */
  readonly told: DepartureInfo
  /** The energy the car wants (Wh): up to its charge limit. */
  readonly needWh: number
  /** The ISO 15118 / 2.0.1 charging needs the car reports, if it does (energy and departure). */
  readonly reportsNeeds?: boolean
  readonly car: ScenarioCar
}

/** A car's on-board charger and how it answers the pilot signal. */
export interface ScenarioCar {
  readonly model: string
  /** Phases the on-board charger uses (a 1-phase car on a 3-phase wallbox draws on its first phase). */
  readonly phases: 1 | 2 | 3
  /** The most it draws per phase (A). */
  readonly maxA: number
  /** Below this pilot (A) it stops drawing (≥ 6: IEC 61851 cannot signal less). */
  readonly minA: number
  /** Seconds from a new pilot to the car starting to follow it (1–9 s). */
  readonly responseDelayS: number
  /** How fast it climbs to a higher pilot (A/s, 1–3); reductions are followed at once after the delay. */
  readonly rampUpAps: number
  /** It draws this much under the pilot (A), e.g. 0.3–1. */
  readonly underPilotA: number
  /** Battery (Wh) and the share of `needWh` above which the current tapers off. */
  readonly batteryWh: number
  readonly taperFromShare: number
  /** The car's own timer: it draws nothing before this (s from the scenario start), e.g. cheap-hour charging. */
  readonly ownTimerFromS?: number
}

/** The building (everything but the chargers) at 1 s resolution, per grid phase (A). */
export interface ScenarioBuilding {
  /** Current per phase at second `s` of the scenario. */
  at(s: number): PerPhase
  /** The meter is read this often (s); the loop sees only these readings. */
  readonly readIntervalS: number
}

/** A whole scenario: site, cars, building, faults; deterministic for its seed. */
export interface SiteScenario {
  readonly name: string
  /** What it is for, in one line (printed by the benchmark). */
  readonly description: string
  /** `realistic` scenarios carry the ≥ 95 % of optimum target; `adversarial` ones are reported. */
  readonly kind: 'realistic' | 'adversarial'
  /** Epoch ms of second 0 (local midnight or a set hour; the loop's clock starts here). */
  readonly startAtMs: number
  readonly durationS: number
  readonly voltageV: number
  readonly main: ScenarioFuse
  readonly chargers: readonly ScenarioCharger[]
  readonly visits: readonly ScenarioVisit[]
  readonly building: ScenarioBuilding
  /** The site's fail-safe current per charger (A) while the CSMS is silent. */
  readonly failSafeA: number
}

/** A reading of the building meter, as the loop gets it. */
export interface BuildingReading {
  readonly type: 'building.reading'
  readonly currentA: PerPhase
  readonly at: number
}

/** What the world reports to a controller: charger events (as charger actors publish them) and meter readings. */
export type WorldOutput = ChargerEvent | BuildingReading

/** The answer to a setpoint, when it comes (a charger whose link is down never answers). */
export type SetpointAnswer =
  | { readonly status: 'Accepted' | 'Rejected'; readonly at: number }
  | { readonly status: 'NoAnswer' }

/** What physically happened in one second: the truth the benchmark scores against. */
export interface WorldSecond {
  readonly s: number
  /** Current per grid phase through each fuse (A), main first, building included at the main. */
  readonly fuseA: ReadonlyMap<string, PerPhase>
  /** The building's own current (A). */
  readonly buildingA: PerPhase
}
