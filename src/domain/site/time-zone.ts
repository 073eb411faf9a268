/** The zone a site takes when none is given (the schema's default too). */
export const DEFAULT_TIME_ZONE = 'Europe/Stockholm'

/** A wall-clock date and time in some zone (month 1–12). */
export interface LocalTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

const formats = new Map<string, Intl.DateTimeFormat>()

/** One cached formatter per zone: building them is the slow part. Throws a RangeError for an unknown zone. */
function formatOf(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formats.set(timeZone, f)
  }
  return f
}

/** True when `timeZone` is an IANA zone this runtime knows (`Europe/Stockholm`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false
  try {
    formatOf(timeZone)
    return true
  } catch {
    return false
  }
}

/** The wall-clock time in `timeZone` at instant `at` (ms). */
export function localTime(at: number, timeZone: string): LocalTime {
  const parts: Record<string, number> = {}
  for (const p of formatOf(timeZone).formatToParts(at))
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
  }
}

/** How far `timeZone` is ahead of UTC at instant `at` (ms, whole minutes). */
function offsetAt(at: number, timeZone: string): number {
  const t = localTime(at, timeZone)
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute)
  return wall - Math.floor(at / 60_000) * 60_000
}

/**
 * The instant of a wall-clock time in `timeZone` (pure; day and month may overflow, as in `Date.UTC`).
 * A time the clocks skip (spring forward) lands just after the gap, a time they repeat (fall back) on
 * its first occurrence.
 *
 * @example zonedInstant({ year: 2026, month: 1, day: 15, hour: 7, minute: 30 }, 'Europe/Stockholm') // 06:30Z
 */
export function zonedInstant(t: LocalTime, timeZone: string): number {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute)
  const before = offsetAt(wall - 86_400_000, timeZone)
  const after = offsetAt(wall + 86_400_000, timeZone)
  const fits = [before, after].map((o) => wall - o).filter((at) => wall - offsetAt(at, timeZone) === at)
  return fits.length > 0 ? Math.min(...fits) : wall - before
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The month label (`2026-05`) of a local time. */
export const monthLabel = (t: { year: number; month: number }) => `${t.year}-${pad(t.month)}`

/** `HH:MM` of a local time. */
export const clockLabel = (t: { hour: number; minute: number }) => `${pad(t.hour)}:${pad(t.minute)}`
