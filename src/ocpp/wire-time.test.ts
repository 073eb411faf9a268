import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import type { OcppVersion } from './official-schemas'
import { official } from './oracle'
import { responseSchemas as zod16 } from './v16/generated/messages'
import { responseSchemas as zod201 } from './v201/generated/messages'
import { formatWireTime, parseWireTime } from './wire-time'

// The official schemas are the oracle for which strings are wire times: every one they accept must read
// as a finite, correct instant. Every `date-time` in 1.6 and 2.0.1 is a bare `{ type: string, format }`
// (checked below), so HeartbeatResponse's `currentTime` stands for all of them.

const versions = ['1.6', '2.0.1'] as const satisfies readonly OcppVersion[]
const zod = { '1.6': zod16.Heartbeat, '2.0.1': zod201.Heartbeat }
const utc = Date.UTC
const LEAP_2016 = utc(2016, 11, 31, 23, 59, 59, 999)

/** [wire text, what the official schemas say, what it reads as]. */
const table: readonly (readonly [string, boolean, number | undefined])[] = [
  ['2024-05-01T12:00:00Z', true, utc(2024, 4, 1, 12)],
  ['2024-05-01t12:00:00z', true, utc(2024, 4, 1, 12)],
  ['2024-05-01 12:00:00Z', true, utc(2024, 4, 1, 12)],
  ['2024-05-01\t12:00:00Z', true, utc(2024, 4, 1, 12)],
  ['2024-05-01\n12:00:00Z', true, utc(2024, 4, 1, 12)],
  ['2024-05-01\u00a012:00:00Z', true, utc(2024, 4, 1, 12)],
  ['2024-05-01T12:00:00+01', true, utc(2024, 4, 1, 11)],
  ['2024-05-01T12:00:00+0100', true, utc(2024, 4, 1, 11)],
  ['2024-05-01T12:00:00+01:00', true, utc(2024, 4, 1, 11)],
  ['2024-05-01T12:00:00-05:30', true, utc(2024, 4, 1, 17, 30)],
  ['2024-05-01T12:00:00-0530', true, utc(2024, 4, 1, 17, 30)],
  ['2024-05-01T12:00:00+0130', true, utc(2024, 4, 1, 10, 30)],
  ['2024-05-01T12:00:00-00:00', true, utc(2024, 4, 1, 12)],
  ['2024-05-01T12:00:00+23:59', true, utc(2024, 3, 30, 12, 1)],
  ['2024-05-01T00:30:00+01:00', true, utc(2024, 3, 30, 23, 30)],
  ['2024-05-01T23:30:00-01:00', true, utc(2024, 4, 2, 0, 30)],
  ['2024-05-01T12:00:00.5Z', true, utc(2024, 4, 1, 12, 0, 0, 500)],
  ['2024-05-01T12:00:00.12Z', true, utc(2024, 4, 1, 12, 0, 0, 120)],
  ['2024-05-01T12:00:00.123Z', true, utc(2024, 4, 1, 12, 0, 0, 123)],
  ['2024-05-01T12:00:00.1239Z', true, utc(2024, 4, 1, 12, 0, 0, 123)],
  ['2024-05-01T12:00:00.123456789+02:00', true, utc(2024, 4, 1, 10, 0, 0, 123)],
  [`2024-05-01T12:00:00.${'9'.repeat(40)}Z`, true, utc(2024, 4, 1, 12, 0, 0, 999)],
  // ajv-formats compares seconds as a float: 59.99999999999999999 rounds to 60 and is refused. RFC 3339
  // allows it; reading it costs nothing, and validation has already refused it.
  ['2024-05-01T12:00:59.99999999999999999Z', false, utc(2024, 4, 1, 12, 0, 59, 999)],
  ['2016-12-31T23:59:60Z', true, LEAP_2016],
  ['2016-12-31t23:59:60.999z', true, LEAP_2016],
  ['2016-12-31T23:59:60.5Z', true, LEAP_2016],
  ['2017-01-01T00:59:60+01:00', true, LEAP_2016],
  ['2017-01-01T00:59:60+01', true, LEAP_2016],
  ['2016-12-31T18:29:60-05:30', true, LEAP_2016],
  ['2017-01-01T00:00:60+00:01', true, LEAP_2016],
  ['2024-05-01T23:59:60Z', true, utc(2024, 4, 1, 23, 59, 59, 999)],
  ['2016-12-31T12:59:60Z', false, undefined],
  ['2016-12-31T23:59:60+01:00', false, undefined],
  ['2016-12-31T23:59:61Z', false, undefined],
  // ajv-formats checks the 23:59 of a leap second field by field, so an hour or minute past its range
  // passes when the offset brings it back: read by plain arithmetic.
  ['2024-05-01T24:59:59+01:00', true, utc(2024, 4, 1, 23, 59, 59)],
  ['2024-05-01T24:59:60+01:00', true, utc(2024, 4, 1, 23, 59, 59, 999)],
  ['2024-05-01T23:60:30+00:01', true, utc(2024, 4, 1, 23, 59, 30)],
  ['2024-05-01T47:00:30+23:01', true, utc(2024, 4, 1, 23, 59, 30)],
  ['2024-05-01T24:00:00Z', false, undefined],
  ['2024-05-01T12:60:00Z', false, undefined],
  ['0000-01-01T00:00:00Z', true, -62_167_219_200_000],
  ['0000-02-29T00:00:00Z', true, -62_167_219_200_000 + 59 * 86_400_000],
  ['0099-12-31T00:00:00Z', true, -59_011_545_600_000],
  ['0099-06-30T12:00:00Z', true, -59_027_400_000_000],
  ['1969-12-31T23:59:59.999Z', true, -1],
  ['1970-01-01T00:00:00+00:01', true, -60_000],
  ['9999-12-31T23:59:59.999Z', true, 253_402_300_799_999],
  ['2000-02-29T00:00:00Z', true, utc(2000, 1, 29)],
  ['2024-02-29T00:00:00Z', true, utc(2024, 1, 29)],
  ['1900-02-29T00:00:00Z', false, undefined],
  ['2023-02-29T00:00:00Z', false, undefined],
  ['2024-04-31T00:00:00Z', false, undefined],
  ['2024-13-01T00:00:00Z', false, undefined],
  ['2024-00-01T00:00:00Z', false, undefined],
  ['2024-05-00T00:00:00Z', false, undefined],
  ['2024-05-01T12:00:00', false, undefined],
  ['2024-05-01T12:00Z', false, undefined],
  ['2024-05-01T12:00:00+24:00', false, undefined],
  ['2024-05-01T12:00:00+01:60', false, undefined],
  ['2024-05-01T12:00:00+1', false, undefined],
  ['2024-05-01T12:00:00+01:0', false, undefined],
  ['2024-05-01T12:00:00.Z', false, undefined],
  ['2024-05-01T12:00:00,5Z', false, undefined],
  ['2024-05-01T12:00:00UTC', false, undefined],
  ['2024-05-01T12:00:00Z ', false, undefined],
  [' 2024-05-01T12:00:00Z', false, undefined],
  ['2024-05-01TT12:00:00Z', false, undefined],
  ['2024-05-01_12:00:00Z', false, undefined],
  ['2024-5-1T12:00:00Z', false, undefined],
  ['20240501T120000Z', false, undefined],
  ['+002024-05-01T12:00:00Z', false, undefined],
  ['\u0662\u0660\u0662\u0664-05-01T12:00:00Z', false, undefined],
  ['2024-05-01', false, undefined],
  ['', false, undefined],
]

