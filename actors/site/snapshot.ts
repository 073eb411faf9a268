import type {
  BuildingLoad,
  Connector,
  GridConnection,
  PerPhase,
  Session,
  SiteSnapshot,
} from '@src/domain/power'
import { SETPOINT_TTL_S } from '@src/domain/site/setpoint-profiles'
import type { SiteConfig } from '@src/domain/site/site-config'
import { maxDraw, type SiteSession } from './sessions'

/** An EV drawing more than this above its offer is not obeying its setpoint. */
export const DISOBEY_TOLERANCE_A = 2

/**
 * A draw says whether a car uses its offer only if it was measured this long after the offer was sent
 * (the charger applies it, the car ramps; IEC 61851 allows seconds). Earlier readings show the old limit.
 */
export const FOLLOW_MS = 5000

/** What the loop knows besides the sessions. */
export interface SnapshotInput {
  config: SiteConfig
  grid: GridConnection
  connectors: Connector[]
  sessions: Iterable<SiteSession>
  /** The limit last sent to each session (A) and when. */
  sent: ReadonlyMap<string, { limitA: number; sentAt: number }>
  /** Chargers connected now. */
  online: ReadonlySet<string>
  building: { currentA: PerPhase; measuredAt: number } | undefined
  failSafeA: number
  reachedKw: number
  now: number
}

/** The phantom session id that holds a connector's fail-safe current in reserve. */
export const reserveId = (connectorKey: string) => `reserve:${connectorKey}`

/**
 * The site as `allocate` sees it at `now`.
 *
 * - A connector without a session, when the fail-safe current is above 0, gets a phantom session fixed
 *   at that current: a car plugging in starts at its charger's fail-safe default before its setpoint
 *   arrives, so that capacity must already be free.
 * - A session whose charger is offline keeps the limit it was last given while that can still be in
 *   force (its setpoint runs out after the TTL, then the fail-safe applies).
 * - An EV drawing more than it was offered is given at least what it draws: the fuse must carry it.
 * - An EV that takes no energy (SuspendedEV) needs none for now.
 */
export function buildSnapshot(input: SnapshotInput): SiteSnapshot {
  const sessions: Session[] = []
  const occupied = new Set<string>()
  for (const s of input.sessions) {
    occupied.add(s.key)
    sessions.push(sessionOf(s, input))
  }
  if (input.failSafeA > 0) {
    for (const c of input.connectors) {
      if (occupied.has(c.id)) continue
      const limit = Math.min(input.failSafeA, c.maxA)
      sessions.push({
        id: reserveId(c.id),
        connectorId: c.id,
        evMinA: limit,
        evMaxA: limit,
        energyNeededWh: 1e9,
        departureAt: input.now,
      })
    }
  }
  const { site } = input.config
  return {
    grid: input.grid,
    connectors: input.connectors,
    sessions,
    safetyMarginA: site.safetyMarginA,
    ...buildingOf(input),
    ...(site.peakTargetKw !== null
      ? { peak: { targetKw: site.peakTargetKw, reachedKw: input.reachedKw } }
      : {}),
  }
}

/** One session as `allocate` sees it (one object of a fixed shape: this runs for every session, every tick). */
function sessionOf(s: SiteSession, input: SnapshotInput): Session {
  const sent = input.sent.get(s.key)
  const draw = maxDraw(s)
  const followed = sent && draw !== undefined && s.drawAt !== null && s.drawAt >= sent.sentAt + FOLLOW_MS
  const limits = evLimits(s, sent, draw, input)
  return {
    id: s.key,
    connectorId: s.key,
    pluggedInAt: s.startedAt,
    departureAt: s.departureAt ?? undefined,
    energyNeededWh: energyNeeded(s, draw),
    measuredA: followed ? draw : undefined,
    offeredA: followed ? sent.limitA : undefined,
    evMinA: limits.evMinA,
    evMaxA: limits.evMaxA,
  }
}

/**
 * The current range a session may be given: an offline charger's is held where it may still be; an EV
 * drawing more than it was offered gets at least what it draws; otherwise what the EV said.
 */
function evLimits(
  s: SiteSession,
  sent: { limitA: number; sentAt: number } | undefined,
  draw: number | undefined,
  input: SnapshotInput,
): { evMinA: number | undefined; evMaxA: number | undefined } {
  if (!input.online.has(s.chargerId)) {
    const held = sent ? heldLimit(sent, input) : Math.max(input.failSafeA, draw ?? 0)
    return { evMinA: held, evMaxA: held }
  }
  const disobeying = sent && draw !== undefined && draw > sent.limitA + DISOBEY_TOLERANCE_A
  const evMinA = disobeying ? draw : (s.evMinA ?? undefined)
  return { evMinA, evMaxA: s.evMaxA !== null ? Math.max(s.evMaxA, evMinA ?? 0) : undefined }
}

/**
 * The energy a session still needs: none while its EV takes no energy (the charger reports
 * SuspendedEV: full or paused by the car), so cars that can charge get the capacity first.
 */
function energyNeeded(s: SiteSession, draw: number | undefined): number | undefined {
  if (s.chargingState === 'SuspendedEV' && (draw ?? 0) < 1) return 0
  if (s.energyNeedWh === null) return undefined
  const left = s.energyNeedWh - s.energyWh
  return left > 0 ? left : BEYOND_ESTIMATE_WH
}

/**
 * A car that has had the energy it announced but still takes energy (estimates run low) is planned as
 * needing this much more: it keeps charging, at low priority.
 */
export const BEYOND_ESTIMATE_WH = 2000

/**
 * What an offline charger may still draw: its last limit until the setpoint runs out, then the
 * fail-safe. (One we never reached is held at the fail-safe or at what it was last seen drawing.)
 */
function heldLimit(sent: { limitA: number; sentAt: number }, input: SnapshotInput): number {
  return input.now - sent.sentAt < SETPOINT_TTL_S * 1000
    ? Math.max(sent.limitA, input.failSafeA)
    : input.failSafeA
}

/**
 * The building: with no meter, its configured maximum is reserved (none: the connection feeds only
 * chargers); with a meter, its last reading, which `allocate` replaces by the worst case when stale.
 */
function buildingOf(input: SnapshotInput): { building?: BuildingLoad } {
  const { site } = input.config
  const max = site.buildingMaxA
  const maxA: PerPhase | undefined = max === null ? undefined : [max, max, max]
  if (site.buildingMeter === 'none')
    return maxA ? { building: { currentA: maxA, measuredAt: input.now } } : {}
  if (!input.building) return { building: { currentA: [0, 0, 0], ...(maxA ? { maxA } : {}) } }
  return {
    building: {
      currentA: input.building.currentA,
      measuredAt: input.building.measuredAt,
      ...(maxA ? { maxA } : {}),
    },
  }
}
