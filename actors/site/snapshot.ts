import type {
  BuildingLoad,
  Connector,
  GridConnection,
  PerPhase,
  Session,
  SiteSnapshot,
} from '@src/domain/power'
import type { SiteConfig } from '@src/domain/site/site-config'
import { type CarriedLoad, type CarriedWhy, carriedLoad } from './carried'
import { declinedUntil } from './declined'
import type { DeliveryState } from './delivery'
import { maxDraw, type SiteSession } from './sessions'

/**
 * A draw says whether a car uses its offer only if it was measured this long after the offer was sent
 * (the charger applies it, the car ramps; IEC 61851 allows seconds). Earlier readings show the old limit.
 */
export const FOLLOW_MS = 5000

/**
 * Two readings after an offer within this much of each other (A) show a car that has settled; a car
 * still climbing (1–3 A/s is common) is not "not using its share", it is on its way.
 */
export const STEADY_A = 1

/** What the loop knows besides the sessions. */
export interface SnapshotInput {
  config: SiteConfig
  grid: GridConnection
  connectors: Connector[]
  sessions: Iterable<SiteSession>
  /** The setpoints sent, confirmed and failed per session. */
  delivery: Pick<DeliveryState, 'sent' | 'confirmed' | 'failed' | 'changes'>
  /** Chargers connected now. */
  online: ReadonlySet<string>
  /** Connectors whose charger was seen ignoring its setpoints. */
  ignoring?: ReadonlySet<string>
  building: { currentA: PerPhase; measuredAt: number } | undefined
  failSafeA: number
  reachedKw: number
  now: number
}

/**
 * The site as `allocate` sees it at `now`.
 *
 * - A session whose charger is offline, has been sent nothing yet (it starts at its charger's fail-safe
 *   default), has not confirmed its setpoint, is still following a cut, or draws more than it was
 *   given, is a load to carry (see {@link carriedLoad}): a fixed load on its fuses, never a share to
 *   hand out. Those are returned in `carried`.
 * - A car that declined the current it was offered (full, or waiting for its own timer) needs none
 *   until something changes or its next probe (see {@link declinedUntil}).
 * - The phases a car was seen drawing on are the phases it is planned on.
 * - Each session's "on since" is kept up to date here (see `Session.onSinceAt`), as is its tier.
 */
export function buildSnapshot(input: SnapshotInput): {
  snapshot: SiteSnapshot
  carried: Map<string, CarriedLoad>
} {
  const sessions: Session[] = []
  const carried = new Map<string, CarriedLoad>()
  const ratingOf = new Map(input.connectors.map((c) => [c.id, c.maxA]))
  for (const s of input.sessions) {
    const load = carriedLoad(s, {
      delivery: input.delivery,
      online: input.online.has(s.chargerId),
      failSafeA: input.failSafeA,
      now: input.now,
      ignoresSetpoints: input.ignoring?.has(s.key) ?? false,
      ratingA: ratingOf.get(s.key) ?? 0,
    })
    if (load) carried.set(s.key, load)
    sessions.push(sessionOf(s, input, load))
  }
  const { site } = input.config
  const snapshot: SiteSnapshot = {
    grid: input.grid,
    connectors: input.connectors,
    sessions,
    safetyMarginA: site.safetyMarginA,
    ...buildingOf(input),
    ...(site.peakTargetKw !== null
      ? { peak: { targetKw: site.peakTargetKw, reachedKw: input.reachedKw } }
      : {}),
    settings: { objective: site.objective },
  }
  return { snapshot, carried }
}

/** One session as `allocate` sees it (one object of a fixed shape: this runs for every session, every tick). */
function sessionOf(s: SiteSession, input: SnapshotInput, load: CarriedLoad | undefined): Session {
  const sent = input.delivery.sent.get(s.key)
  const draw = maxDraw(s)
  const offeredSince = input.delivery.changes.get(s.key)?.at ?? sent?.sentAt ?? 0
  const settled = sent !== undefined && draw !== undefined && hasSettled(s, offeredSince)
  const evMinA = minimumOf(s)
  return {
    id: s.key,
    connectorId: s.key,
    pluggedInAt: s.startedAt,
    departureAt: s.departureAt ?? undefined,
    energyNeededWh: energyNeeded(s, input.now),
    measuredA: settled ? draw : undefined,
    offeredA: settled ? sent.limitA : undefined,
    evMinA,
    evMaxA: s.evMaxA ?? undefined,
    evPhases: s.evPhases ?? undefined,
    carriedA: load?.currentA,
    carriedPassing: load ? PASSING.has(load.why) : undefined,
    heldA: heldOf(s.key, input.delivery, load),
    onSinceAt: onSince(s, input) ?? undefined,
    priorityTier: s.priorityTier,
  }
}

/**
 * Since when the session has been offered current (the minimum on-time counts from it): set when its
 * sent limit first rises above 0, cleared when it falls to 0 (or nothing was sent).
 */
function onSince(s: SiteSession, input: SnapshotInput): number | null {
  const sentA = input.delivery.sent.get(s.key)?.limitA ?? 0
  s.onSince = sentA > 0 ? (s.onSince ?? input.now) : null
  return s.onSince
}

/** The car's minimum: what it told, raised to what it showed by declining less (see `noteRefusal`). */
function minimumOf(s: SiteSession): number | undefined {
  if (s.learnedMinA === null) return s.evMinA ?? undefined
  return Math.max(s.evMinA ?? 0, s.learnedMinA)
}

/** The limit a session holds: confirmed, with nothing newer on its way, and not a load being carried. */
function heldOf(
  key: string,
  delivery: SnapshotInput['delivery'],
  load: CarriedLoad | undefined,
): number | undefined {
  const confirmed = delivery.confirmed.get(key)
  if (load || !confirmed || delivery.sent.get(key)?.limitA !== confirmed.limitA) return undefined
  return confirmed.limitA
}

/**
 * Carried loads that pass within seconds: the session's share afterwards is kept for it. An offline
 * charger or one that ignores its setpoints may hold its load for long; its share is handed out.
 */
const PASSING: ReadonlySet<CarriedWhy> = new Set(['arriving', 'unconfirmed', 'following'])

/**
 * The car has settled under the offer it has had since `sentAt` (a refresh of the same limit is no new
 * offer): its last two readings were both taken after it had time to follow, and agree. A single
 * reading of a car still ramping up says nothing of its use.
 */
function hasSettled(s: SiteSession, sentAt: number): boolean {
  const draw = maxDraw(s)
  const prev = s.previousDraw
  if (draw === undefined || s.drawAt === null || s.drawAt < sentAt + FOLLOW_MS) return false
  return prev !== null && prev.at >= sentAt + FOLLOW_MS && Math.abs(draw - prev.maxA) < STEADY_A
}

/**
 * The energy a session still needs: none while its car declines current (see {@link declinedUntil}),
 * so cars that can charge get the capacity first.
 */
function energyNeeded(s: SiteSession, now: number): number | undefined {
  if (s.declined && now < declinedUntil(s.declined)) return 0
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
