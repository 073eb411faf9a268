import { describe, expect, test } from 'bun:test'
import { dec } from '@src/domain/tariffs/decimal'
import { addDays, localDate, monthlyPeriod, previousMonth, zonedIso } from './billing-period'
import { cdrVatRate } from './cdr-vat'
import { payerOf } from './payer'
import { isOcrReference, luhnCheckDigit, ocrReference } from './payment-reference'
import { oresavrundning } from './rounding'
import { isReverseCharge } from './vat-rules'

const ZONE = 'Europe/Stockholm'

describe('who pays a CDR', () => {
  const driver = { id: 'd1', householdId: null, businessAccountId: null, costCentre: null }
  test.each([
    [
      'a card of a business account',
      { driverId: null, householdId: null, businessAccountId: 'b1' },
      undefined,
      { kind: 'businessAccount', id: 'b1', costCentre: null },
    ],
    [
      'a driver employed by a business account, with the cost centre',
      { driverId: 'd1', householdId: null, businessAccountId: null },
      { ...driver, householdId: 'h1', businessAccountId: 'b2', costCentre: 'CC-7' },
      { kind: 'businessAccount', id: 'b2', costCentre: 'CC-7' },
    ],
    [
      'a household card',
      { driverId: null, householdId: 'h1', businessAccountId: null },
      undefined,
      { kind: 'household', id: 'h1', costCentre: null },
    ],
    [
      "a driver's household",
      { driverId: 'd1', householdId: null, businessAccountId: null },
      { ...driver, householdId: 'h2' },
      { kind: 'household', id: 'h2', costCentre: null },
    ],
    [
      'a driver alone',
      { driverId: 'd1', householdId: null, businessAccountId: null },
      driver,
      { kind: 'driver', id: 'd1', costCentre: null },
    ],
    ['a card with no owner', { driverId: null, householdId: null, businessAccountId: null }, undefined, null],
  ] as const)('%s', (_, token, d, payer) => {
    expect(payerOf(token, d)).toEqual(payer)
  })

  test('an unknown token has no payer', () => {
    expect(payerOf(undefined, undefined)).toBeNull()
  })
})

describe('billing period in the seller zone', () => {
  test('a month from local midnight to local midnight', () => {
    const p = monthlyPeriod('2026-11', ZONE)
    expect([p.start, p.end]).toEqual(['2026-11-01', '2026-11-30'])
    expect(new Date(p.fromMs).toISOString()).toBe('2026-10-31T23:00:00.000Z')
    expect(new Date(p.untilMs).toISOString()).toBe('2026-11-30T23:00:00.000Z')
  })

  test('October has the autumn clock change: 745 hours; February 2028 has 29 days', () => {
    const oct = monthlyPeriod('2026-10', ZONE)
    expect((oct.untilMs - oct.fromMs) / 3_600_000).toBe(745)
    expect(monthlyPeriod('2028-02', ZONE).end).toBe('2028-02-29')
    expect(monthlyPeriod('2026-12', ZONE).end).toBe('2026-12-31')
  })

  test('a bad month is refused', () => {
    expect(() => monthlyPeriod('2026-13', ZONE)).toThrow(RangeError)
    expect(() => monthlyPeriod('26-01', ZONE)).toThrow(RangeError)
  })

  test('dates, due dates and offsets', () => {
    const at = Date.parse('2026-12-31T23:30:00Z')
    expect(localDate(at, ZONE)).toBe('2027-01-01')
    expect(previousMonth(at, ZONE)).toBe('2026-12')
    expect(previousMonth(Date.parse('2026-03-15T12:00:00Z'), ZONE)).toBe('2026-02')
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19')
    expect(zonedIso(Date.parse('2026-07-01T16:00:05Z'), ZONE)).toBe('2026-07-01T18:00:05+02:00')
    expect(zonedIso(Date.parse('2026-11-03T17:00:00Z'), ZONE)).toBe('2026-11-03T18:00:00+01:00')
  })
})

describe('reverse charge: a business with a VAT number in another EU country than the seller', () => {
  test.each([
    ['German business with VAT number', 'SE', 'businessAccount', 'DE123456789', 'DE', true],
    ['German business without VAT number', 'SE', 'businessAccount', null, 'DE', false],
    ['Swedish business', 'SE', 'businessAccount', 'SE556677889901', 'SE', false],
    ['Norwegian business (outside the EU)', 'SE', 'businessAccount', 'NO999888777MVA', 'NO', false],
    ['a private driver in Finland', 'SE', 'driver', null, 'FI', false],
    ['a household in Denmark with a number', 'SE', 'household', 'DK12345678', 'DK', false],
    ['seller outside the EU', 'NO', 'businessAccount', 'SE556677889901', 'SE', false],
  ] as const)('%s', (_, seller, kind, vatNumber, country, expected) => {
    expect(isReverseCharge(seller, { kind, vatNumber, country })).toBe(expected)
  })
})

describe('öresavrundning: to whole kronor, 50 öre and up rounds up', () => {
  test.each([
    ['123.49', '-0.49'],
    ['123.50', '0.50'],
    ['123.51', '0.49'],
    ['123.00', '0.00'],
    ['0.01', '-0.01'],
    ['-123.50', '-0.50'],
    ['-123.49', '0.49'],
  ])('%s rounds by %s', (total, rounding) => {
    expect(oresavrundning(dec(total)).toFixed(2)).toBe(rounding)
  })
})

describe('OCR reference: length digit and Luhn check digit', () => {
  test.each([
    ['7992739871', 3],
    ['123456', 6],
    ['0', 0],
  ])('Luhn of %s is %d', (digits, check) => {
    expect(luhnCheckDigit(digits)).toBe(check)
  })

  test.each([
    [1, '133'],
    [42, '4242'],
    [123456, '12345682'],
  ])('sequence %d gives %s', (seq, ref) => {
    expect(ocrReference(seq)).toBe(ref)
    expect(isOcrReference(ref)).toBe(true)
  })

  test('a mistyped reference fails the check', () => {
    expect(isOcrReference('4252')).toBe(false)
    expect(isOcrReference('4342')).toBe(false)
    expect(() => ocrReference(0)).toThrow(RangeError)
  })
})

describe('the VAT rate of a CDR', () => {
  const body = (...vats: (number | undefined)[]) => ({
    tariffs: [{ elements: vats.map((vat) => ({ price_components: [vat === undefined ? {} : { vat }] })) }],
  })
  test('one rate named by every component', () => expect(cdrVatRate(body(25, 25))).toBe('25'))
  test('several rates: unknown', () => expect(cdrVatRate(body(25, 12))).toBeNull())
  test('a component without VAT: unknown', () => expect(cdrVatRate(body(25, undefined))).toBeNull())
  test('no tariff: unknown', () => expect(cdrVatRate({ tariffs: [] })).toBeNull())
})
