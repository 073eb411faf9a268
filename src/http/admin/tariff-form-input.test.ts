import { describe, expect, test } from 'bun:test'
import type { Tariff } from '@src/domain/tariffs/tariff'
import { applyRowOp, formRows, parseTariffForm, tariffFormValues } from './tariff-form-input'

const BODY: Tariff = {
  country_code: 'SE',
  party_id: 'CSM',
  id: 'trf-1',
  currency: 'SEK',
  type: 'REGULAR',
  last_updated: '2026-12-01T00:00:00Z',
  tariff_alt_text: [
    { language: 'sv', text: 'Kvällspris' },
    { language: 'en', text: 'Evening price' },
    { language: 'fi', text: 'Iltahinta' },
  ],
  min_price: { excl_vat: '5.00' },
  elements: [
    {
      price_components: [
        { type: 'ENERGY', price: '2.00', vat: '25', step_size: 1 },
        { type: 'PARKING_TIME', price: '12.50', vat: '25', step_size: 300 },
      ],
      restrictions: {
        start_time: '18:00',
        end_time: '06:00',
        day_of_week: ['SATURDAY', 'SUNDAY'],
        max_power: '22',
        min_duration: 5400,
      },
    },
    { price_components: [{ type: 'ENERGY', price: '1.5', vat: '25', step_size: 1 }] },
    {
      price_components: [{ type: 'FLAT', price: '10', vat: '6', step_size: 0 }],
      restrictions: { reservation: 'RESERVATION' },
    },
  ],
  idle_fee: { price: '30', vat: '25', grace_minutes: 15, step_size: 60, max_excl_vat: '200' },
}
const ROUNDING = { scale: 2, mode: 'halfEven', level: 'component' } as const

describe('the tariff form', () => {
  test('a version read into the form and saved again is the same tariff (durations in minutes on the form)', () => {
    const values = tariffFormValues('Evenings', BODY, ROUNDING)
    expect(values.e0minDuration).toBe('90')
    expect(values.e0day5).toBe('on')
    expect([values.e0c0vat, values.e2c0vat, values.e2reservation]).toEqual([undefined, '6', 'RESERVATION'])
    const out = parseTariffForm(values, BODY)
    if (!out.ok) throw new Error(JSON.stringify(out.errors))
    const { country_code, party_id, id, last_updated, ...rest } = BODY
    expect(out.input.tariff).toEqual(rest)
    expect(out.input.rounding).toEqual(ROUNDING)
    expect(out.input.name).toBe('Evenings')
  })

  test("each of the API schema's messages comes back beside its field", () => {
    const values = {
      ...tariffFormValues('Evenings', BODY, ROUNDING),
      name: ' ',
      vat: '250',
      e0c1type: 'KWH',
      e0maxPower: '-1',
      e0startDate: '2026-13-01',
      e1c0step: '1.5',
      e2c0vat: '600',
      e2reservation: 'ALWAYS',
      minPrice: 'free',
      altEn: 'x'.repeat(513),
      mode: 'up',
    }
    const out = parseTariffForm(values, BODY)
    expect(out.ok).toBe(false)
    if (out.ok) return
    expect(Object.keys(out.errors).sort()).toEqual(
      [
        'altEn',
        'e0c1type',
        'e0maxPower',
        'e0startDate',
        'e1c0step',
        'e2c0vat',
        'e2reservation',
        'minPrice',
        'mode',
        'name',
        'vat',
      ].sort(),
    )
    expect(out.errors.vat).toBe('a VAT percentage from 0 to 100, like 25')
    expect(out.errors.e1c0step).toBe('Enter a whole number.')
  })

  test('removing an element moves the later ones up with what was typed in them', () => {
    const values = tariffFormValues('Evenings', BODY, ROUNDING)
    const three = applyRowOp(values, 'add-element')
    expect(formRows(three)).toEqual([2, 1, 1, 1])
    const two = applyRowOp({ ...three, e3c0price: '0.99' }, 'remove-element:0')
    expect(formRows(two)).toEqual([1, 1, 1])
    expect([two.e0c0price, two.e1c0vat, two.e2c0price, two.e0from, two.e3c0price]).toEqual([
      '1.5',
      '6',
      '0.99',
      '',
      undefined,
    ])
  })

  test('a component is added and removed within its element; the last row of a kind stays', () => {
    const values = tariffFormValues('Evenings', BODY, ROUNDING)
    const one = applyRowOp(values, 'remove-component:0:0')
    expect(formRows(one)).toEqual([1, 1, 1])
    expect([one.e0c0type, one.e0c0price, one.e0c0step]).toEqual(['PARKING_TIME', '12.50', '300'])
    expect(applyRowOp(one, 'remove-component:0:0')).toEqual(one)
    expect(formRows(applyRowOp(one, 'add-component:1'))).toEqual([1, 2, 1])
    const last = applyRowOp(applyRowOp(one, 'remove-element:2'), 'remove-element:1')
    expect(applyRowOp(last, 'remove-element:0')).toEqual(last)
    expect(applyRowOp(one, 'add-component:9')).toEqual(one)
  })
})

describe('a tariff that follows a spot price, in the editor', () => {
  const SPOT: Tariff = {
    country_code: 'SE',
    party_id: 'CSM',
    id: 'trf-spot',
    currency: 'SEK',
    last_updated: '2026-12-01T00:00:00Z',
    elements: [{ price_components: [{ type: 'FLAT', price: '5', vat: '25', step_size: 0 }] }],
    spot: { series_id: 'ps_se3', markup_per_kwh: '0.45', fallback_per_kwh: '2.50', vat: '25', step_size: 1 },
  }

  test('its series, markup and fallback are shown and read back as the same spot extension', () => {
    const values = tariffFormValues('Visitors spot', SPOT, { scale: 2, mode: 'halfUp', level: 'total' })
    expect([values.spot, values.spotMarkup, values.spotFallback]).toEqual(['ps_se3', '0.45', '2.50'])
    const form = parseTariffForm(values, SPOT)
    expect(form.ok && form.input.tariff.spot).toEqual(SPOT.spot as NonNullable<Tariff['spot']>)
  })

  test('a missing markup is named beside its field; an ENERGY element beside the series', () => {
    const values = tariffFormValues('Visitors spot', SPOT, { scale: 2, mode: 'halfUp', level: 'total' })
    const noMarkup = parseTariffForm({ ...values, spotMarkup: '' })
    expect(!noMarkup.ok && noMarkup.errors.spotMarkup).toBe(
      'a non-negative amount with at most 4 decimals, like 2.50',
    )
    const energy = parseTariffForm({ ...values, e0c0type: 'ENERGY' })
    expect(!energy.ok && energy.errors.spot).toContain('leave ENERGY out of its elements')
  })
})
