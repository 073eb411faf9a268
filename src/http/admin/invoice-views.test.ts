import { describe, expect, test } from 'bun:test'
import { minorText, totalsText } from './invoice-views'

describe('totals from integer öre: exact, never rounded', () => {
  test.each([
    [0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [6300, '63.00'],
    [-6300, '-63.00'],
    [123_456_789, '1234567.89'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('%p öre is %p', (minor, text) => {
    expect(minorText(minor)).toBe(text)
  })

  test('one total per currency, each with its code', () => {
    expect(
      totalsText([
        { currency: 'EUR', minor: 1999 },
        { currency: 'SEK', minor: 300_000 },
      ]),
    ).toEqual(['19.99 EUR', '3000.00 SEK'])
  })
})
