/**
 * How much energy a transaction delivered, from the energy-register readings that concern it.
 *
 * The rule (it decides the bill, so it is one pure function of the set of readings):
 * - The transaction's own start and stop readings are authoritative: a reading the start or stop
 *   message itself carries as a number (OCPP 1.6 `meterStart` / `meterStop`) ranks highest; then
 *   readings the transaction's events mark as its own (context `Transaction.Begin` / `Transaction.End`,
 *   and every register reading of the message that ends it).
 * - Other readings (periodic, clock-aligned, triggered) only fill in an end that has no own reading:
 *   the earliest such reading for the start, the highest for the stop (a register only counts up, so the
 *   highest is the latest true reading, and a bogus low reading can never end a transaction early). The
 *   start reading also fills in the stop (nothing delivered yet); a stop reading says nothing of the start.
 * - A filling reading stamped outside the transaction's window by more than {@link READING_TOLERANCE_MS},
 *   or further in the future than {@link CLOCK_SKEW_MS}, is kept but never decides anything.
 * - Register values that go backwards are flagged and never yield negative energy.
 *
 * Readings may arrive late, twice, out of order, or to a rebuilt actor; selection is by rank, then by
 * time and value, so the result depends only on the set of readings, never on their order.
 */

import { CLOCK_SKEW_MS } from './clock'
import { registerReadings } from './meter'
import type { MeterSample } from './types'

/** A filling reading this far outside the transaction's window (ms) no longer belongs to it. */
export const READING_TOLERANCE_MS = 5 * 60_000

/**
 * How much a reading is trusted as a transaction's start or stop: 0 a periodic reading that only fills
 * in, 1 a reading the transaction's events mark as their own, 2 the value its start or stop message
 * carries (1.6 `meterStart` / `meterStop`).
 */
export type ReadingRank = 0 | 1 | 2

/** One energy-register reading (Wh at an epoch ms), as chosen for an end of a transaction. */
export interface Reading {
  at: number
  wh: number
  rank: ReadingRank
}

/** A reading offered to a transaction: for its start, its stop, or (rank 0) either as a fill-in. */
export interface OfferedReading {
  at: number
  wh: number
  /** Omitted: a filling reading (rank 0). */
  own?: { end: 'start' | 'stop'; rank: 1 | 2 }
}

/** Something about the readings a person should look at; stored with the transaction. */
export type EnergyFlag = 'registerBackwards' | 'clockOutsideWindow'

/** What is known of a transaction's meter: its chosen start and stop readings, and flags. */
export interface TxMeter {
  start: Reading | null
  stop: Reading | null
  /** Sorted, without repeats (a set, so that the fold stays order-independent). */
  flags: readonly EnergyFlag[]
}

/**
 * The time a reading is judged against: the transaction's start and end (null while it runs), and when
 * the reading was received, which bounds how far ahead a timestamp may plausibly be.
 */
export interface TxWindow {
  startedAt: number
  endedAt: number | null
  now: number
}

/** Nothing known yet. */
export const emptyMeter = (): TxMeter => ({ start: null, stop: null, flags: [] })

/** True if a filling reading at `at` belongs to the window. */
export function inWindow(at: number, w: TxWindow): boolean {
  if (at < w.startedAt - READING_TOLERANCE_MS) return false
  if (w.endedAt !== null && at > w.endedAt + READING_TOLERANCE_MS) return false
  return at <= w.now + CLOCK_SKEW_MS
}

/** a is a better start than b: higher rank, then earlier, then lower. */
function betterStart(a: Reading, b: Reading | null): boolean {
  if (b === null || a.rank !== b.rank) return b === null || a.rank > b.rank
  return a.at !== b.at ? a.at < b.at : a.wh < b.wh
}

/** a is a better stop than b: higher rank; among own readings the latest, among fill-ins the highest. */
function betterStop(a: Reading, b: Reading | null): boolean {
  if (b === null || a.rank !== b.rank) return b === null || a.rank > b.rank
  if (a.rank === 0 && a.wh !== b.wh) return a.wh > b.wh
  return a.at !== b.at ? a.at > b.at : a.wh > b.wh
}

function withFlag(flags: readonly EnergyFlag[], flag: EnergyFlag): readonly EnergyFlag[] {
  return flags.includes(flag) ? flags : [...flags, flag].sort()
}

