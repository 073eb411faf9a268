import type { ChargingNeedsRow } from '@src/db/repos/device'
import type { TransactionRow } from '@src/db/repos/transactions'
import { NORMAL_PRIORITY_TIER } from '@src/domain/access/model'
import { transactionEnergyWh } from '@src/domain/charger/energy'
import type { LiveReadings } from '@src/domain/charger/meter'
import { type DepartureSource, usualDeparture } from '@src/domain/site/departure'

/** One charging session on a site connector, as the loop tracks it. */
export interface SiteSession {
  key: string
  transactionId: number
  chargerId: string
  evseId: number
  idTag: string | null
  startedAt: number
  energyWh: number
  energyNeedWh: number | null
  departureAt: number | null
  departureSource: DepartureSource
  /** The EV's own limits, when it told them (2.0.1 charging needs). */
  evMinA: number | null
  evMaxA: number | null
  /** Latest measured current per grid-connector phase (A), and when. */
  drawA: { L1?: number; L2?: number; L3?: number } | null
  drawAt: number | null
  /** The reading before the latest one (its highest phase, A, and when): shows a car still ramping. */
  previousDraw: { maxA: number; at: number } | null
  chargingState: string | null
  /** Phases the car was seen drawing on (from per-phase meter values), once known. */
  evPhases: 1 | 2 | 3 | null
  /** The car declined the current it was offered (full, or its own timer): see `declinedUntil`. */
  declined: { at: number; probes: number } | null
  /** Since when the loop has offered the session current (its sent limit above 0), or null. */
  onSince: number | null
  /** The power priority tier its access policy gave it (1 first … 9 last; none: the normal tier). */
  priorityTier: number
  /** The lowest confirmed limit (A) under which the car was seen drawing, this session. */
  drewUnderA: number | null
  /** A minimum the car showed by declining a lower offer after drawing at a higher one (A): see `noteRefusal`. */
  learnedMinA: number | null
}

/** What only the running loop knows of a session, kept when the sessions are re-read. */
export function liveFacts(s: SiteSession): Pick<SiteSession, LiveFact> {
  return {
    drawA: s.drawA,
    drawAt: s.drawAt,
    previousDraw: s.previousDraw,
    evPhases: s.evPhases,
    declined: s.declined,
    onSince: s.onSince,
    drewUnderA: s.drewUnderA,
    learnedMinA: s.learnedMinA,
  }
}

type LiveFact =
  | 'drawA'
  | 'drawAt'
  | 'previousDraw'
  | 'evPhases'
  | 'declined'
  | 'onSince'
  | 'drewUnderA'
  | 'learnedMinA'

/**
 * Charging needs a car reported up to this long before its transaction started belong to it (ISO 15118
 * cars report them right after plugging in, before authorisation).
 */
export const NEEDS_BEFORE_START_MS = 600_000

/** Where a session's departure and energy need come from, most trusted first. */
export function planningFacts(
  tx: TransactionRow,
  needs: ChargingNeedsRow | undefined,
  history: { startedAt: number; endedAt: number | null }[],
): Pick<SiteSession, 'departureAt' | 'energyNeedWh' | 'departureSource' | 'evMinA' | 'evMaxA'> {
  const ev = needs && needs.receivedAt >= tx.startedAt - NEEDS_BEFORE_START_MS ? needs : undefined
  const evLimits = { evMinA: ev?.minCurrentA ?? null, evMaxA: ev?.maxCurrentA ?? null }
  if (tx.departureAt !== null && tx.departureSource === 'driver') {
    return {
      departureAt: tx.departureAt,
      energyNeedWh: tx.energyNeedWh,
      departureSource: 'driver',
      ...evLimits,
    }
  }
  if (ev?.departureAt != null)
    return { departureAt: ev.departureAt, energyNeedWh: ev.energyWh, departureSource: 'ev', ...evLimits }
  const usual = usualDeparture(history, tx.startedAt)
  if (usual !== undefined)
    return { departureAt: usual, energyNeedWh: null, departureSource: 'pattern', ...evLimits }
  return { departureAt: null, energyNeedWh: ev?.energyWh ?? null, departureSource: 'default', ...evLimits }
}

/** A session from its open transaction row. */
export function sessionFromRow(
  key: string,
  tx: TransactionRow,
  facts: ReturnType<typeof planningFacts>,
): SiteSession {
  return {
    key,
    transactionId: tx.id,
    chargerId: tx.chargerId,
    evseId: tx.evseId,
    idTag: tx.idTag,
    startedAt: tx.startedAt,
    energyWh: transactionEnergyWh(tx) ?? 0,
    ...facts,
    drawA: null,
    drawAt: null,
    previousDraw: null,
    chargingState: tx.chargingState,
    evPhases: null,
    declined: null,
    onSince: null,
    priorityTier: tx.priorityTier ?? NORMAL_PRIORITY_TIER,
    drewUnderA: null,
    learnedMinA: null,
  }
}

/** A phase carrying at least this much (A) while another carries under {@link IDLE_PHASE_A} tells the car's phases. */
const DRAWING_PHASE_A = 3
const IDLE_PHASE_A = 0.5

/**
 * Applies live readings to a session. A reading of all three phases in which some phases draw and
 * the others are idle tells how many phases the car uses (a single-phase car on a three-phase wallbox
 * draws on L1 only): learned per session, so the fuse is planned on the phases the car really loads.
 */
export function applyReadings(
  s: SiteSession,
  readings: LiveReadings,
  energyWh: number | null,
  at: number,
): void {
  if (energyWh !== null) s.energyWh = energyWh
  const c = readings.currentA
  if (!c) return
  const before = maxDraw(s)
  if (before !== undefined && s.drawAt !== null) s.previousDraw = { maxA: before, at: s.drawAt }
  s.drawA = c
  s.drawAt = at
  const phases = [c.L1, c.L2, c.L3]
  if (phases.some((a) => a === undefined)) return
  const drawing = phases.filter((a) => a! >= DRAWING_PHASE_A).length
  const idle = phases.filter((a) => a! < IDLE_PHASE_A).length
  if (drawing > 0 && drawing + idle === 3) s.evPhases = drawing as 1 | 2 | 3
}

/** The highest per-phase current a session draws (A), or undefined if not measured. */
export function maxDraw(s: SiteSession): number | undefined {
  if (!s.drawA) return undefined
  return Math.max(s.drawA.L1 ?? 0, s.drawA.L2 ?? 0, s.drawA.L3 ?? 0)
}
