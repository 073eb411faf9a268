import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { emptySpan, mergeReading, spanEnergyWh, transactionEnergyWh } from './energy'

describe('transaction energy from register readings', () => {
  test('energy is the latest minus the earliest reading', () => {
    let span = emptySpan()
    for (const [at, wh] of [
      [10, 1000],
      [20, 1500],
      [30, 2200],
    ] as const)
      span = mergeReading(span, at, wh)
    expect(spanEnergyWh(span)).toBe(1200)
  })

  test('a late earlier reading corrects the start; a late middle reading changes nothing', () => {
    let span = mergeReading(mergeReading(emptySpan(), 20, 1500), 30, 2200)
    expect(spanEnergyWh(span)).toBe(700)
    span = mergeReading(span, 10, 1000)
    expect(spanEnergyWh(span)).toBe(1200)
    expect(spanEnergyWh(mergeReading(span, 25, 1800))).toBe(1200)
  })

  test('the order and repetition of readings never change the result (property)', () => {
    const reading = fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 1_000_000 }))
    fc.assert(
      fc.property(
        fc.uniqueArray(reading, { selector: ([at]) => at, minLength: 1, maxLength: 30 }),
        fc.integer(),
        (readings, seed) => {
          const sorted = [...readings].sort((a, b) => a[0] - b[0])
          const shuffled = [...readings, ...readings].sort(
            (a, b) => ((a[0] * 31 + seed) % 97) - ((b[0] * 31 + seed) % 97),
          )
          const fold = (rs: [number, number][]) =>
            rs.reduce((s, [at, wh]) => mergeReading(s, at, wh), emptySpan())
          expect(fold(shuffled)).toEqual(fold(sorted))
        },
      ),
    )
  })

  test('no reading, one end, or a meter that went backwards', () => {
    expect(spanEnergyWh(emptySpan())).toBeNull()
    expect(spanEnergyWh({ startWh: 5, lastWh: null })).toBeNull()
    expect(spanEnergyWh({ startWh: 500, lastWh: 100 })).toBe(0)
    expect(transactionEnergyWh({ energyWh: 42, meterStartWh: 0, lastMeterWh: 1000 })).toBe(42)
    expect(transactionEnergyWh({ energyWh: null, meterStartWh: 100, lastMeterWh: 350 })).toBe(250)
  })
})
