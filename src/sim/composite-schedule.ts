import type {
  ChargingRateUnit,
  ChargingSchedule,
  ChargingSchedulePeriod,
} from '@src/ocpp/v16/generated/messages'
import { type InstalledProfile, limitsAt } from './charging-profiles'

/** What GetCompositeSchedule asks, plus what the charger knows about the connector. */
export interface CompositeQuery {
  /** 0 for the whole charge point. */
  connectorId: number
  now: number
  durationS: number
  unit: ChargingRateUnit
  /** The connector's (or, for connector 0, the station's) hardware limit per phase (A). */
  maxA: number
  voltage: number
  phases: number
  tx?: { id: number; startedAt: number }
  /** At most this many periods (ChargingScheduleMaxPeriods). */
  maxPeriods: number
}

/**
 * The composite schedule of a connector from `now` for `durationS`: at every moment the least of the
 * hardware limit, the transaction-level profile and the ChargePointMaxProfile, merged into periods.
 * Limits are rounded down to 0.1 (the schema's `multipleOf`).
 *
 * @example
 * compositeSchedule([], { connectorId: 1, now, durationS: 3600, unit: 'A', maxA: 32, voltage: 230, phases: 3, maxPeriods: 24 })
 * // { duration: 3600, chargingRateUnit: 'A', startSchedule: ..., chargingSchedulePeriod: [{ startPeriod: 0, limit: 32 }] }
 */
export function compositeSchedule(
  profiles: readonly InstalledProfile[],
  q: CompositeQuery,
): ChargingSchedule {
  const end = q.now + q.durationS * 1000
  const periods: ChargingSchedulePeriod[] = []
  let t = q.now
  while (t < end && periods.length < q.maxPeriods) {
    const l = limitsAt(profiles, {
      connectorId: q.connectorId,
      now: t,
      tx: q.tx,
      relativeStart: q.now,
      voltage: q.voltage,
      phases: q.phases,
    })
    const amps = Math.min(
      q.maxA,
      q.connectorId === 0 ? Infinity : (l.txLimitA ?? Infinity),
      l.stationLimitA ?? Infinity,
    )
    const limit = roundDown(q.unit === 'A' ? amps : amps * q.voltage * q.phases)
    if (periods.at(-1)?.limit !== limit) periods.push({ startPeriod: Math.floor((t - q.now) / 1000), limit })
    if (l.next === undefined || l.next <= t) break
    t = l.next
  }
  return {
    duration: q.durationS,
    chargingRateUnit: q.unit,
    startSchedule: new Date(q.now).toISOString(),
    chargingSchedulePeriod: periods,
  }
}

function roundDown(x: number): number {
  return Math.floor(x * 10 + 1e-6) / 10
}
