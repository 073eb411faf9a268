import { describe, expect, test } from 'bun:test'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import fc from 'fast-check'
import { isDateTime } from './v201/generated/runtime'
import { formatWireTime, parseWireTime } from './wire-time'

/** The official schemas' own check of `format: date-time`, as the conformance tests run it. */
const ajv = addFormats(new Ajv())
const officialDateTime = ajv.compile({ type: 'string', format: 'date-time' })
const accepted = (s: string) => officialDateTime(s) === true

const utc = (y: number, mo: number, d: number, h: number, mi: number, s = 0, ms = 0) =>
  Date.UTC(y, mo - 1, d, h, mi, s, ms)

describe('wire times: every form the official schemas accept', () => {
  const table: [string, number][] = [
    ['2026-03-01T12:00:00Z', utc(2026, 3, 1, 12, 0)],
    ['2026-03-01T12:00:00.5Z', utc(2026, 3, 1, 12, 0, 0, 500)],
    ['2026-03-01T12:00:00.123456789Z', utc(2026, 3, 1, 12, 0, 0, 123)],
    ['2026-03-01t12:00:00z', utc(2026, 3, 1, 12, 0)],
    ['2026-03-01 12:00:00Z', utc(2026, 3, 1, 12, 0)],
    ['2026-03-01T12:00:00+01', utc(2026, 3, 1, 11, 0)],
    ['2026-03-01T12:00:00+0130', utc(2026, 3, 1, 10, 30)],
    ['2026-03-01T12:00:00+01:30', utc(2026, 3, 1, 10, 30)],
    ['2026-03-01T00:30:00-05:00', utc(2026, 3, 1, 5, 30)],
    ['2026-03-01T12:00:00+00:00', utc(2026, 3, 1, 12, 0)],
    ['2024-02-29T00:00:00Z', utc(2024, 2, 29, 0, 0)],
    ['2016-12-31T23:59:60Z', utc(2016, 12, 31, 23, 59, 59, 999)],
    ['2016-12-31T23:59:60.5Z', utc(2016, 12, 31, 23, 59, 59, 999)],
    ['2017-01-01T00:59:60+01:00', utc(2016, 12, 31, 23, 59, 59, 999)],
    ['9999-12-31T23:59:59Z', utc(9999, 12, 31, 23, 59, 59)],
    ['1970-01-01T00:00:00Z', 0],
    ['0000-01-01T00:00:00Z', -62_167_219_200_000],
    ['0099-06-30T12:00:00Z', -59_027_400_000_000],
  ]
  for (const [text, ms] of table) {
    test(`${text} → ${new Date(ms).toISOString()}`, () => {
      expect(accepted(text)).toBe(true)
      expect(isDateTime(text)).toBe(true)
      expect(parseWireTime(text)).toBe(ms)
    })
  }

  const refused = [
    '2026-03-01T12:00:00',
    '2026-03-01',
    '2026-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-03-01T24:00:00Z',
    '2026-03-01T12:60:00Z',
    '2026-03-01T12:00:61Z',
    '2026-03-01T12:59:60Z',
    '2026-03-01T12:00:00+24:00',
    '2026-03-01T12:00:00+01:60',
    '2026-03-01T12:00:00.Z',
    ' 2026-03-01T12:00:00Z',
    '2026-03-01T12:00:00ZZ',
  ]
  for (const text of refused) {
    test(`${JSON.stringify(text)} is not a time, for the schemas nor for us`, () => {
      expect(accepted(text)).toBe(false)
      expect(isDateTime(text)).toBe(false)
      expect(parseWireTime(text)).toBeUndefined()
    })
  }
})

describe('wire times: properties', () => {
  const parts = fc.record({
    ms: fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2200, 0, 1) }),
    offsetMin: fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
    fraction: fc.stringMatching(/^\d{0,12}$/),
    style: fc.constantFrom('colon', 'plain', 'hours'),
    lower: fc.boolean(),
    space: fc.boolean(),
  })

  test('any valid time, written with any offset, fraction and case, reads back to the same instant', () => {
    fc.assert(
      fc.property(parts, ({ ms, offsetMin, fraction, style, lower, space }) => {
        const offset = style === 'hours' ? Math.trunc(offsetMin / 60) * 60 : offsetMin
        const local = new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19)
        const sign = offset < 0 ? '-' : '+'
        const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')
        const mm = String(Math.abs(offset) % 60).padStart(2, '0')
        const zone =
          style === 'colon' ? `${sign}${hh}:${mm}` : style === 'plain' ? `${sign}${hh}${mm}` : `${sign}${hh}`
        let text = `${local}${fraction ? `.${fraction}` : ''}${zone}`
        if (space) text = text.replace('T', ' ')
        if (lower) text = text.toLowerCase()
        const expected =
          Math.floor(ms / 1000) * 1000 + (fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0)
        expect(accepted(text)).toBe(true)
        expect(parseWireTime(text)).toBe(expected)
      }),
    )
  })

  test('what we write, we read', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) }), (ms) => {
        expect(accepted(formatWireTime(ms))).toBe(true)
        expect(parseWireTime(formatWireTime(ms))).toBe(ms)
      }),
    )
  })

  test('the schemas and the parser agree on arbitrary strings shaped like times', () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`))
    const shaped = fc
      .tuple(
        digits(4),
        digits(2),
        digits(2),
        fc.constantFrom('T', 't', ' ', 'x'),
        digits(2),
        digits(2),
        digits(2),
      )
      .chain(([y, mo, d, sep, h, mi, s]) =>
        fc
          .constantFrom('Z', 'z', '', '+01', '-0130', '+25:00', '+01:61', '.1Z', '.Z')
          .map((zone) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${zone}`),
      )
    fc.assert(
      fc.property(shaped, (text) => {
        expect(parseWireTime(text) !== undefined).toBe(accepted(text))
      }),
      { numRuns: 2000 },
    )
  })
})
