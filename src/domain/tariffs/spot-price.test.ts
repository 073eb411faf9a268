import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { Decimal, dec, sum } from './decimal'
import type { MeteredSession } from './metered-session'
import { priceSession } from './price-session'
import { session } from './sample-session'
import { type SpotSlot, spotPriced } from './spot-price'
import type { Tariff } from './tariff'

const ZONE = 'Europe/Stockholm'
const base: Tariff = {
  country_code: 'SE',
  party_id: 'CSM',
  id: 'visitors-spot',
  currency: 'SEK',
  last_updated: '2026-12-01T00:00:00Z',
  elements: [{ price_components: [{ type: 'FLAT', price: '5.00', vat: 25, step_size: 0 }] }],
}
const at = (iso: string) => Date.parse(iso)
const hour = (iso: string, price: string): SpotSlot => ({
  from: at(iso),
  to: at(iso) + 3_600_000,
  pricePerKwh: price,
})

describe('spot price + markup', () => {
  const slots = [
    hour('2026-12-07T17:00:00+01:00', '1.2000'),
    hour('2026-12-07T18:00:00+01:00', '0.8000'),
    hour('2026-12-07T23:00:00+01:00', '0.1000'),
  ]
  const spot = { markupPerKwh: '0.50', fallbackPerKwh: '2.00', vat: 25, step_size: 1 }

  test('each hour is priced at its slot + markup, a missing hour at the fallback', () => {
    const s = session('2026-12-07T17:30:00+01:00', [
      { minutes: 30, kwh: 3 },
      { minutes: 60, kwh: 6 },
      { minutes: 60, kwh: 6 },
    ])
    const tariff = spotPriced(base, spot, slots, { from: s.start, to: s.end }, ZONE)
    const p = priceSession(tariff, s, { timeZone: ZONE })
    const energy = p.lines.filter((l) => l.dimension === 'ENERGY')
    expect(energy.map((l) => [l.unitPrice.toString(), l.billed.div(1000).toString()])).toEqual([
      ['1.7', '3'],
      ['1.3', '6'],
      ['2', '6'],
    ])
    // 5 + 3 × 1.70 + 6 × 1.30 + 6 × 2.00 = 29.90 excl., 37.375 incl. 25 % VAT
    expect(p.exact.exclVat.toString()).toBe('29.9')
    expect(p.billed.inclVat?.toFixed(2)).toBe('37.38')
  })

  test('only slots overlapping the session become elements; the slot up to midnight ends at 00:00', () => {
    const tariff = spotPriced(
      base,
      spot,
      slots,
      { from: at('2026-12-07T22:30:00+01:00'), to: at('2026-12-08T01:00:00+01:00') },
      ZONE,
    )
    expect(tariff.elements.map((e) => e.restrictions ?? null)).toEqual([
      { start_date: '2026-12-07', end_date: '2026-12-08', start_time: '23:00', end_time: '00:00' },
      null,
      null,
    ])
  })
})

