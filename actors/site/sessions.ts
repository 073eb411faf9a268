import type { ChargingNeedsRow } from '@src/db/repos/device'
import type { TransactionRow } from '@src/db/repos/transactions'
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
  chargingState: string | null
}

/** Where a session's departure and energy need come from, most trusted first. */
export function planningFacts(
  tx: TransactionRow,
  needs: ChargingNeedsRow | undefined,
  history: { startedAt: number; endedAt: number | null }[],
): Pick<SiteSession, 'departureAt' | 'energyNeedWh' | 'departureSource' | 'evMinA' | 'evMaxA'> {
  const ev = needs && needs.receivedAt >= tx.startedAt - 600_000 ? needs : undefined
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
    chargingState: tx.chargingState,
  }
}

/** Applies live readings to a session. */
export function applyReadings(
  s: SiteSession,
  readings: LiveReadings,
  energyWh: number | null,
  at: number,
): void {
  if (energyWh !== null) s.energyWh = energyWh
  if (readings.currentA) {
    s.drawA = readings.currentA
    s.drawAt = at
  }
}

/** The highest per-phase current a session draws (A), or undefined if not measured. */
export function maxDraw(s: SiteSession): number | undefined {
  if (!s.drawA) return undefined
  return Math.max(s.drawA.L1 ?? 0, s.drawA.L2 ?? 0, s.drawA.L3 ?? 0)
}
