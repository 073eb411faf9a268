import { describe, expect, test } from 'bun:test'
import { priceSession } from './price-session'
import type { RoundingPolicy } from './rounding'
import { type Part, session } from './sample-session'
import type { Tariff } from './tariff'
import { ocpiExample } from './test-sessions'

/**
 * Golden tests: the OCPI 2.2.1 specification's example tariffs (`ocpi-examples/`, copied from the
 * spec) and the costs its text works out (mod_tariffs.asciidoc, mod_cdrs.asciidoc "step_size"). Where
 * the spec's examples contradict its own rules, the rule wins, and the test says so.
 */

const CENT: RoundingPolicy = { scale: 2, mode: 'halfUp', level: 'total' }
const ZONE = 'Europe/Amsterdam'

function price(name: string, startIso: string, parts: Part[], rounding = CENT) {
  return priceSession(ocpiExample(name), session(startIso, parts), { timeZone: ZONE, rounding })
}

/** Billed excl. and incl. VAT as text, e.g. `['5.00', '5.50']` (incl. null when the tariff has no VAT). */
function billed(p: ReturnType<typeof price>): [string, string | null] {
  return [p.billed.exclVat.toFixed(2), p.billed.inclVat?.toFixed(2) ?? null]
}

const MONDAY = '2026-12-07T09:30:00+01:00'

