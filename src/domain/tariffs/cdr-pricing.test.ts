import { describe, expect, test } from 'bun:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { cdrPricing } from './cdr-pricing'
import { priceSession } from './price-session'
import { DEFAULT_ROUNDING } from './rounding'
import { session } from './sample-session'
import { tariffSchema } from './tariff'
import { ocpiExample } from './test-sessions'

const example = JSON.parse(readFileSync(join(import.meta.dir, 'ocpi-examples', 'cdr_example.json'), 'utf8'))

describe('the CDR pricing', () => {
  test("reproduces the spec's CDR example: 1 h 58 min 23 s at 2 €/h per 5 min is 4.00 / 4.40", () => {
    const tariff = tariffSchema.parse(example.tariffs[0])
    const start = example.start_date_time as string
    const minutes = (Date.parse(example.end_date_time) - Date.parse(start)) / 60_000
    const priced = priceSession(tariff, session(start, [{ minutes, kwh: example.total_energy }]), {
      timeZone: 'Europe/Brussels',
    })
    const cdr = cdrPricing(tariff, priced, DEFAULT_ROUNDING)
    expect(cdr.total_cost).toEqual(example.total_cost)
    expect(cdr.total_time_cost).toEqual(example.total_time_cost)
    expect(cdr.total_energy).toBe(example.total_energy)
    expect(cdr.total_time).toBe(1.9731)
    expect(cdr.charging_periods).toEqual([
      {
        start_date_time: '2015-06-29T21:39:09.000Z',
        dimensions: [
          { type: 'ENERGY', volume: 15.342 },
          { type: 'TIME', volume: 1.9731 },
        ],
        tariff_id: '12',
      },
    ])
    expect(cdr.tariffs).toEqual([tariff])
  })

  test('the complex tariff: periods per element, costs per dimension, parking time and cost', () => {
    const tariff = ocpiExample('tariff_4_complex')
    const priced = priceSession(
      tariff,
      session('2026-12-07T09:30:00+01:00', [{ minutes: 165, kwh: 10, currentA: 16 }, { parkMinutes: 42 }]),
      { timeZone: 'Europe/Amsterdam' },
    )
    const cdr = cdrPricing(tariff, priced, DEFAULT_ROUNDING)
    expect(cdr.total_cost).toEqual({ excl_vat: 9, incl_vat: 10.3 })
    expect(cdr.total_fixed_cost).toEqual({ excl_vat: 2.5, incl_vat: 2.88 })
    expect(cdr.total_time_cost).toEqual({ excl_vat: 2.75, incl_vat: 3.3 })
    expect(cdr.total_parking_cost).toEqual({ excl_vat: 3.75, incl_vat: 4.13 })
    expect(cdr.total_energy_cost).toBeUndefined()
    expect([cdr.total_time, cdr.total_parking_time]).toEqual([3.45, 0.7])
    expect(cdr.charging_periods.map((p) => p.dimensions.map((d) => d.type))).toEqual([
      ['ENERGY', 'TIME'],
      ['PARKING_TIME'],
    ])
  })
})