/**
 * The meter with one more reading (pure). Commutative: folding a set of readings in any order, with
 * repeats, gives the same start and stop. Flags raised here are those visible against the chosen ends;
 * {@link decideMeter} finds every backwards step of a whole set.
 */
export function foldReading(meter: TxMeter, r: OfferedReading, w: TxWindow): TxMeter {
  if (!Number.isFinite(r.at) || !Number.isFinite(r.wh)) return meter
  let { start, stop, flags } = meter
  if (r.own === undefined && !inWindow(r.at, w))
    return { start, stop, flags: withFlag(flags, 'clockOutsideWindow') }
  const reading: Reading = { at: r.at, wh: r.wh, rank: r.own?.rank ?? 0 }
  if (r.own?.end !== 'stop' && betterStart(reading, start)) start = reading
  if (r.own?.end !== 'start' && betterStop(reading, stop)) stop = reading
  const startAsStop: Reading = { ...reading, rank: 0 }
  if (r.own?.end === 'start' && betterStop(startAsStop, stop)) stop = startAsStop
  const backwards = [meter.start, meter.stop].some(
    (x) => x !== null && ((x.at < r.at && x.wh > r.wh) || (x.at > r.at && x.wh < r.wh)),
  )
  if (backwards) flags = withFlag(flags, 'registerBackwards')
  return { start, stop, flags }
}

/**
 * The meter decided from a whole set of readings (pure): the fold of all of them, plus a
 * `registerBackwards` flag for any step down between two readings that count, in time order.
 */
export function decideMeter(readings: readonly OfferedReading[], w: TxWindow, from = emptyMeter()): TxMeter {
  let meter = from
  for (const r of readings) meter = foldReading(meter, r, w)
  const counted = readings
    .filter(
      (r) => Number.isFinite(r.at) && Number.isFinite(r.wh) && (r.own !== undefined || inWindow(r.at, w)),
    )
    .sort((a, b) => a.at - b.at || a.wh - b.wh)
  for (let i = 1; i < counted.length; i++) {
    if (counted[i]!.wh < counted[i - 1]!.wh && counted[i]!.at > counted[i - 1]!.at) {
      return { ...meter, flags: withFlag(meter.flags, 'registerBackwards') }
    }
  }
  return meter
}

/**
 * The register readings among a transaction message's samples, each marked as the transaction's own
 * where it is: context `Transaction.Begin` for its start, `Transaction.End` for its stop, and every
 * other reading of the message that ends it (`ending`; chargers stamp that reading when they read it, often
 * just after the event).
 */
export function offeredReadings(samples: readonly MeterSample[], ending: boolean): OfferedReading[] {
  return registerReadings(samples).map((r): OfferedReading => {
    if (r.context === 'Transaction.Begin') return { at: r.at, wh: r.wh, own: { end: 'start', rank: 1 } }
    if (r.context === 'Transaction.End' || ending)
      return { at: r.at, wh: r.wh, own: { end: 'stop', rank: 1 } }
    return { at: r.at, wh: r.wh }
  })
}

/** Energy delivered in Wh (never negative), or null while an end is unknown. */
export function meterEnergyWh(meter: Pick<TxMeter, 'start' | 'stop'>): number | null {
  if (meter.start === null || meter.stop === null) return null
  return Math.max(0, meter.stop.wh - meter.start.wh)
}

/** The energy of a stored transaction: its final figure once ended, else what its readings say so far. */
export function transactionEnergyWh(t: {
  energyWh: number | null
  meterStartWh: number | null
  lastMeterWh: number | null
}): number | null {
  if (t.energyWh !== null) return t.energyWh
  if (t.meterStartWh === null || t.lastMeterWh === null) return null
  return Math.max(0, t.lastMeterWh - t.meterStartWh)
}

/** True if both meters chose the same readings and flags. */
export function sameMeter(a: TxMeter, b: TxMeter): boolean {
  const same = (x: Reading | null, y: Reading | null) =>
    x === y || (x !== null && y !== null && x.at === y.at && x.wh === y.wh && x.rank === y.rank)
  return same(a.start, b.start) && same(a.stop, b.stop) && a.flags.join() === b.flags.join()
}