describe('parseWireTime', () => {
  for (const [text, , ms] of table) {
    test(`${JSON.stringify(text)} reads as ${ms === undefined ? 'no time' : new Date(ms).toISOString()}`, () => {
      expect(parseWireTime(text)).toBe(ms)
    })
  }

  test('every row the official schemas accept has a finite time (the table is consistent)', () => {
    for (const [text, accepted, ms] of table)
      if (accepted) expect([text, Number.isFinite(ms)]).toEqual([text, true])
  })

  test('reads back every instant the CSMS writes (formatWireTime, years 0000-9999)', () => {
    const ms = fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 })
    fc.assert(fc.property(ms, (t) => parseWireTime(formatWireTime(t)) === t))
  })
})

describe.skipIf(!official)('the official OCPP schemas and the generated zod schemas as the oracle', () => {
  for (const version of versions) {
    test(`OCPP ${version}: every date-time is a bare string format, so one field stands for all`, () => {
      const nodes = official!.messages[version].flatMap((m) => dateTimeNodes(m.schema))
      expect(nodes.length).toBeGreaterThan(10)
      for (const node of nodes) expect({ ...node, description: undefined }).toEqual(bareDateTime)
    })

    test(`OCPP ${version}: the official and the zod schemas accept exactly the rows marked accepted`, () => {
      for (const [text, accepted] of table)
        expect([text, ...verdicts(version, text)]).toEqual([text, accepted, accepted])
    })

    test(`OCPP ${version}: any valid RFC 3339 time passes both schemas and reads as the reference instant`, () => {
      fc.assert(
        fc.property(validWireTime, ({ text, expected }) => {
          expect([text, ...verdicts(version, text), parseWireTime(text)]).toEqual([
            text,
            true,
            true,
            expected,
          ])
        }),
        { numRuns: 2000 },
      )
    })

    test(`OCPP ${version}: near-miss strings: both schemas agree, and what they accept reads as the reference`, () => {
      fc.assert(
        fc.property(nearWireTime, (text) => agreesWithOracle(version, text)),
        { numRuns: 5000 },
      )
    })

    test(`OCPP ${version}: every hour, minute and second around 23:59:60 UTC under many offsets`, () => {
      for (const text of aroundLeapSecond()) agreesWithOracle(version, text)
    })
  }
})

