import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { CLOCK_SKEW_MS } from './clock'
import {
  decideMeter,
  emptyMeter,
  foldReading,
  meterEnergyWh,
  type OfferedReading,
  offeredReadings,
  READING_TOLERANCE_MS,
  type TxMeter,
  type TxWindow,
  transactionEnergyWh,
} from './energy'
import type { MeterSample } from './types'

const T0 = Date.UTC(2026, 0, 1, 12)
const min = 60_000
const open: TxWindow = { startedAt: T0, endedAt: null, now: T0 + 60 * min }
const fill = (at: number, wh: number): OfferedReading => ({ at, wh })
const ownStart = (at: number, wh: number, rank: 1 | 2 = 2): OfferedReading => ({
  at,
  wh,
  own: { end: 'start', rank },
})
const ownStop = (at: number, wh: number, rank: 1 | 2 = 2): OfferedReading => ({
  at,
  wh,
  own: { end: 'stop', rank },
})
const fold = (rs: readonly OfferedReading[], w = open, from: TxMeter = emptyMeter()) =>
  rs.reduce((m, r) => foldReading(m, r, w), from)
const sample = (at: number, wh: number, context?: string): MeterSample => ({
  timestamp: at,
  measurand: 'Energy.Active.Import.Register',
  unit: 'Wh',
  value: wh,
  raw: String(wh),
  ...(context ? { context } : {}),
})

describe('transaction energy: own readings decide, samples fill in', () => {
  test('the start message value is kept when a periodic sample arrives later (a rebuilt actor)', () => {
    const persisted = structuredClone(fold([ownStart(T0, 1000)]))
    const m = fold([fill(T0 + 10 * min, 4000)], open, persisted)
    expect(m.start).toEqual({ at: T0, wh: 1000, rank: 2 })
    expect(meterEnergyWh(m)).toBe(3000)
  })

  test('the ending message keeps its own reading, even stamped after the event', () => {
    const ended: TxWindow = { startedAt: T0, endedAt: T0 + 60 * min, now: T0 + 60 * min }
    const readings = [
      ...offeredReadings([sample(T0, 0, 'Transaction.Begin')], false),
      ...offeredReadings([sample(T0 + 30 * min, 4000, 'Sample.Periodic')], false),
      ...offeredReadings([sample(T0 + 60 * min + 1, 8000, 'Sample.Periodic')], true),
    ]
    expect(meterEnergyWh(decideMeter(readings, ended))).toBe(8000)
  })

  test('samples with a wrong clock are kept out: a year-9999 stamp cannot freeze the stop', () => {
    const m = fold([ownStart(T0, 100), fill(Date.UTC(9999, 11, 31), 500), fill(T0 + 30 * min, 2000)])
    expect(m.stop).toEqual({ at: T0 + 30 * min, wh: 2000, rank: 0 })
    expect(m.flags).toEqual(['clockOutsideWindow'])
    expect(meterEnergyWh(fold([ownStop(T0 + 40 * min, 2600)], open, m))).toBe(2500)
  })

  test('a 1970 stamp does not move the start', () => {
    const m = fold([fill(T0 + min, 1000), fill(0, 10), fill(T0 + 20 * min, 3000)])
    expect(m.start?.wh).toBe(1000)
    expect(meterEnergyWh(m)).toBe(2000)
  })

  test('a filling reading just outside the tolerance is not counted, one just inside is', () => {
    const early = fold([fill(T0 - READING_TOLERANCE_MS - 1, 0), fill(T0 + min, 50)])
    expect(early.start?.wh).toBe(50)
    const inside = fold([fill(T0 - READING_TOLERANCE_MS, 0), fill(T0 + min, 50)])
    expect(inside.start?.wh).toBe(0)
    const future = fold([fill(open.now + CLOCK_SKEW_MS + 1, 900)])
    expect(future.stop).toBeNull()
  })

  test('a register that goes backwards is flagged and a low reading never ends the transaction', () => {
    const m = decideMeter([fill(T0, 1000), fill(T0 + 10 * min, 5000), fill(T0 + 20 * min, 0)], open)
    expect(m.flags).toEqual(['registerBackwards'])
    expect(meterEnergyWh(m)).toBe(4000)
    const ownBackwards = decideMeter([ownStart(T0, 5000), ownStop(T0 + min, 3000)], open)
    expect(meterEnergyWh(ownBackwards)).toBe(0)
    expect(ownBackwards.flags).toEqual(['registerBackwards'])
  })

  test('without a start reading or a stop reading the energy is unknown', () => {
    expect(meterEnergyWh(emptyMeter())).toBeNull()
    expect(meterEnergyWh(fold([ownStop(T0, 500)]))).toBeNull()
    expect(meterEnergyWh(fold([fill(T0, 500)]))).toBe(0)
    expect(meterEnergyWh(fold([ownStart(T0, 500)]))).toBe(0)
  })

  test('a message value outranks an event reading, which outranks a sample', () => {
    const m = fold([ownStart(T0, 10, 1), ownStart(T0 + 1, 12, 2), fill(T0 - 1, 5)])
    expect(m.start).toEqual({ at: T0 + 1, wh: 12, rank: 2 })
  })

  test('readings of per-phase registers, other measurands and signed data are not register readings', () => {
    const rs = offeredReadings(
      [
        { ...sample(T0, 10), phase: 'L1' },
        { ...sample(T0, 20), measurand: 'Power.Active.Import' },
        { ...sample(T0, 30), value: undefined, raw: '<signed/>' },
        { ...sample(T0, 40), value: Number.NaN },
      ],
      true,
    )
    expect(rs).toEqual([])
  })

  test('a stored transaction reports its final figure, or what its readings say while it runs', () => {
    expect(transactionEnergyWh({ energyWh: 42, meterStartWh: 0, lastMeterWh: 1000 })).toBe(42)
    expect(transactionEnergyWh({ energyWh: null, meterStartWh: 100, lastMeterWh: 350 })).toBe(250)
    expect(transactionEnergyWh({ energyWh: null, meterStartWh: null, lastMeterWh: 350 })).toBeNull()
  })
})

