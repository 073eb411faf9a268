import type { CompiledPolicy } from './evaluate'
import type { SiteAccess } from './model'
import { insideWindows } from './windows'
import { dayNumber, type WallTime, wallTime } from './zone-time'

/** Whether a policy's when (validity, holidays, windows) holds at an instant whose wall time is `wall`. */
export function timeMatches(
  c: CompiledPolicy,
  wall: WallTime,
  holidays: ReadonlySet<number>,
  now: number,
): boolean {
  const p = c.policy
  if (p.validFrom !== null && now < p.validFrom) return false
  if (p.validUntil !== null && now >= p.validUntil) return false
  if (p.holidays === 'exclude' && holidays.has(wall.day)) return false
  if (p.holidays === 'only' && !holidays.has(wall.day)) return false
  return insideWindows(c.windows, wall)
}

const holidayCache = new WeakMap<readonly string[], ReadonlySet<number>>()
/** A site's holidays as local day numbers, built once per holidays array. */
export function holidaySet(dates: readonly string[]): ReadonlySet<number> {
  let s = holidayCache.get(dates)
  if (!s) {
    s = new Set(dates.map(dayNumber))
    holidayCache.set(dates, s)
  }
  return s
}

/** How far {@link nextTimeChange} looks: eight days covers every weekly window; holidays further off are not seen. */
const HORIZON_MINUTES = 8 * 1440

/**
 * The next instant after `now` at which the policy's when changes (a window opens or closes, a
 * holiday starts or ends, validity begins or ends), found minute by minute on cached offsets so DST
 * gaps and repeats come out right; null when nothing changes within eight days and no validity bound
 * lies ahead. Used for `validUntil` (the end of the current window) and a local list's `nextChangeAt`.
 */
export function nextTimeChange(c: CompiledPolicy, site: SiteAccess, now: number): number | null {
  const holidays = holidaySet(site.holidays)
  const at = (t: number) => timeMatches(c, wallTime(site.timeZone, t), holidays, t)
  const p = c.policy
  const always = c.windows.length === 0 && p.holidays === 'ignore'
  const bounds = [p.validFrom, p.validUntil].filter((b): b is number => b !== null && b > now)
  if (always) return bounds.length ? Math.min(...bounds) : null
  const first = Math.floor(now / 60_000) * 60_000 + 60_000
  const v0 = at(now)
  for (let i = 0, t = first; i < HORIZON_MINUTES; i++, t += 60_000) {
    const b = bounds.find((x) => x <= t)
    if (b !== undefined && at(b) !== v0) return b
    if (at(t) !== v0) return t
  }
  return null
}