/** Both schemas say the same of `text`, and the parser reads what they accept as the reference instant. */
function agreesWithOracle(version: (typeof versions)[number], text: string): void {
  const [official, zod] = verdicts(version, text)
  expect([text, zod]).toEqual([text, official])
  expect([text, parseWireTime(text)]).toEqual([text, official ? arithmeticReference(text) : undefined])
}

/** Local times 00:00 to 47:60 with seconds 59 and 60, under offsets from -23:59 to +23:59. */
function aroundLeapSecond(): string[] {
  const zones = [
    'Z',
    ...['+', '-'].flatMap((sign) =>
      [0, 1, 12, 23].flatMap((h) => [0, 1, 59].map((m) => `${sign}${two(h)}:${two(m)}`)),
    ),
  ]
  const clocks = Array.from({ length: 48 }, (_, h) =>
    [0, 1, 58, 59, 60].flatMap((m) => ['59', '60'].map((sec) => `${two(h)}:${two(m)}:${sec}`)),
  )
  return zones.flatMap((zone) => clocks.flat().map((clock) => `2016-12-31T${clock}${zone}`))
}

/** What the official schema (ajv) and the generated zod schema say about `text` as `currentTime`. */
function verdicts(version: (typeof versions)[number], text: string): [boolean, boolean] {
  const payload = { currentTime: text }
  return [
    official!.validate(version, 'Heartbeat', 'response', payload).ok,
    zod[version].safeParse(payload).success,
  ]
}

const bareDateTime = { type: 'string', format: 'date-time', description: undefined }

function dateTimeNodes(node: unknown): Record<string, unknown>[] {
  if (typeof node !== 'object' || node === null) return []
  const here =
    (node as Record<string, unknown>).format === 'date-time' ? [node as Record<string, unknown>] : []
  return [...here, ...Object.values(node).flatMap(dateTimeNodes)]
}

const two = (n: number) => String(n).padStart(2, '0')
const digits = (length: { minLength: number; maxLength: number }) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), ...length })

/**
 * The instant by the engine's own calendar, an independent computation: `Date` setters carry an hour or
 * minute past its range over arithmetically, and a leap second is the minute's last millisecond.
 */
function reference(parts: {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  fraction: string
  offsetMinutes: number
}): number {
  const at = new Date(0)
  at.setUTCFullYear(parts.year, parts.month - 1, parts.day)
  at.setUTCHours(parts.hour, parts.minute - parts.offsetMinutes, 0, 0)
  const millis = Number(parts.fraction.slice(0, 3).padEnd(3, '0'))
  return at.getTime() + (parts.second === 60 ? 59_999 : parts.second * 1000 + millis)
}

/** {@link reference} for a string the schemas accepted, split by a pattern independent of the parser's. */
function arithmeticReference(text: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d).(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:[zZ]|([+-])(\d\d):?(\d\d)?)$/.exec(
    text,
  )
  if (!m) throw new Error(`the schemas accepted ${JSON.stringify(text)}, which the reference cannot split`)
  const n = (i: number) => Number(m[i] ?? 0)
  const offsetMinutes = (m[8] === '-' ? -1 : 1) * (n(9) * 60 + n(10))
  return reference({
    ...{ year: n(1), month: n(2), day: n(3), hour: n(4), minute: n(5), second: n(6) },
    ...{ fraction: m[7] ?? '', offsetMinutes },
  })
}

