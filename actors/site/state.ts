import type { Lease } from '@src/bus/port'
import type { ChargerEvent } from '@src/domain/charger/events'
import type { Connector, GridConnection, GridPhase, PerPhase } from '@src/domain/power'
import { type BuildingPlan, nextBuildingPlan } from '@src/domain/site/building-plan'
import { safeFallbackA } from '@src/domain/site/fail-safe'
import { configProblems, siteModel } from '@src/domain/site/model'
import type { SiteConfig } from '@src/domain/site/site-config'
import { type DeliveryState, emptyDelivery } from './delivery'
import type { SiteDeps } from './deps'
import { loadSessions } from './loading'
import { liveFacts, type SiteSession } from './sessions'

/** The site's live state, shared with the helper modules. */
export interface SiteState {
  siteId: string
  config: SiteConfig
  grid: GridConnection
  connectors: Connector[]
  /** Each connector's wiring (grid phase of each charger phase), by connector key. */
  wiring: Map<string, readonly GridPhase[]>
  members: Set<string>
  problems: string[]
  failSafeA: number
  sessions: Map<string, SiteSession>
  delivery: DeliveryState
  sessionProblems: Map<string, string>
  /** Charging needs reported on a connector before its session was loaded (see `onChargerEvent`). */
  pendingNeeds: Map<string, Extract<ChargerEvent, { type: 'charger.chargingNeeds' }>>
  /** Connectors whose charger was seen ignoring its setpoints (see `noteObedience`). */
  ignoring: Set<string>
  online: Set<string>
  building: { currentA: [number, number, number]; measuredAt: number } | undefined
  /** The building load the allocation plans with (see `nextBuildingPlan`): the readings with a band. */
  buildingPlan: BuildingPlan | undefined
  lease: Lease | undefined
  reachedKw: number
}

/** The distinct chargers of a site's connectors. */
export const chargerIdsOf = (config: SiteConfig): string[] => [
  ...new Set(config.connectors.map((k) => k.chargerId)),
]

/**
 * Reads a site's state from the database (undefined: the site is gone), keeping from `previous` what
 * only the running loop knows: the draws measured in sessions that are still running, the setpoints
 * sent, the problems seen, the building reading and the lease. A fixed number of queries per site.
 */
export async function readState(
  deps: SiteDeps,
  siteId: string,
  previous: SiteState | undefined,
): Promise<SiteState | undefined> {
  const config = await deps.sites.config(siteId)
  if (!config) return undefined
  const [sessions, chargers, reachedKw] = await Promise.all([
    loadSessions(deps, config),
    deps.chargers.findMany(chargerIdsOf(config)),
    deps.sites.peakHourKw(siteId, monthStartMinute(deps.clock.now())),
  ])
  for (const [key, s] of sessions) {
    const before = previous?.sessions.get(key)
    if (before?.transactionId === s.transactionId) Object.assign(s, liveFacts(before))
  }
  const { grid, connectors } = siteModel(config)
  const members = new Set(connectors.map((c) => c.id))
  return {
    siteId,
    config,
    grid,
    connectors,
    wiring: new Map(connectors.map((c) => [c.id, c.wiring])),
    members,
    problems: configProblems(config),
    failSafeA: safeFallbackA(config),
    sessions,
    delivery: previous?.delivery ?? emptyDelivery(),
    sessionProblems: previous?.sessionProblems ?? new Map(),
    ignoring: new Set([...(previous?.ignoring ?? [])].filter((key) => members.has(key))),
    pendingNeeds: previous?.pendingNeeds ?? new Map(),
    online: new Set(chargers.filter((c) => c.online).map((c) => c.id)),
    building: previous?.building,
    buildingPlan: previous?.buildingPlan,
    lease: previous?.lease,
    reachedKw,
  }
}

/** Takes a building reading: shown as read, planned with its band (see `nextBuildingPlan`). */
export function takeBuilding(state: SiteState, currentA: PerPhase, measuredAt: number): void {
  state.building = { currentA: [...currentA], measuredAt }
  const max = state.config.site.buildingMaxA
  const maxA: PerPhase | undefined = max === null ? undefined : [max, max, max]
  state.buildingPlan = nextBuildingPlan(state.buildingPlan, currentA, measuredAt, maxA)
}

/** The first minute of the month `now` is in (server time zone). */
export function monthStartMinute(now: number): number {
  const d = new Date(now)
  return Math.floor(new Date(d.getFullYear(), d.getMonth(), 1).getTime() / 60_000)
}
