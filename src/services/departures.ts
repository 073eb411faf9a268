import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import type { SitesRepo } from '@src/db/repos/sites'
import type { TransactionRow, TransactionsRepo } from '@src/db/repos/transactions'
import type { DbWriter } from '@src/db/writer'
import type { DepartureSource } from '@src/domain/site/departure'
import type { Clock } from '@src/lib/clock'

/** A departure may be set at most this far ahead (ms). */
export const MAX_DEPARTURE_AHEAD_MS = 7 * 86_400_000
/** The energy a driver may ask for (Wh): 0.5 to 200 kWh. */
export const ENERGY_NEED_WH = { min: 500, max: 200_000 }

/** Field problems of a departure: in the future, at most 7 days ahead, energy 0.5–200 kWh. */
export function departureErrors(
  now: number,
  departureAt: number,
  energyNeedWh: number | null,
): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!Number.isFinite(departureAt)) errors.departureAt = 'enter a date and time'
  else if (departureAt <= now) errors.departureAt = 'choose a time in the future'
  else if (departureAt > now + MAX_DEPARTURE_AHEAD_MS) errors.departureAt = 'at most 7 days ahead'
  if (energyNeedWh !== null && !(energyNeedWh >= ENERGY_NEED_WH.min && energyNeedWh <= ENERGY_NEED_WH.max))
    errors.energyNeedWh = 'enter 0.5 to 200 kWh'
  return errors
}

/** The outcome of setting a departure. */
export type DepartureOutcome =
  | { ok: true; siteId: string | undefined }
  | { ok: false; status: 400 | 409; errors: Record<string, string> }

/** What {@link Departures} works with. */
export interface DeparturesDeps {
  transactions: TransactionsRepo
  sites: SitesRepo
  writer: DbWriter
  bus: Bus
  clock: Clock
}

/**
 * Drivers' departure times and energy needs: one use case for the driver page and the REST API (and,
 * later, driver apps over OCPI), so each checks and stores them the same way.
 */
export class Departures {
  constructor(private readonly deps: DeparturesDeps) {}

  /**
   * Stores when the driver leaves and the energy they want, for a running transaction, and tells its
   * site's loop (`siteChanged`) so the plan changes at once. An ended transaction is refused (409).
   */
  async set(
    tx: TransactionRow,
    v: { departureAt: number; energyNeedWh: number | null; source: DepartureSource },
  ): Promise<DepartureOutcome> {
    if (tx.endedAt !== null)
      return { ok: false, status: 409, errors: { transaction: `transaction ${tx.id} has ended` } }
    const now = this.deps.clock.now()
    const errors = departureErrors(now, v.departureAt, v.energyNeedWh)
    if (Object.keys(errors).length) return { ok: false, status: 400, errors }
    const { transactions, sites } = this.deps
    await this.deps.writer.write([
      transactions.setDeparture(tx.id, {
        departureAt: v.departureAt,
        energyNeedWh: v.energyNeedWh,
        source: v.source,
        now,
      }),
    ])
    const siteId = await sites.siteOf(tx.chargerId, tx.evseId)
    if (siteId) this.deps.bus.publish(subjects.siteChanged(siteId), {})
    return { ok: true, siteId }
  }
}
