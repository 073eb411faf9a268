import { describe, expect, test } from 'bun:test'
import type { z } from 'zod'
import {
  apartmentField,
  costCentreCodeField,
  emailField,
  languageField,
  nameField,
  parkingSpaceField,
  phoneField,
  tokenTypeField,
  tokenUidField,
} from './fields'

const cases: [string, z.ZodType, string, unknown][] = [
  ['name trimmed', nameField, '  Åsa Berg ', 'Åsa Berg'],
  ['empty name', nameField, '  ', undefined],
  ['email lower-cased', emailField, ' Asa@Example.SE ', 'asa@example.se'],
  ['bad email', emailField, 'asa@', undefined],
  ['phone with spaces', phoneField, '+46 70-123 45 67', '+46701234567'],
  ['phone without country code', phoneField, '0701234567', undefined],
  ['language sv', languageField, 'sv', 'sv'],
  ['language en-GB', languageField, 'en-GB', 'en-GB'],
  ['language nonsense', languageField, 'swedish!', undefined],
  ['apartment 1101', apartmentField, '1101', '1101'],
  ['apartment too long', apartmentField, '1'.repeat(17), undefined],
  ['parking space P-12', parkingSpaceField, 'P-12', 'P-12'],
  ['cost centre upper-cased', costCentreCodeField, 'sales-01', 'SALES-01'],
  ['cost centre with space', costCentreCodeField, 'a b', undefined],
  ['token uid', tokenUidField, '04A2B3C4', '04A2B3C4'],
  ['token uid with space', tokenUidField, '04 A2', undefined],
  ['token uid too long', tokenUidField, 'A'.repeat(37), undefined],
  ['token type defaults to RFID', tokenTypeField, '', 'RFID'],
  ['unknown token type', tokenTypeField, 'Barcode', undefined],
]

describe('people fields', () => {
  for (const [name, field, input, expected] of cases) {
    test(`${name}: ${expected === undefined ? 'refused' : 'accepted'}`, () => {
      const result = field.safeParse(input)
      if (expected === undefined) expect(result.success).toBe(false)
      else expect(result).toEqual({ success: true, data: expected })
    })
  }
})