const zone = fc.oneof(
  fc.constantFrom({ text: 'Z', minutes: 0 }, { text: 'z', minutes: 0 }, { text: '-00:00', minutes: 0 }),
  fc
    .record({
      sign: fc.constantFrom(1, -1),
      hours: fc.integer({ min: 0, max: 23 }),
      minutes: fc.integer({ min: 0, max: 59 }),
      form: fc.constantFrom('hh', 'hhmm', 'hh:mm'),
    })
    .map(({ sign, hours, minutes, form }) => {
      const mm = form === 'hh' ? 0 : minutes
      const text = `${sign < 0 ? '-' : '+'}${two(hours)}${form === 'hh' ? '' : form === 'hhmm' ? two(mm) : `:${two(mm)}`}`
      return { text, minutes: sign * (hours * 60 + mm) }
    }),
)

/** A valid wire time with its reference instant: any day 0000-9999, offset, fraction, separator, leap second. */
const validWireTime = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    clock: fc.tuple(
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
      fc.integer({ min: 0, max: 59 }),
    ),
    leapSecond: fc.boolean(),
    fraction: digits({ minLength: 0, maxLength: 12 }),
    zone,
    separator: fc.constantFrom('T', 't', ' ', '\t'),
  })
  .filter(({ year, month, day }) => day <= daysIn(year, month))
  .map(({ year, month, day, clock, leapSecond, fraction, zone, separator }) => {
    // A leap second is only valid at 23:59 UTC: its local hour and minute follow from the offset.
    const localMinute = (((23 * 60 + 59 + zone.minutes) % 1440) + 1440) % 1440
    const [hour, minute, second] = leapSecond ? [Math.floor(localMinute / 60), localMinute % 60, 60] : clock
    const dayShift = leapSecond ? Math.floor((23 * 60 + 59 + zone.minutes) / 1440) : 0
    const date = new Date(0)
    date.setUTCFullYear(year, month - 1, day + dayShift)
    const inRange = date.getUTCFullYear() >= 0 && date.getUTCFullYear() <= 9999
    const [y, mo, d] = inRange
      ? [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]
      : [year, month, day]
    const fractionText = fraction === '' ? '' : `.${fraction}`
    const text = `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}${separator}${two(hour)}:${two(minute)}:${two(second)}${fractionText}${zone.text}`
    const parts = { year: y, month: mo, day: d, hour, minute, second, fraction, offsetMinutes: zone.minutes }
    return { text, expected: reference(parts), inRange }
  })
  .filter(({ inRange }) => inRange)

/** Days in a month by the engine's calendar (day 0 of the next month is this month's last). */
function daysIn(year: number, month: number): number {
  const last = new Date(0)
  last.setUTCFullYear(year, month, 0)
  return last.getUTCDate()
}

/** Strings near a wire time: fields one past their range, odd separators, fractions and zones. */
const nearWireTime = fc
  .tuple(
    fc.constantFrom('2024', '2023', '2000', '1900', '0000', '9999', '1970'),
    fc.integer({ min: 0, max: 13 }).map(two),
    fc.integer({ min: 0, max: 32 }).map(two),
    fc.constantFrom('T', 't', ' ', '\t', '\u00a0', '_', 'TT', ''),
    fc.oneof(fc.integer({ min: 0, max: 48 }), fc.constantFrom(0, 1, 23, 24, 47)).map(two),
    fc.oneof(fc.integer({ min: 0, max: 61 }), fc.constantFrom(0, 1, 59, 60)).map(two),
    fc.oneof(fc.integer({ min: 0, max: 61 }), fc.constantFrom(59, 60, 61)).map(two),
    fc.constantFrom('', '', '.', '.5', '.123456', ',5'),
    fc.oneof(
      fc.constantFrom('Z', 'z', '', 'UTC', '+1', '+24:00', '+01:0', '+01:60'),
      fc
        .tuple(
          fc.constantFrom('+', '-'),
          fc.integer({ min: 0, max: 24 }),
          fc.integer({ min: 0, max: 60 }),
          fc.constantFrom('', ':', '#'),
        )
        .map(([sign, h, m, colon]) =>
          colon === '#' ? `${sign}${two(h)}` : `${sign}${two(h)}${colon}${two(m)}`,
        ),
    ),
  )
  .map(
    ([y, mo, d, sep, h, mi, s, fraction, zone]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${fraction}${zone}`,
  )