/** A transaction's acknowledged start and stop, and the samples around them, glitches included. */
const scenario = fc
  .record({
    startWh: fc.integer({ min: 0, max: 10_000_000 }),
    deltaWh: fc.integer({ min: 0, max: 200_000 }),
    durationMin: fc.integer({ min: 1, max: 24 * 60 }),
    startRank: fc.constantFrom<1 | 2>(1, 2),
    stopRank: fc.constantFrom<1 | 2>(1, 2),
    stopLateMs: fc.integer({ min: 0, max: 5000 }),
    samples: fc.array(
      fc.record({
        atMin: fc.oneof(
          fc.integer({ min: -30, max: 24 * 60 + 30 }),
          fc.constantFrom(-30_000_000, 4_000_000_000),
        ),
        wh: fc.integer({ min: 0, max: 20_000_000 }),
      }),
      { maxLength: 25 },
    ),
  })
  .chain((s) => {
    const endedAt = T0 + s.durationMin * min
    const readings: OfferedReading[] = [
      ownStart(T0, s.startWh, s.startRank),
      ownStop(endedAt + s.stopLateMs, s.startWh + s.deltaWh, s.stopRank),
      ...s.samples.map((x) => fill(T0 + x.atMin * min, x.wh)),
    ]
    return fc.record({
      s: fc.constant(s),
      window: fc.constant<TxWindow>({ startedAt: T0, endedAt, now: endedAt }),
      delivery: fc.shuffledSubarray([...readings, ...readings], { minLength: readings.length * 2 }),
      restarts: fc.array(fc.nat(readings.length * 2), { maxLength: 4 }),
    })
  })

describe('transaction energy: properties', () => {
  test('for any interleaving, repeat, restart and clock glitch, energy = stop − start of the acknowledged ends', () => {
    fc.assert(
      fc.property(scenario, ({ s, window, delivery, restarts }) => {
        let m = emptyMeter()
        delivery.forEach((r, i) => {
          if (restarts.includes(i)) m = JSON.parse(JSON.stringify(m)) as TxMeter
          m = foldReading(m, r, window)
        })
        expect(meterEnergyWh(m)).toBe(s.deltaWh)
        expect(meterEnergyWh(decideMeter(delivery, window))).toBe(s.deltaWh)
      }),
    )
  })

  test('the chosen ends depend on the set of readings only; a fold never flags what the whole set does not', () => {
    const reading = fc.record({
      at: fc.integer({ min: T0 - 20 * min, max: T0 + 120 * min }),
      wh: fc.integer({ min: 0, max: 100_000 }),
      own: fc.option(
        fc.record({
          end: fc.constantFrom<'start' | 'stop'>('start', 'stop'),
          rank: fc.constantFrom<1 | 2>(1, 2),
        }),
        { nil: undefined },
      ),
    })
    fc.assert(
      fc.property(fc.array(reading, { maxLength: 30 }), fc.integer(), (rs, seed) => {
        const readings = rs.map((r) => (r.own ? r : { at: r.at, wh: r.wh }))
        const shuffled = [...readings, ...readings].sort(
          (a, b) => ((a.at * 31 + a.wh + seed) % 101) - ((b.at * 31 + b.wh + seed) % 101),
        )
        const inOrder = fold(readings)
        const mixed = fold(shuffled)
        expect(mixed.start).toEqual(inOrder.start)
        expect(mixed.stop).toEqual(inOrder.stop)
        const decided = decideMeter(shuffled, open)
        expect(decided.start).toEqual(inOrder.start)
        expect(decided.stop).toEqual(inOrder.stop)
        for (const flag of mixed.flags) expect(decided.flags).toContain(flag)
        expect(decideMeter(readings, open).flags).toEqual(decided.flags)
      }),
    )
  })
})
