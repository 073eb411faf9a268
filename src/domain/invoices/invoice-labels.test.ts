import { expect, test } from 'bun:test'
import { formatDecimal, INVOICE_LABELS } from './invoice-labels'

test('both languages have every label, none empty, and the legal sentences word for word', () => {
  const sv = INVOICE_LABELS.sv
  const en = INVOICE_LABELS.en
  expect(Object.keys(sv).sort()).toEqual(Object.keys(en).sort())
  for (const value of [...Object.values(sv), ...Object.values(en)]) expect(value.trim()).not.toBe('')
  expect([sv.invoice, sv.credit, en.invoice, en.credit]).toEqual([
    'Faktura',
    'Kreditfaktura',
    'Invoice',
    'Credit note',
  ])
  expect(sv.reverseCharge).toBe('Omvänd betalningsskyldighet')
  expect(en.reverseCharge).toBe(
    'Reverse charge: VAT to be accounted for by the recipient, art. 196 Directive 2006/112/EC',
  )
})

test('formatDecimal writes the text digits in the language, grouping thousands, never rounding', () => {
  const cases: [string, 'sv' | 'en', string][] = [
    ['0.00', 'sv', '0,00'],
    ['12.37', 'sv', '12,37'],
    ['1234.50', 'sv', '1 234,50'],
    ['-1234567.05', 'sv', '-1 234 567,05'],
    ['1234.50', 'en', '1,234.50'],
    ['-999.99', 'en', '-999.99'],
    ['12.125', 'sv', '12,125'],
    ['25', 'en', '25'],
  ]
  for (const [value, language, text] of cases)
    expect([value, language, formatDecimal(value, language)]).toEqual([value, language, text])
})
