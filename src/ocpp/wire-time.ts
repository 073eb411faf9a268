/**
 * Times on the OCPP wire. Every version writes RFC 3339 `date-time`, and the official schemas (checked
 * as ajv-formats checks them) accept more than `Date.parse` reads: a leap second `23:59:60`, offsets
 * `+01` and `+0100` as well as `+01:00`, lowercase `t` and `z`, a space for the `T`, fractions of any
 * length. One parser, used by both versions, reads them all; anything it returns is a finite epoch ms.
 */

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt\s](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

const isLeapYear = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)

/**
 * Reads an RFC 3339 date-time into epoch ms, or undefined when it is not one (no time zone, a day the
 * month does not have, an hour past 23, …). Fractions below a millisecond are cut off. A leap second
 * (`…:60`, only at 23:59 UTC) is read as the last millisecond of its minute: the epoch has no leap
 * seconds, and that keeps its order among the readings of that minute without moving it into the next.
 *
 * @example
 * parseWireTime('2026-03-01T12:00:00+01') // Date.UTC(2026, 2, 1, 11)
 */
export function parseWireTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text)
  if (!m) return undefined
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const monthDays = month === 2 && isLeapYear(year) ? 29 : DAYS[month - 1]
  if (monthDays === undefined || day < 1 || day > monthDays || hour > 23 || minute > 59 || second > 60)
    return undefined
  const offsetH = Number(m[10] ?? 0)
  const offsetM = Number(m[11] ?? 0)
  if (offsetH > 23 || offsetM > 59) return undefined
  const offsetMs = (m[9] === '-' ? -1 : 1) * (offsetH * 60 + offsetM) * 60_000
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, Math.min(second, 59), second === 60 ? 999 : ms)
  const utc = date.getTime() - offsetMs
  if (second === 60 && new Date(utc).getUTCHours() * 60 + new Date(utc).getUTCMinutes() !== 23 * 60 + 59)
    return undefined
  return Number.isFinite(utc) ? utc : undefined
}

/** Epoch ms → the form OCPP writes: RFC 3339 in UTC with milliseconds, e.g. `2026-03-01T11:00:00.000Z`. */
export const formatWireTime = (ms: number): string => new Date(ms).toISOString()
