import { describe, expect, test } from 'bun:test'
import type { Tariff } from './tariff'
import { weekEnergyPrices } from './week-prices'

const ZONE = 'Europe/Stockholm'
const tariff = (elements: Tariff['elements']): Tariff => ({
  country_code: 'SE',
  party_id: 'CSM',
  id: 't',
  currency: 'SEK',
  last_updated: '2026-12-01T00:00:00Z',
  elements,
})
const day = (d: number, hhmm: string) =>
  Date.parse(`2026-12-${String(7 + d).padStart(2, '0')}T${hhmm}:00+01:00`)
const WEEK = [day(0, '00:00'), day(7, '00:00')] as const

describe('the week chart of a tariff', () => {
  const timeOfDay = tariff([
    {
      price_components: [{ type: 'ENERGY', price: '2.00', vat: 25, step_size: 1 }],
      restrictions: {
        start_time: '06:00',
        end_time: '22:00',
        day_of_week: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
      },
    },
    { price_components: [{ type: 'ENERGY', price: '1.20', vat: 25, step_size: 1 }] },
  ])

  test('weekdays 06:00–22:00 at the day price, nights and the weekend at the other, incl. VAT exact', () => {
    const steps = weekEnergyPrices(timeOfDay, ...WEEK, ZONE)
    const view = steps.map((s) => [new Date(s.from).toISOString(), s.element, s.inclVat?.toString()])
    expect(view.slice(0, 3)).toEqual([
      ['2026-12-06T23:00:00.000Z', 1, '1.5'],
      ['2026-12-07T05:00:00.000Z', 0, '2.5'],
      ['2026-12-07T21:00:00.000Z', 1, '1.5'],
    ])
    // five weekday days, each a day price between two night prices; the weekend is one stretch
    expect(steps.length).toBe(11)
    expect(steps.at(-1)).toMatchObject({ from: day(4, '22:00'), to: WEEK[1], element: 1 })
  })

  test('an element restricted by the session is passed over; no energy price is a gap', () => {
    const steps = weekEnergyPrices(
      tariff([
        {
          price_components: [{ type: 'ENERGY', price: '9', step_size: 1 }],
          restrictions: { max_power: '11' },
        },
        {
          price_components: [{ type: 'ENERGY', price: '3', step_size: 1 }],
          restrictions: { start_time: '18:00', end_time: '20:00' },
        },
        { price_components: [{ type: 'FLAT', price: '5', step_size: 0 }] },
      ]),
      ...WEEK,
      ZONE,
    )
    expect(steps.slice(0, 3).map((s) => [s.element, s.exclVat?.toString() ?? null, s.inclVat])).toEqual([
      [null, null, null],
      [1, '3', null],
      [null, null, null],
    ])
    expect(steps[1]).toMatchObject({ from: day(0, '18:00'), to: day(0, '20:00') })
  })

  test('a week across the autumn clock change has its 169 hours, the night price kept', () => {
    const from = Date.parse('2026-10-19T00:00:00+02:00')
    const to = Date.parse('2026-10-26T00:00:00+01:00')
    const steps = weekEnergyPrices(timeOfDay, from, to, ZONE)
    expect((to - from) / 3_600_000).toBe(169)
    expect(steps.at(-1)).toMatchObject({ from: Date.parse('2026-10-23T22:00:00+02:00'), to, element: 1 })
  })
})
