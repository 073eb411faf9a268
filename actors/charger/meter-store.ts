import { type MeterFields, storedSample, type TransactionRow } from '@src/db/repos/transactions'
import {
  decideMeter,
  type EnergyFlag,
  type OfferedReading,
  offeredReadings,
  type Reading,
  type ReadingRank,
  type TxMeter,
  type TxWindow,
} from '@src/domain/charger/energy'
import type { ChargerContext } from './context'

/** A transaction's meter as stored on its row. */
export function meterOf(
  row: Pick<
    TransactionRow,
    | 'meterStartWh'
    | 'meterStartAt'
    | 'meterStartRank'
    | 'lastMeterWh'
    | 'lastMeterAt'
    | 'lastMeterRank'
    | 'meterFlags'
  >,
): TxMeter {
  const reading = (wh: number | null, at: number | null, rank: number | null): Reading | null =>
    wh === null || at === null ? null : { wh, at, rank: (rank ?? 0) as ReadingRank }
  return {
    start: reading(row.meterStartWh, row.meterStartAt, row.meterStartRank),
    stop: reading(row.lastMeterWh, row.lastMeterAt, row.lastMeterRank),
    flags: row.meterFlags ? (row.meterFlags.split(',') as EnergyFlag[]) : [],
  }
}

/** The columns that store a meter. */
export function meterFields(meter: TxMeter, now: number): MeterFields {
  return {
    meterStartWh: meter.start?.wh ?? null,
    meterStartAt: meter.start?.at ?? null,
    meterStartRank: meter.start?.rank ?? null,
    lastMeterWh: meter.stop?.wh ?? null,
    lastMeterAt: meter.stop?.at ?? null,
    lastMeterRank: meter.stop?.rank ?? null,
    meterFlags: meter.flags.length ? meter.flags.join(',') : null,
    updatedAt: now,
  }
}

/**
 * A transaction's meter decided again from every reading that concerns it: the ends its own messages
 * carried (which are not all stored as samples: 1.6 meterStart / meterStop), every register sample
 * stored for it, and the current message's readings. Used when the window changes (the transaction ends,
 * or its start turns out earlier), so a fill-in chosen under the old window cannot decide.
 */
export async function redecideMeter(
  ctx: ChargerContext,
  tx: { id: number; meter: TxMeter } | undefined,
  offered: readonly OfferedReading[],
  window: TxWindow,
): Promise<TxMeter> {
  const own: OfferedReading[] = []
  const { start, stop } = tx?.meter ?? { start: null, stop: null }
  if (start && start.rank > 0)
    own.push({ at: start.at, wh: start.wh, own: { end: 'start', rank: start.rank as 1 | 2 } })
  if (stop && stop.rank > 0)
    own.push({ at: stop.at, wh: stop.wh, own: { end: 'stop', rank: stop.rank as 1 | 2 } })
  const stored = tx ? await ctx.deps.transactions.registerSamplesOf(tx.id) : []
  const samples = stored.map(storedSample)
  const flags = tx?.meter.flags ?? []
  return decideMeter([...own, ...offeredReadings(samples, false), ...offered], window, {
    start: null,
    stop: null,
    flags,
  })
}