describe('the OCPI 2.2.1 tariff examples, priced as the specification works them out', () => {
  test('0.25 €/kWh: 20 kWh cost 5.00 excl. and 5.50 incl. 10 % VAT', () => {
    expect(billed(price('tariff_8_simple_025kwh', MONDAY, [{ minutes: 120, kwh: 20 }]))).toEqual([
      '5.00',
      '5.50',
    ])
  })

  test('0.25 €/kWh + 0.50 start fee: 20 kWh cost 5.50 / 6.10', () => {
    expect(billed(price('tariff_9_025kwh_start', MONDAY, [{ minutes: 120, kwh: 20 }]))).toEqual([
      '5.50',
      '6.10',
    ])
  })

  test('0.25 €/kWh, minimum 0.50 / 0.55: 20 kWh cost 5.00 / 5.50; 1 kWh costs the minimum', () => {
    expect(billed(price('tariff_12_025kwh_min_price', MONDAY, [{ minutes: 120, kwh: 20 }]))).toEqual([
      '5.00',
      '5.50',
    ])
    const small = price('tariff_12_025kwh_min_price', MONDAY, [{ minutes: 10, kwh: 1 }])
    expect(billed(small)).toEqual(['0.50', '0.55'])
    expect(small.adjustment?.reason).toBe('min_price')
    expect(small.adjustment?.exclVat.toString()).toBe('0.25')
  })

  test('0.25 €/kWh + start fee + 2 €/h parking per 15 min: 20 kWh and 40 min parked cost 7.00 / 7.90', () => {
    const p = price('tariff_10_025kwh_parking_start', MONDAY, [
      { minutes: 120, kwh: 20 },
      { parkMinutes: 40 },
    ])
    expect(billed(p)).toEqual(['7.00', '7.90'])
    expect(p.lines.find((l) => l.dimension === 'PARKING_TIME')?.billed.toString()).toBe('2700')
  })

  test('maximum 10 / 11: 50 kWh cost 10.00 / 11.00; 30 kWh cost 8.00 / 8.85', () => {
    const name = 'tariff_6_025kwh_start_max_price'
    expect(billed(price(name, MONDAY, [{ minutes: 300, kwh: 50 }]))).toEqual(['10.00', '11.00'])
    expect(billed(price(name, MONDAY, [{ minutes: 180, kwh: 30 }]))).toEqual(['8.00', '8.85'])
  })

  test('2 €/h charging time: 2.5 h cost 5.00 / 5.50', () => {
    expect(billed(price('tariff_1_simple_2hour', MONDAY, [{ minutes: 150, kwh: 25 }]))).toEqual([
      '5.00',
      '5.50',
    ])
  })

  test('3 €/h charging, 5 €/h parking per 5 min: 150 min + 42 min parked cost 11.25 / 12.75', () => {
    const p = price('tariff_13_simple_3hour_5parking', MONDAY, [
      { minutes: 150, kwh: 25 },
      { parkMinutes: 42 },
    ])
    expect(billed(p)).toEqual(['11.25', '12.75'])
  })

  test('1.9 €/h per 5 min at 5.2 % VAT: 2.5 h cost 4.75 / 5.00', () => {
    expect(billed(price('tariff_2_alt_text', MONDAY, [{ minutes: 150, kwh: 20 }]))).toEqual(['4.75', '5.00'])
  })

  test('energy per 100 Wh: 20.45 kWh are billed as 20.5, 5.63 / 6.24 (exactly 5.625 / 6.2375)', () => {
    const p = price('tariff_3_alt_url', MONDAY, [{ minutes: 120, kwh: 20.45 }])
    expect(p.lines.find((l) => l.dimension === 'ENERGY')?.billed.toString()).toBe('20500')
    expect([p.exact.exclVat.toString(), p.exact.inclVat?.toString()]).toEqual(['5.625', '6.2375'])
    expect(billed(p)).toEqual(['5.63', '6.24'])
  })

  test('the complex tariff, Monday 09:30: 165 min at 16 A and 42 min parked cost 9.00 / 10.30', () => {
    const p = price('tariff_4_complex', MONDAY, [
      { minutes: 165, kwh: 10, currentA: 16 },
      { parkMinutes: 42 },
    ])
    expect(billed(p)).toEqual(['9.00', '10.30'])
    expect(p.lines.map((l) => [l.dimension, l.element, l.billed.toString(), l.why])).toEqual([
      ['FLAT', 0, '1', 'always'],
      ['TIME', 1, '9900', 'under 32 A'],
      ['PARKING_TIME', 4, '2700', '09:00–18:00, weekdays'],
    ])
  })

  test('the complex tariff, Saturday 13:30: 114 min at 43 A and 71 min parked cost 12.375 / 13.975 exactly', () => {
    const p = price('tariff_4_complex', '2026-12-12T13:30:00+01:00', [
      { minutes: 114, kwh: 30, currentA: 43 },
      { parkMinutes: 71 },
    ])
    expect([p.exact.exclVat.toString(), p.exact.inclVat?.toString()]).toEqual(['12.375', '13.975'])
    expect(billed(p)).toEqual(['12.38', '13.98'])
    expect(p.lines.map((l) => [l.dimension, l.element])).toEqual([
      ['FLAT', 0],
      ['TIME', 3],
      ['PARKING_TIME', 5],
    ])
  })

  test('free of charge costs 0.00', () => {
    expect(billed(price('tariff_5_free_of_charge', MONDAY, [{ minutes: 60, kwh: 11 }]))[0]).toBe('0.00')
  })

  test('first kWh free, 0.20 after: energy 3.80 for 20 kWh; parking by session duration (spec text assumes from parking start)', () => {
    // The example's text (7.30) counts the free parking hour from when charging ended; min_duration and
    // max_duration count from the session's start (ocpi/ocpi#434): after one hour of charging the first
    // hour is over, so 2 h at 2.00 and 45 min at 3.00 are billed.
    const p = price('tariff_7_first_hour_kwh_free', MONDAY, [{ minutes: 60, kwh: 20 }, { parkMinutes: 165 }])
    expect(p.cost.ENERGY.toString()).toBe('3.8')
    expect(p.cost.PARKING_TIME.toString()).toBe('6.25')
    expect(billed(p)).toEqual(['10.05', null])
  })

  test('power restrictions: 1 kWh at 6 kW, 40 kWh at 48 kW, 0.5 kWh at 4 kW cost 20.30', () => {
    const p = price('tariffrestriction_example_max_power', MONDAY, [
      { minutes: 10, kwh: 1 },
      { minutes: 50, kwh: 40 },
      { minutes: 7.5, kwh: 0.5 },
    ])
    expect(p.billed.exclVat.toFixed(2)).toBe('20.30')
  })

  test('duration restrictions: 5 kWh in the free first 30 min and 1.2 kWh in the next 10 cost 0.30', () => {
    const p = price('tariffrestriction_example_max_duration', MONDAY, [
      { minutes: 30, kwh: 5 },
      { minutes: 10, kwh: 1.2 },
    ])
    expect(p.billed.exclVat.toFixed(2)).toBe('0.30')
  })

  test('reservation elements do not price a charging session', () => {
    const p = price('tariff_15_reservation_5_euro_per_hour', MONDAY, [{ minutes: 120, kwh: 20 }])
    expect(billed(p)).toEqual(['5.50', '6.10'])
  })
})

describe('step_size across tariff elements (tariff_14_step_size)', () => {
  test('16:35, 35 min charging: 25 min before 17:00, then the total rounded to 45 min: 1.30', () => {
    const p = price('tariff_14_step_size', '2026-12-07T16:35:00+01:00', [{ minutes: 35, kwh: 5 }])
    expect(p.billed.exclVat.toFixed(2)).toBe('1.30')
  })

  test('16:55, 10 min charging and 2 parked: only parking is rounded, 0.55 (the spec example rounds both together: 0.383)', () => {
    const p = price('tariff_14_step_size', '2026-12-07T16:55:00+01:00', [
      { minutes: 10, kwh: 2 },
      { parkMinutes: 2 },
    ])
    expect(p.lines.map((l) => [l.dimension, l.element, l.billed.toString()])).toEqual([
      ['TIME', 0, '300'],
      ['TIME', 1, '300'],
      ['PARKING_TIME', 1, '900'],
    ])
    expect(p.exact.exclVat.toString()).toBe('0.55')
  })

  test('19:40, 12 min charging and 20 parked, parking free after 20:00: 0.73 (ocpi/ocpi#546; the spec text says 0.78)', () => {
    const p = price('tariff_14_step_size', '2026-12-07T19:40:00+01:00', [
      { minutes: 12, kwh: 2 },
      { parkMinutes: 20 },
    ])
    expect(p.exact.exclVat.toString()).toBe('0.73')
  })
})

