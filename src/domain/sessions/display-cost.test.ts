import { describe, expect, test } from 'bun:test'
import { costDisplay16, finalCost, runningCost, setUserPrice, tariffPrices } from './california-pricing'
import { displayCost } from './display-cost'
import { throttleDelay } from './throttle'

describe('displayCost: exact decimal text rounded half-up before it becomes a JSON number', () => {
  const cases: [string, number | undefined, number][] = [
    ['12.345', undefined, 12.35],
    ['12.344999', undefined, 12.34],
    ['0.005', undefined, 0.01],
    ['7.5', 0, 8],
    ['1.23456', 3, 1.235],
    ['9.25', 2, 9.25],
    ['0', 2, 0],
  ]
  for (const [text, decimals, number] of cases)
    test(`${text} at ${decimals ?? 2} decimals is ${number}`, () =>
      expect(displayCost(text, decimals)).toBe(number))
})

test('throttleDelay: now when never sent or the interval passed, else the rest of it', () => {
  expect(throttleDelay(undefined, 100, 5000)).toBe(0)
  expect(throttleDelay(1000, 3000, 5000)).toBe(3000)
  expect(throttleDelay(1000, 6000, 5000)).toBe(0)
  expect(throttleDelay(1000, 9000, 5000)).toBe(0)
})

describe('California Pricing (OCPP 1.6 costmsg)', () => {
  test('the configuration keys: enabled only when CustomDisplayCostAndPrice is true', () => {
    const keys = (o: Record<string, string>) => new Map(Object.entries(o))
    expect(costDisplay16(keys({}))).toEqual({
      enabled: false,
      decimals: undefined,
      languages: [],
      defaultPriceText: undefined,
    })
    expect(
      costDisplay16(
        keys({
          CustomDisplayCostAndPrice: 'TRUE',
          NumberOfDecimalsForCostValues: '3',
          SupportedLanguages: 'sv-SE, en',
          DefaultPrice: '{"priceText":"2 SEK/kWh"}',
        }),
      ),
    ).toEqual({ enabled: true, decimals: 3, languages: ['sv-se', 'en'], defaultPriceText: '2 SEK/kWh' })
    expect(costDisplay16(keys({ DefaultPrice: 'not json' })).defaultPriceText).toBeUndefined()
  })

  test('the messages carry the whitepaper fields, costs rounded to the charger decimals', () => {
    const tariff = {
      country_code: 'SE',
      party_id: 'CSM',
      id: 'home',
      currency: 'SEK',
      last_updated: '2026-01-01T00:00:00Z',
      elements: [
        {
          price_components: [
            { type: 'ENERGY' as const, price: '2.40', vat: 25, step_size: 1 },
            { type: 'FLAT' as const, price: '5', vat: 25, step_size: 0 },
          ],
        },
      ],
      idle_fee: { price: '60', vat: 25, grace_minutes: 15, step_size: 60 },
    }
    const prices = tariffPrices(tariff, 2)
    expect(prices).toEqual({
      chargingPrice: { kWhPrice: 3, flatFee: 6.25 },
      idlePrice: { graceMinutes: 15, hourPrice: 75 },
    })
    expect(JSON.parse(setUserPrice('CARD', '3.00 SEK per kWh'))).toEqual({
      idToken: 'CARD',
      priceText: '3.00 SEK per kWh',
    })
    const at = Date.UTC(2026, 0, 1, 12)
    expect(
      JSON.parse(
        runningCost({
          transactionId: 7,
          at,
          meterWh: 1234.6,
          cost: '9.2549',
          charging: false,
          prices,
          decimals: 3,
        }),
      ),
    ).toEqual({
      transactionId: 7,
      timestamp: '2026-01-01T12:00:00.000Z',
      meterValue: 1235,
      cost: 9.255,
      state: 'Idle',
      chargingPrice: { kWhPrice: 3, flatFee: 6.25 },
      idlePrice: { graceMinutes: 15, hourPrice: 75 },
    })
    expect(
      JSON.parse(
        finalCost({ transactionId: 7, cost: '13.249', decimals: 2, priceText: 't', qrCodeText: 'u' }),
      ),
    ).toEqual({
      transactionId: 7,
      cost: 13.25,
      priceText: 't',
      qrCodeText: 'u',
    })
  })
})
