import { describe, expect, test } from 'bun:test'
import { energyMargin, type GridTariff, type MarginInput } from './margin'

const HOUR = 60
/** 2026-05-04 10:00Z in minutes since the epoch. */
const T0 = Date.UTC(2026, 4, 4, 10, 0) / 60_000
const fixed: GridTariff = {
  currency: 'SEK',
  energy: { kind: 'fixed', pricePerKwh: '1.25' },
  energyFeePerKwh: '0.245',
  effectFeePerKw: '81.25',
}
/** `kw` for `count` minutes from `start`. */
const run = (start: number, count: number, kw: number) =>
  Array.from({ length: count }, (_, i) => ({ minute: start + i, evKw: kw }))
const input = (over: Partial<MarginInput> = {}): MarginInput => ({
  tariff: fixed,
  minutes: run(T0, 2 * HOUR, 11),
  peakKw: 11,
  slots: [],
  cdrTotals: ['40.00', '35.50'],
  ...over,
})

describe('a site month’s energy margin', () => {
  test('fixed price: energy, grid fee and effect fee, each rounded once, against the CDRs', () => {
    expect(energyMargin(input())).toEqual({
      currency: 'SEK',
      energyKwh: '22.000',
      unpricedKwh: '0.000',
      peakKw: '11.00',
      energyCost: '27.50',
      energyFee: '5.39',
      effectFee: '893.75',
      cost: '926.64',
      revenue: '75.50',
      margin: '-851.14',
      sessions: 2,
    })
  })

  test('spot: each minute at the slot holding it; minutes outside every slot are unpriced', () => {
    const slot = (hour: number, price: string) => ({
      from: (T0 + hour * HOUR) * 60_000,
      to: (T0 + (hour + 1) * HOUR) * 60_000,
      pricePerKwh: price,
    })
    const m = energyMargin(
      input({
        tariff: { ...fixed, energy: { kind: 'spot', seriesId: 'SE3' } },
        minutes: run(T0, 3 * HOUR, 6),
        slots: [slot(1, '2.00'), slot(0, '0.5')],
      }),
    )
    // 6 kWh at 0.50 + 6 kWh at 2.00; the third hour has no slot
    expect(m).toMatchObject({ energyKwh: '18.000', unpricedKwh: '6.000', energyCost: '15.00' })
    expect(m.energyFee).toBe('4.41')
  })

  test('recorded floats enter at their shortest text, so tenths add up exactly', () => {
    const m = energyMargin(input({ minutes: run(T0, 60, 0.1), peakKw: 0.1, cdrTotals: [] }))
    expect(m.energyKwh).toBe('0.100')
    expect(m.energyCost).toBe('0.13')
  })

  test.each([
    ['0.004', '0.00'],
    ['0.005', '0.01'],
    ['0.0149', '0.01'],
  ])('a line of %s rounds half up to %s', (fee, line) => {
    const tariff = { ...fixed, effectFeePerKw: fee }
    expect(energyMargin(input({ tariff, peakKw: 1 })).effectFee).toBe(line)
  })

  test('the peak is rounded to 0.01 kW before the effect fee', () => {
    const m = energyMargin(input({ peakKw: 7.3049, tariff: { ...fixed, effectFeePerKw: '100' } }))
    expect(m).toMatchObject({ peakKw: '7.30', effectFee: '730.00' })
  })

  test('credit CDRs count negative and a finer CDR rounding is kept exactly', () => {
    const m = energyMargin(input({ minutes: [], peakKw: 0, cdrTotals: ['10.00', '-10.00', '12.3456'] }))
    expect(m).toMatchObject({ revenue: '12.3456', cost: '0.00', margin: '12.3456', sessions: 3 })
  })
})
