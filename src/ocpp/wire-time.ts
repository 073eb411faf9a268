/**
 * Times on the wire. Every OCPP version types its times as JSON Schema `date-time`, which the official
 * schemas (ajv with ajv-formats) and our generated zod schemas check the same way: RFC 3339 with a
 * required time zone, `T`, `t` or one whitespace character between date and time, offsets `Z`/`z`,
 * `+01`, `+0100` or `+01:00`, a fraction of any length, and a leap second (`:60`) when it falls on
 * 23:59 UTC. `Date.parse` turns several of these into `NaN`, so every version reads its times here.
 */

const SEPARATOR = /t|\s/i
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:z|([+-])(\d{2})(?::?(\d{2}))?)$/i
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const MINUTE_MS = 60_000
const DAY_MS = 86_400_000

/**
 * The instant a wire time names, in epoch milliseconds, or `undefined` when the text is not one. It
 * accepts every string the official OCPP schemas accept as `date-time` (src/ocpp/wire-time.test.ts
 * checks this against them), so a payload that passed validation always has a finite time.
 *
 * - Digits after the millisecond are cut off, never rounded: a time never moves past the instant stamped.
 * - A leap second (`23:59:60.5Z`) reads as the last millisecond of its minute, `23:59:59.999Z`, and not
 *   as `00:00:00` of the next day: readings keep their order (it is after every earlier stamp and before
 *   every later one), and a reading stays on the day and in the minute the charger stamped it.
 * - The schemas also accept an hour or minute past its range when the offset brings the time to 23:59
 *   UTC (`24:59:59+01:00`); such a time is read by plain arithmetic, here `23:59:59Z`.
 *
 * @example
 * parseWireTime('2024-05-01T12:00:00+01') // Date.UTC(2024, 4, 1, 11)
 * parseWireTime('2016-12-31T23:59:60Z') // Date.UTC(2016, 11, 31, 23, 59, 59, 999)
 * parseWireTime('2024-05-01T12:00:00') // undefined: no time zone
 */
export function parseWireTime(text: string): number | undefined {
  const parts = text.split(SEPARATOR)
  if (parts.length !== 2) return undefined
  const day = epochDay(parts[0] ?? '')
  const time = TIME.exec(parts[1] ?? '')
  if (day === undefined || !time) return undefined
  const [hour, minute, second] = [Number(time[1]), Number(time[2]), Number(time[3])]
  const sign = time[5] === '-' ? -1 : 1
  const [offsetHours, offsetMinutes] = [Number(time[6] ?? 0), Number(time[7] ?? 0)]
  if (offsetHours > 23 || offsetMinutes > 59) return undefined
  const minuteStart =
    day * DAY_MS + (hour * 60 + minute - sign * (offsetHours * 60 + offsetMinutes)) * MINUTE_MS
  const millis = Number((time[4] ?? '').slice(0, 3).padEnd(3, '0'))
  if (hour <= 23 && minute <= 59 && second <= 59) return minuteStart + second * 1000 + millis
  if (second > 60 || !onLastUtcMinute(hour, minute, sign, offsetHours, offsetMinutes)) return undefined
  return second === 60 ? minuteStart + MINUTE_MS - 1 : minuteStart + second * 1000 + millis
}

/**
 * Whether a time outside the plain ranges is one the schemas accept: its UTC hour and minute, computed
 * field by field as ajv-formats does, are 23:59 (of this day or the one before).
 */
function onLastUtcMinute(hour: number, minute: number, sign: number, tzHours: number, tzMinutes: number) {
  const utcMinute = minute - tzMinutes * sign
  const utcHour = hour - tzHours * sign - (utcMinute < 0 ? 1 : 0)
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1)
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` calendar date (proleptic Gregorian), or `undefined`. */
function epochDay(text: string): number | undefined {
  const date = DATE.exec(text)
  if (!date) return undefined
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])]
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  const monthDays = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0)
  if (month < 1 || month > 12 || day < 1 || day > monthDays) return undefined
  return daysFromCivil(year, month, day)
}

/** Howard Hinnant's days_from_civil: the calendar in integer arithmetic, exact for every year 0000-9999. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/** Epoch ms → the form OCPP writes: RFC 3339 in UTC with milliseconds, e.g. `2026-03-01T11:00:00.000Z`. */
export const formatWireTime = (ms: number): string => new Date(ms).toISOString()