describe('step_size counts the session total (mod_cdrs)', () => {
  const twoRates = (dimension: 'ENERGY' | 'TIME', before: number, after: number, step: number): Tariff => ({
    country_code: 'SE',
    party_id: 'CSM',
    id: 'step',
    currency: 'EUR',
    last_updated: '2026-01-01T00:00:00Z',
    elements: [
      {
        price_components: [{ type: dimension, price: before, step_size: step }],
        restrictions: { end_time: '17:00' },
      },
      { price_components: [{ type: dimension, price: after, step_size: step }] },
    ],
  })

  test('4.3 kWh before 17:00 and 1.1 after, step 500 Wh: 5.5 kWh in all, 1.2 of them after 17:00', () => {
    const p = priceSession(
      twoRates('ENERGY', 0.2, 0.27, 500),
      session('2026-12-07T16:00:00+01:00', [
        { minutes: 60, kwh: 4.3 },
        { minutes: 30, kwh: 1.1 },
      ]),
      { timeZone: ZONE },
    )
    expect(p.lines.map((l) => l.billed.toString())).toEqual(['4300', '1200'])
  })

  test('6 min before 17:00 and 22 after, step 10 min: 30 min in all, 24 of them after 17:00', () => {
    const p = priceSession(
      twoRates('TIME', 5, 7, 600),
      session('2026-12-07T16:54:00+01:00', [{ minutes: 28, kwh: 3 }]),
      { timeZone: ZONE },
    )
    expect(p.lines.map((l) => l.billed.div(60).toString())).toEqual(['6', '24'])
  })

  test('21 min charging then 16 parked, both step 10 min: charging 21, parking 20', () => {
    const tariff: Tariff = {
      ...twoRates('TIME', 1, 1, 600),
      elements: [
        {
          price_components: [
            { type: 'TIME', price: 1, step_size: 600 },
            { type: 'PARKING_TIME', price: 2, step_size: 600 },
          ],
        },
      ],
    }
    const p = priceSession(tariff, session(MONDAY, [{ minutes: 21, kwh: 3 }, { parkMinutes: 16 }]), {
      timeZone: ZONE,
    })
    expect(p.lines.map((l) => [l.dimension, l.billed.div(60).toString()])).toEqual([
      ['TIME', '21'],
      ['PARKING_TIME', '20'],
    ])
  })
})

describe('rounding policy', () => {
  const halfCents: Tariff = {
    country_code: 'SE',
    party_id: 'CSM',
    id: 'half-cents',
    currency: 'SEK',
    last_updated: '2026-01-01T00:00:00Z',
    elements: [
      {
        price_components: [
          { type: 'FLAT', price: '0.125', vat: 25, step_size: 0 },
          { type: 'ENERGY', price: '0.25', vat: 25, step_size: 1 },
        ],
      },
    ],
  }
  const billedUnder = (rounding: RoundingPolicy) =>
    priceSession(halfCents, session(MONDAY, [{ minutes: 10, kwh: 0.5 }]), { timeZone: ZONE, rounding }).billed

  test('the exact total 0.25 (two lines of 0.125) is billed as 0.25 when the total is rounded once', () => {
    const b = billedUnder({ scale: 2, mode: 'halfUp', level: 'total' })
    expect([b.exclVat.toFixed(2), b.vat?.toFixed(2), b.inclVat?.toFixed(2)]).toEqual(['0.25', '0.06', '0.31'])
  })

  test('rounded per line: half up bills 0.13 + 0.13, half even 0.12 + 0.12', () => {
    expect(billedUnder({ scale: 2, mode: 'halfUp', level: 'component' }).exclVat.toFixed(2)).toBe('0.26')
    expect(billedUnder({ scale: 2, mode: 'halfEven', level: 'component' }).exclVat.toFixed(2)).toBe('0.24')
  })

  test('half up and half even differ on an exact half öre of the total', () => {
    const at = (mode: RoundingPolicy['mode']) =>
      price('tariff_9_025kwh_start', MONDAY, [{ minutes: 10, kwh: 0.5 }], { scale: 2, mode, level: 'total' })
    expect(at('halfUp').exact.exclVat.toString()).toBe('0.625')
    expect(at('halfUp').billed.exclVat.toFixed(2)).toBe('0.63')
    expect(at('halfEven').billed.exclVat.toFixed(2)).toBe('0.62')
  })
})
