import { describe, expect, test } from 'bun:test'
import { perKwh } from './price-unit'

describe('perKwh', () => {
  const cases: [string, 'MWh' | 'kWh', string | undefined][] = [
    ['873.14', 'MWh', '0.87314'],
    ['1234,5', 'MWh', '1.2345'],
    ['0.1', 'MWh', '0.0001'],
    ['-12.07', 'MWh', '-0.01207'],
    ['0.8731', 'kWh', '0.8731'],
    ['  42 ', 'MWh', '0.042'],
    ['', 'MWh', undefined],
    ['1e3', 'MWh', undefined],
    ['12.3.4', 'kWh', undefined],
    ['abc', 'kWh', undefined],
  ]
  for (const [price, unit, expected] of cases) {
    test(`${JSON.stringify(price)} per ${unit} is ${expected ?? 'refused'} per kWh`, () => {
      expect(perKwh(price, unit)).toBe(expected)
    })
  }

  test('a price per MWh keeps every digit a float would lose', () => {
    expect(String(Number('1234.56789012345678') / 1000)).not.toBe('1.23456789012345678')
    expect(perKwh('1234.56789012345678', 'MWh')).toBe('1.23456789012345678')
  })
})
