import type { PerPhase } from '../power'

/** One charging session as the site loop sees it. */
export interface SiteSessionStatus {
  transactionId: number
  chargerId: string
  evseId: number
  idTag: string | null
  /** The limit the loop gives it (A per phase). */
  limitA: number
  /**
   * What it draws now (A per phase, the highest phase): its reading when taken under its current
   * limit, else what that limit lets the car draw (`drawStale`). Null when it is not planned at all.
   */
  drawA: number | null
  /** `drawA` is an estimate: no meter reading since its limit last changed. */
  drawStale: boolean
  phases: number
  energyWh: number | null
  energyNeedWh: number | null
  departureAt: number | null
  /** driver, ev, pattern, or default (nothing known). */
  departureSource: string
  /** When it is expected to have its energy at the current limit, if known. */
  expectedDoneAt: number | null
  /** The charger did not accept its last setpoint, or draws more than it was given. */
  problem: string | null
}

/** A fuse node's load. */
export interface SiteNodeStatus {
  id: string
  name: string
  limitA: number
  loadA: PerPhase
}

/**
 * What the loop guarantees about the main fuse, and what that rests on: the margin in use, the
 * building meter's interval and worst step as this site's loop has seen them over a week, and the
 * margin they suggest (see `guaranteeOf`).
 */
export interface SiteGuaranteeStatus {
  marginA: number
  /** The usual time between building readings (s); null: none seen yet. */
  meterIntervalS: number | null
  longestGapS: number | null
  /** The largest rise of the building between two readings, per phase (A). */
  worstStepA: PerPhase
  recommendedMarginA: number | null
  /** The longest a building step can keep the main fuse over its rating (s); null without a meter. */
  excessLastsS: number | null
  chargerLatencyS: number
  evResponseS: number
  text: string
  /** The loop asked the OCPP meter to report faster: every how many seconds, and its answer. */
  meterRequest: { intervalS: number; status: string } | null
}

/**
 * What a site's loop reports about itself, about once a second, on the bus
 * (`csms.evt.site.<id>.status`): the live page and the reports read it.
 */
export interface SiteStatus {
  siteId: string
  at: number
  /** ok, or degraded (see problems). Only the node that holds the site's lease publishes. */
  health: 'ok' | 'degraded'
  problems: string[]
  /** Tick lag (ms): last and the highest of the last minute. */
  lagMs: { last: number; max: number }
  /** The main fuse's usable limit per phase (after the safety margin). */
  limitA: number
  /** Main-fuse current per phase: total, of which EVs and building. */
  loadA: PerPhase
  evA: PerPhase
  buildingA: PerPhase
  buildingStale: boolean
  /** Part of `loadA` is an estimate: a session without a reading under its current limit, or a stale building meter. */
  loadStale: boolean
  nodes: SiteNodeStatus[]
  sessions: SiteSessionStatus[]
  evKw: number
  siteKw: number
  peak: { targetKw: number; reachedKw: number; capKw: number } | null
  /** The current a charger falls back to if it loses the CSMS (A). */
  failSafeA: number
  guarantee: SiteGuaranteeStatus
}
