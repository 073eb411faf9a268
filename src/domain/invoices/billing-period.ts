import { type LocalTime, localTime, zonedInstant } from '@src/domain/site/time-zone'

/** A billing period: local calendar days in the seller's zone, and the instants they span. */
export interface BillingPeriod {
  /** First and last day, inclusive, `YYYY-MM-DD`. */
  start: string
  end: string
  /** The first instant of `start` and the first instant after `end` (ms). */
  fromMs: number
  untilMs: number
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
const midnight = (year: number, month: number, day: number): LocalTime => ({
  year,
  month,
  day,
  hour: 0,
  minute: 0,
})

/**
 * The calendar month `YYYY-MM` in `timeZone` (billing is monthly by default): from local midnight of its
 * first day to local midnight of the next month's, so a month with a clock change is 743 or 745 hours.
 *
 * @example monthlyPeriod('2026-10', 'Europe/Stockholm') // 2026-10-01 … 2026-10-31, from 2026-09-30T22:00Z
 */
export function monthlyPeriod(month: string, timeZone: string): BillingPeriod {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month)
  if (!m) throw new RangeError(`not a month: ${month}`)
  const year = Number(m[1])
  const mon = Number(m[2])
  const lastDay = new Date(Date.UTC(year, mon, 0)).getUTCDate()
  return {
    start: `${year}-${pad(mon)}-01`,
    end: `${year}-${pad(mon)}-${pad(lastDay)}`,
    fromMs: zonedInstant(midnight(year, mon, 1), timeZone),
    untilMs: zonedInstant(midnight(year, mon + 1, 1), timeZone),
  }
}

/** The month `YYYY-MM` before the one instant `at` falls in, in `timeZone`: what a run bills by default. */
export function previousMonth(at: number, timeZone: string): string {
  const t = localTime(at, timeZone)
  return t.month === 1 ? `${t.year - 1}-12` : `${t.year}-${pad(t.month - 1)}`
}

/** The local calendar date `YYYY-MM-DD` of instant `at` in `timeZone`. */
export function localDate(at: number, timeZone: string): string {
  const t = localTime(at, timeZone)
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Instant `at` as ISO 8601 with `timeZone`'s offset, e.g. `2026-11-03T18:00:00+01:00`. */
export function zonedIso(at: number, timeZone: string): string {
  const t = localTime(at, timeZone)
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute)
  const offset = Math.round((wall - Math.floor(at / 60_000) * 60_000) / 60_000)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  const seconds = pad(new Date(at).getUTCSeconds())
  return `${localDate(at, timeZone)}T${pad(t.hour)}:${pad(t.minute)}:${seconds}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}
