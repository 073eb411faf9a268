import { describe, expect, test } from 'bun:test'
import type { Tariff } from '@src/domain/tariffs/tariff'
import { shownPrice, tariffWords } from './tariff-words'

const tariff: Tariff = {
  country_code: 'SE',
  party_id: 'CSM',
  id: 'residents',
  currency: 'SEK',
  last_updated: '2026-01-01T00:00:00Z',
  tariff_alt_text: [
    { language: 'en', text: 'Cheaper at night' },
    { language: 'sv', text: 'Billigare på natten' },
  ],
  elements: [
    {
      price_components: [{ type: 'ENERGY', price: '3.00', vat: 25, step_size: 1 }],
      restrictions: {
        day_of_week: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
        start_time: '07:00',
        end_time: '22:00',
      },
    },
    { price_components: [{ type: 'ENERGY', price: '2.00', vat: 25, step_size: 1 }] },
    { price_components: [{ type: 'FLAT', price: 4, step_size: 0 }] },
  ],
  idle_fee: { price: '60', vat: 25, grace_minutes: 30, step_size: 60, max_excl_vat: '200' },
  max_price: { excl_vat: '400', incl_vat: '500' },
}

describe('a tariff in words, before charging', () => {
  test('English: the alt text and one line per element, prices incl. VAT', () => {
    expect(tariffWords(tariff, 'en')).toEqual({
      text: 'Cheaper at night',
      lines: [
        'Mon–Fri 07:00–22:00: 3.75 SEK per kWh',
        '2.50 SEK per kWh',
        '4.00 SEK per session',
        'idle fee 75.00 SEK per hour after 30 min without charging, at most 250.00 SEK',
        'at most 500.00 SEK per session',
        'prices incl. VAT',
      ],
    })
  })

  test('Swedish: the Swedish alt text and Swedish words', () => {
    const w = tariffWords(tariff, 'sv')
    expect(w.text).toBe('Billigare på natten')
    expect(w.lines[0]).toBe('mån–fre 07:00–22:00: 3.75 SEK per kWh')
    expect(w.lines[2]).toBe('4.00 SEK per laddning')
  })

  test('without a text in the language: English, and none at all gives null', () => {
    const en = { ...tariff, tariff_alt_text: [{ language: 'en', text: 'Flat' }] }
    expect(tariffWords(en, 'sv').text).toBe('Flat')
    expect(tariffWords({ ...tariff, tariff_alt_text: undefined }, 'en').text).toBeNull()
  })

  test.each([
    ['2.40', 25, '3.00 SEK'],
    ['0.004', 25, '0.01 SEK'],
    ['1.996', undefined, '2.00 SEK'],
    ['0.1', '12', '0.11 SEK'],
  ] as const)('%s excl. %s %% VAT is shown as %s (half-up, display only)', (price, vat, shown) => {
    expect(shownPrice(price, vat, 'SEK')).toBe(shown)
  })

  test('days that are not a run are listed', () => {
    const t: Tariff = {
      ...tariff,
      elements: [
        {
          price_components: tariff.elements[1]!.price_components,
          restrictions: { day_of_week: ['SATURDAY', 'MONDAY'] },
        },
      ],
    }
    expect(tariffWords(t, 'en').lines[0]).toBe('Mon, Sat: 2.50 SEK per kWh')
  })
})
