import type { AccessFactsRepo } from '@src/db/repos/access-facts'
import type { TariffsRepo, TariffVersionRow } from '@src/db/repos/tariffs'
import { storedSample, type TransactionRow, type TransactionsRepo } from '@src/db/repos/transactions'
import { offeredReadings } from '@src/domain/charger/energy'
import type { MeterSample } from '@src/domain/charger/types'
import { DEFAULT_TIME_ZONE } from '@src/domain/site/time-zone'
import type { MeteredSession, MeterReading, ParkedStretch } from '@src/domain/tariffs/metered-session'
import { type PricedSession, priceSession } from '@src/domain/tariffs/price-session'
import type { Tariff } from '@src/domain/tariffs/tariff'
import { type SpotSlotSource, tariffForSpan } from './spot-tariffs'

/** A session's cost: the tariff version it runs under and the priced session, up to its latest reading. */
export interface SessionCost {
  version: TariffVersionRow
  /**
   * The OCPI tariff the session was priced under: the version's body, or for a tariff that follows a
   * spot price, the body with the slots of the session's span as elements (what its CDR keeps).
   */
  tariff: Tariff
  priced: PricedSession
  /** The session as priced: from its start to its end, or (running) to its latest reading. */
  session: MeteredSession
}

/** Charging states in which the car is plugged in but not charging: PARKING_TIME. */
const PARKED_STATES = new Set(['SuspendedEV', 'EVConnected'])

/**
 * The cost of a transaction under the tariff version fixed at its start, priced by the engine from
 * what the charger sent: its energy-register samples with their own timestamps (less the start
 * reading), its charging states (time parked without charging, SuspendedEV or EVConnected, is
 * PARKING_TIME; a pause the site decided, SuspendedEVSE, is charging time) and the site's zone. A
 * running session is priced up to its latest reading, so the cost a driver watches is what the final
 * price will be when the session ends there.
 *
 * A tariff that follows a spot-price series (`spot`) is priced at the series' slots overlapping the
 * session as they are stored at pricing time (`spotPriced`): a slot imported after the session started
 * (tomorrow's day-ahead prices, published at 13:00) is used from then on, and a slot still missing
 * costs the tariff's fallback price, in the running cost and in the CDR alike.
 */
export class SessionCosts {
  constructor(
    private readonly deps: {
      transactions: Pick<TransactionsRepo, 'registerSamplesOf' | 'chargingStatesOf'>
      tariffs: Pick<TariffsRepo, 'version'>
      facts: Pick<AccessFactsRepo, 'placesOf'>
      priceSeries: SpotSlotSource
    },
  ) {}

  /** The transaction's cost; null when it runs under no tariff. */
  async costOf(tx: TransactionRow): Promise<SessionCost | null> {
    if (tx.tariffId === null || tx.tariffVersion === null) return null
    const [version, stored, states, places] = await Promise.all([
      this.deps.tariffs.version(tx.tariffId, tx.tariffVersion),
      this.deps.transactions.registerSamplesOf(tx.id),
      this.deps.transactions.chargingStatesOf(tx.id),
      this.deps.facts.placesOf(tx.chargerId),
    ])
    if (!version) return null
    const session = meteredSession(tx, stored.map(storedSample), states)
    const timeZone = places?.site.timeZone ?? DEFAULT_TIME_ZONE
    const span = { from: session.start, to: session.end }
    const tariff = await tariffForSpan(version.body, span, timeZone, this.deps.priceSeries)
    return {
      version,
      tariff,
      session,
      priced: priceSession(tariff, session, { timeZone, rounding: version.rounding }),
    }
  }
}

/** The session the engine prices, from a transaction's row, register samples and charging states. */
export function meteredSession(
  tx: Pick<TransactionRow, 'startedAt' | 'endedAt' | 'meterStartWh' | 'meterStopWh'>,
  samples: readonly MeterSample[],
  states: readonly { at: number; state: string }[],
): MeteredSession {
  const registers = offeredReadings(samples, false).sort((a, b) => a.at - b.at)
  const startWh = tx.meterStartWh ?? registers[0]?.wh ?? 0
  const readings: MeterReading[] = registers
    .filter((r) => r.at >= tx.startedAt && (tx.endedAt === null || r.at <= tx.endedAt))
    .map((r) => ({ at: r.at, wh: Math.max(0, r.wh - startWh) }))
  if (tx.endedAt !== null && tx.meterStopWh !== null)
    readings.push({ at: tx.endedAt, wh: Math.max(0, tx.meterStopWh - startWh) })
  const end = tx.endedAt ?? Math.max(tx.startedAt, ...readings.map((r) => r.at))
  const parked: ParkedStretch[] = []
  for (let i = 0; i < states.length; i++) {
    const s = states[i] as { at: number; state: string }
    if (!PARKED_STATES.has(s.state)) continue
    const next = states[i + 1]
    parked.push({ from: Math.max(s.at, tx.startedAt), to: next ? next.at : null })
  }
  return { start: tx.startedAt, end, readings, parked }
}
