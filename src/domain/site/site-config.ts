import type { Objective } from '@src/domain/power'

/**
 * What a site is made of, as the domain sees it: the grid connection's settings, its sub-circuit fuses
 * and the charger EVSEs it feeds. The database repository maps its rows to these types, so the power
 * loop, the services and the views depend on the domain, never on a table's shape.
 */

/** How a site's building (non-EV) load is known. */
export const BUILDING_METERS = ['none', 'http', 'ocpp'] as const

/**
 * `none`: no meter (the connection feeds only chargers, or the building's maximum is reserved);
 * `http`: an energy system posts readings; `ocpp`: a meter connected as a charging station reports them.
 */
export type BuildingMeter = (typeof BUILDING_METERS)[number]

/** The settings of a site an operator chooses (everything but its id and times). */
export interface SiteSettings {
  name: string
  /** IANA time zone: departures, monthly peaks and times shown are in its local time. */
  timeZone: string
  /** Phase-to-neutral voltage (V). */
  voltageV: number
  phases: 1 | 3
  /** The main fuse's rating per phase (A). */
  mainFuseA: number
  /** Kept clear of every fuse (A). */
  safetyMarginA: number
  /** The most the building draws per phase (A), assumed when its meter is stale; null: the whole fuse. */
  buildingMaxA: number | null
  buildingMeter: BuildingMeter
  /** For an `ocpp` meter: the id of the metering device (its EVSE 0 current readings). */
  buildingMeterChargerId: string | null
  /** Monthly peak to stay under (kW) when departures allow; null: no peak control. */
  peakTargetKw: number | null
  /** The power loop's interval (ms). */
  loopIntervalMs: number
  /** Current per connector a charger falls back to without the CSMS (A); null: computed to be safe. */
  failSafeA: number | null
  /** What the loop optimises when not every car can get its need by its departure. */
  objective: Objective
}

/** caps: who may charge on a site when no access policy decides: any accepted token, or nobody. */
export const ACCESS_DEFAULTS = ['allowAccepted', 'deny'] as const

/** See {@link ACCESS_DEFAULTS}. */
export type AccessDefault = (typeof ACCESS_DEFAULTS)[number]

/** caps: a site's access settings, beside its power settings (the access evaluator reads them). */
export interface SiteAccessSettings {
  /** What decides when no access policy matches. */
  accessDefault: AccessDefault
  /** Local dates `YYYY-MM-DD`, in date order; policies may exclude them or apply only on them. */
  holidays: string[]
}

/** A site: one grid connection that chargers share. */
export interface Site extends SiteSettings, SiteAccessSettings {
  id: string
  createdAt: number
  updatedAt: number
}

/** A sub-circuit fuse under the main fuse (`parentId` null) or under another circuit. */
export interface Circuit {
  siteId: string
  id: string
  name: string
  parentId: string | null
  limitA: number
}

/**
 * A charger EVSE on a site: the circuit that feeds it (null: the main fuse), its rating and its phase
 * wiring (the grid phase of each of its phases, e.g. `L2,L3,L1`, or `L3` for a single-phase charger).
 */
export interface SiteConnector {
  chargerId: string
  evseId: number
  siteId: string
  circuitId: string | null
  maxA: number
  wiring: string
}

/** A site with its circuits and connectors: everything the power loop's model is made of. */
export interface SiteConfig {
  site: Site
  circuits: Circuit[]
  connectors: SiteConnector[]
}

/** One minute of a site's load: the minute's highest current per phase and power. */
export interface SiteLoadMinute {
  siteId: string
  /** Minutes since the epoch. */
  minute: number
  l1A: number
  l2A: number
  l3A: number
  evKw: number
  siteKw: number
  /**
   * The building meter that minute (see `MeterMinute`): the longest time between two readings (s) and
   * the largest rise per phase between two (A); 0, or absent, when it saw no pair of readings.
   */
  meterGapS?: number
  stepL1A?: number
  stepL2A?: number
  stepL3A?: number
}

/** A driver's past session: when it started and ended (what their usual departure is learnt from). */
export interface PastSession {
  startedAt: number
  endedAt: number | null
}
