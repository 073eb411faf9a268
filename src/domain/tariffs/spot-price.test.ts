import { describe, expect, test } from 'bun:test'
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
