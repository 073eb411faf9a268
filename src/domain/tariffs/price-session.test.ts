import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { sum } from './decimal'
import type { MeteredSession, MeterReading } from './metered-session'
import { priceSession } from './price-session'
import { session } from './sample-session'
import { DAYS_OF_WEEK, type Tariff, type TariffElement } from './tariff'

const ZONE = 'Europe/Stockholm'
const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)
const price = fc.integer({ min: 0, max: 999 }).map((c) => (c / 100).toFixed(2))

const element: fc.Arbitrary<TariffElement> = fc.record(
  {
    price_components: fc.uniqueArray(
      fc.record({
        type: fc.constantFrom('ENERGY', 'TIME', 'PARKING_TIME', 'FLAT'),
        price,
        vat: fc.constantFrom(25, 12, 6),
        step_size: fc.constantFrom(1, 60, 300, 900, 500),
      }),
      { minLength: 1, maxLength: 4, selector: (c) => c.type },
    ),
    restrictions: fc.record(
      {
        start_time: hhmm,
        end_time: hhmm,
        day_of_week: fc.uniqueArray(fc.constantFrom(...DAYS_OF_WEEK), { minLength: 1, maxLength: 7 }),
        min_kwh: fc.integer({ min: 0, max: 30 }),
        max_kwh: fc.integer({ min: 1, max: 60 }),
        max_power: fc.integer({ min: 2, max: 22 }),
        min_duration: fc.integer({ min: 0, max: 4 * 3600 }),
        max_duration: fc.integer({ min: 60, max: 8 * 3600 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['price_components'] },
)

const tariff: fc.Arbitrary<Tariff> = fc
  .record({
    elements: fc.array(element, { minLength: 1, maxLength: 6 }),
    max: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
  })
  .map(({ elements, max }) => ({
    country_code: 'SE',
    party_id: 'CSM',
    id: 'prop',
    currency: 'SEK',
    last_updated: '2026-01-01T00:00:00Z',
    elements,
    ...(max === undefined ? {} : { max_price: { excl_vat: max } }),
  }))

/** Sessions in 2026, DST days included: charging parts then maybe parked, readings every 1–15 min. */
const metered: fc.Arbitrary<MeteredSession> = fc
  .record({
    start: fc.integer({ min: Date.UTC(2026, 2, 27), max: Date.UTC(2026, 10, 1) }),
    parts: fc.array(
      fc.record({ minutes: fc.integer({ min: 1, max: 240 }), kwh: fc.integer({ min: 0, max: 40_000 }) }),
      { minLength: 1, maxLength: 4 },
    ),
    park: fc.integer({ min: 0, max: 300 }),
    every: fc.constantFrom(60, 300, 900),
  })
  .map(({ start, parts, park, every }) =>
    session(
      new Date(Math.floor(start / 60_000) * 60_000).toISOString(),
      [
        ...parts.map((p) => ({ minutes: p.minutes, kwh: p.kwh / 1000 })),
        ...(park > 0 ? [{ parkMinutes: park }] : []),
      ],
      every,
    ),
  )

/** The session as the driver's page saw it when `reading` arrived: the readings so far, ending there. */
function soFar(s: MeteredSession, reading: MeterReading): MeteredSession {
  return {
    start: s.start,
    end: reading.at,
    readings: s.readings.filter((r) => r.at <= reading.at),
    parked: s.parked
      .filter((p) => p.from < reading.at)
      .map((p) => ({ from: p.from, to: p.to === null || p.to > reading.at ? null : p.to })),
  }
}

describe('priceSession, for any tariff and session', () => {
  test('the running cost at the last reading equals the final cost, to the öre and exactly', () => {
    fc.assert(
      fc.property(tariff, metered, (t, s) => {
        const last = s.readings[s.readings.length - 1] as MeterReading
        const running = priceSession(t, soFar(s, last), { timeZone: ZONE })
        const final = priceSession(t, { ...s, end: last.at }, { timeZone: ZONE })
        expect(running.exact.exclVat.toString()).toBe(final.exact.exclVat.toString())
        expect(running.billed.inclVat?.toString()).toBe(final.billed.inclVat?.toString())
      }),
      { numRuns: 150 },
    )
  })

  test('periods account for every Wh and every millisecond; lines add up to the total', () => {
    fc.assert(
      fc.property(tariff, metered, (t, s) => {
        const p = priceSession(t, s, { timeZone: ZONE })
        const total = (pick: (x: (typeof p.periods)[number]) => number) =>
          p.periods.reduce((a, x) => a + pick(x), 0)
        const lastWh = (s.readings[s.readings.length - 1] as MeterReading).wh
        expect(total((x) => x.energyMWh)).toBe(Math.round(lastWh * 1000))
        expect(total((x) => x.chargingMs + x.parkingMs)).toBe(s.end - s.start)
        expect(p.totalEnergyWh.times(1000).toNumber()).toBe(Math.round(lastWh * 1000))
        const lines = sum(p.lines.map((l) => l.exclVat)).plus(p.adjustment?.exclVat ?? 0)
        expect(lines.toString()).toBe(p.exact.exclVat.toString())
        expect(p.billed.inclVat?.minus(p.billed.exclVat).toString()).toBe(p.billed.vat?.toString())
        for (const l of p.lines) expect(l.billed.gte(l.used)).toBe(true)
      }),
      { numRuns: 150 },
    )
  })

  test('prices are exact decimals: 0.1 + 0.2 is 0.3', () => {
    const t: Tariff = {
      country_code: 'SE',
      party_id: 'CSM',
      id: 'exact',
      currency: 'SEK',
      last_updated: '2026-01-01T00:00:00Z',
      elements: [
        {
          price_components: [
            { type: 'FLAT', price: 0.1, step_size: 0 },
            { type: 'ENERGY', price: 0.2, step_size: 1 },
          ],
        },
      ],
    }
    const p = priceSession(t, session('2026-12-07T10:00:00Z', [{ minutes: 30, kwh: 1 }]), { timeZone: ZONE })
    expect(p.exact.exclVat.toString()).toBe('0.3')
  })

  test('a session across the autumn DST change in Stockholm is priced by local time: 01:00–03:00 local is three hours', () => {
    const night: Tariff = {
      country_code: 'SE',
      party_id: 'CSM',
      id: 'night',
      currency: 'SEK',
      last_updated: '2026-01-01T00:00:00Z',
      elements: [
        {
          price_components: [{ type: 'TIME', price: 1, step_size: 1 }],
          restrictions: { start_time: '01:00', end_time: '03:00' },
        },
        { price_components: [{ type: 'TIME', price: 10, step_size: 1 }] },
      ],
    }
    // 25 October 2026: clocks go back at 03:00 CEST to 02:00 CET; 00:00 CEST is 22:00Z the day before
    const p = priceSession(night, session('2026-10-24T22:00:00Z', [{ minutes: 5 * 60, kwh: 20 }]), {
      timeZone: ZONE,
    })
    expect(p.lines.map((l) => [l.element, l.billed.div(3600).toString()])).toEqual([
      [0, '3'],
      [1, '2'],
    ])
  })

  test('a register that goes backwards does not make energy negative', () => {
    const t: Tariff = {
      country_code: 'SE',
      party_id: 'CSM',
      id: 'kwh',
      currency: 'SEK',
      last_updated: '2026-01-01T00:00:00Z',
      elements: [{ price_components: [{ type: 'ENERGY', price: 2, step_size: 1 }] }],
    }
    const start = Date.UTC(2026, 11, 7, 10)
    const p = priceSession(
      t,
      {
        start,
        end: start + 3 * 60_000,
        readings: [
          { at: start + 60_000, wh: 1000 },
          { at: start + 120_000, wh: 400 },
          { at: start + 180_000, wh: 1500 },
        ],
        parked: [],
      },
      { timeZone: ZONE },
    )
    expect(p.totalEnergyWh.toString()).toBe('1500')
    expect(p.exact.exclVat.toString()).toBe('3')
  })
})

describe('a session that has only just begun', () => {
  test('owes its start fee and nothing else', () => {
    const t: Tariff = {
      country_code: 'SE',
      party_id: 'CSM',
      id: 'start-fee',
      currency: 'SEK',
      last_updated: '2026-01-01T00:00:00Z',
      elements: [
        {
          price_components: [
            { type: 'FLAT', price: '10.00', vat: 25, step_size: 0 },
            { type: 'ENERGY', price: '4.00', vat: 25, step_size: 1 },
          ],
        },
      ],
    }
    const start = Date.UTC(2026, 11, 7, 18)
    const p = priceSession(
      t,
      { start, end: start, readings: [{ at: start, wh: 0 }], parked: [] },
      { timeZone: ZONE },
    )
    expect(p.lines.map((l) => [l.dimension, l.exclVat.toString()])).toEqual([['FLAT', '10']])
  })
})