describe('spotPriced, for any quarter prices and session', () => {
  const Q = 900_000
  /** A session of whole quarters from a December quarter, its Wh per quarter, and which slots exist. */
  const sessions = fc.record({
    startQuarter: fc.integer({ min: 0, max: 31 * 96 }),
    quarters: fc.array(
      fc.record({
        wh: fc.integer({ min: 0, max: 5000 }),
        price: fc.option(fc.integer({ min: -500, max: 5000 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 40 },
    ),
  })
  const spot = { markupPerKwh: '0.25', fallbackPerKwh: '3.00', vat: 25, step_size: 1 }

  test('each quarter costs its Wh at its slot + markup (at least 0), a missing slot at the fallback; the cost so far never exceeds the final cost', () => {
    fc.assert(
      fc.property(sessions, ({ startQuarter, quarters }) => {
        const start = at('2026-12-01T00:00:00+01:00') + startQuarter * Q
        const slots: SpotSlot[] = []
        let wh = 0
        const readings = quarters.map((q, i) => {
          if (q.price !== undefined)
            slots.push({
              from: start + i * Q,
              to: start + (i + 1) * Q,
              pricePerKwh: dec(q.price).div(1000).toString(),
            })
          wh += q.wh
          return { at: start + (i + 1) * Q, wh }
        })
        const s: MeteredSession = { start, end: start + quarters.length * Q, readings, parked: [] }
        const expected = sum(
          quarters.map((q) =>
            dec(q.wh)
              .div(1000)
              .times(q.price === undefined ? '3' : Decimal.max(0, dec(q.price).div(1000).plus('0.25'))),
          ),
        ).plus(5)
        const final = priceSession(spotPriced(base, spot, slots, { from: s.start, to: s.end }, ZONE), s, {
          timeZone: ZONE,
        })
        expect(final.exact.exclVat.toString()).toBe(expected.toString())
        const last = readings[readings.length - 2]
        if (!last) return
        const soFar: MeteredSession = { ...s, end: last.at, readings: readings.slice(0, -1) }
        const running = priceSession(
          spotPriced(base, spot, slots, { from: s.start, to: last.at }, ZONE),
          soFar,
          { timeZone: ZONE },
        )
        expect(running.exact.exclVat.lte(final.exact.exclVat)).toBe(true)
      }),
      { numRuns: 150 },
    )
  })
})

describe('spot slots on the night the clocks go back', () => {
  test('the quarter before the change ends at 03:00 on its own clock, not at the 02:00 its end reads after', () => {
    const quarter = (iso: string): SpotSlot => ({ from: at(iso), to: at(iso) + 900_000, pricePerKwh: '1' })
    const tariff = spotPriced(
      base,
      { markupPerKwh: '0', fallbackPerKwh: '2.00', step_size: 1 },
      [quarter('2026-10-25T02:45:00+02:00'), quarter('2026-10-25T03:00:00+01:00')],
      { from: at('2026-10-25T02:45:00+02:00'), to: at('2026-10-25T03:15:00+01:00') },
      ZONE,
    )
    expect(
      tariff.elements.slice(0, 2).map((e) => [e.restrictions?.start_time, e.restrictions?.end_time]),
    ).toEqual([
      ['02:45', '03:00'],
      ['03:00', '03:15'],
    ])
  })
})

describe('spot price below zero', () => {
  test('a negative slot lowers the price by its amount, and never below 0 (markup 0.50 on -0.2 and -0.9)', () => {
    const spot = { markupPerKwh: '0.50', fallbackPerKwh: '2.00', vat: 25, step_size: 1 }
    const slots = [hour('2026-06-14T13:00:00+02:00', '-0.2000'), hour('2026-06-14T14:00:00+02:00', '-0.9000')]
    const tariff = spotPriced(
      base,
      spot,
      slots,
      { from: at('2026-06-14T13:00:00+02:00'), to: at('2026-06-14T15:00:00+02:00') },
      ZONE,
    )
    expect(tariff.elements.slice(0, 2).map((e) => e.price_components[0]?.price)).toEqual(['0.3', '0'])
  })
})

describe('idle fee', () => {
  const tariff: Tariff = {
    ...base,
    elements: [{ price_components: [{ type: 'ENERGY', price: '2.00', vat: 25, step_size: 1 }] }],
    idle_fee: { price: '60.00', vat: 25, grace_minutes: 30, step_size: 60, max_excl_vat: '100.00' },
  }

  test('the first 30 minutes parked are free; the next 15 cost 15 minutes at 60 kr/h', () => {
    const p = priceSession(
      tariff,
      session('2026-12-07T10:00:00+01:00', [{ minutes: 60, kwh: 10 }, { parkMinutes: 45 }]),
      {
        timeZone: ZONE,
      },
    )
    const idle = p.lines.find((l) => l.element === null)
    expect([idle?.billed.toString(), idle?.exclVat.toString(), idle?.why]).toEqual([
      '900',
      '15',
      'idle fee after 30 min parked, at most 100.00',
    ])
    expect(p.exact.exclVat.toString()).toBe('35')
  })

  test('within the grace there is no idle line; a long stay is capped at 100 kr', () => {
    const within = priceSession(
      tariff,
      session('2026-12-07T10:00:00+01:00', [{ minutes: 60, kwh: 10 }, { parkMinutes: 29 }]),
      {
        timeZone: ZONE,
      },
    )
    expect(within.lines.some((l) => l.element === null)).toBe(false)
    const night = priceSession(
      tariff,
      session('2026-12-07T18:00:00+01:00', [{ minutes: 60, kwh: 10 }, { parkMinutes: 600 }]),
      {
        timeZone: ZONE,
      },
    )
    expect(night.lines.find((l) => l.element === null)?.exclVat.toString()).toBe('100')
  })

  test('each parked spell has its own grace: two 20-minute pauses cost nothing', () => {
    const p = priceSession(
      tariff,
      session('2026-12-07T10:00:00+01:00', [
        { minutes: 30, kwh: 5 },
        { parkMinutes: 20 },
        { minutes: 30, kwh: 5 },
        { parkMinutes: 20 },
      ]),
      { timeZone: ZONE },
    )
    expect(p.lines.some((l) => l.element === null)).toBe(false)
  })
})
