import type { CompiledPolicy } from './evaluate'
import type { SiteAccess } from './model'
import { insideWindows } from './windows'
import { dayNumber, type OffsetSegment, offsetSegments, type WallTime, wallTimeAtOffset } from './zone-time'

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
const MINUTE = 60_000
const DAY_MINUTES = 1440

/** The last answer per compiled policy: a list compile asks the same policy at the same instant once per token. */
const lastAnswer = new WeakMap<CompiledPolicy, { site: SiteAccess; now: number; next: number | null }>()

/**
 * The next instant after `now` at which the policy's when changes (a window opens or closes, a
 * holiday starts or ends, validity begins or ends); null when nothing changes within eight days and no
 * validity bound lies ahead. Used for `validUntil` (the end of the current window) and a local list's
 * `nextChangeAt`. The answer is the first whole minute (or validity bound) at which the policy's
 * answer differs, as a minute-by-minute scan would find it, but computed from the candidates only:
 * each local midnight and window edge, mapped to UTC through the zone's offsets (a DST gap moves an
 * edge to the change; a repeated hour gives it twice), every offset change and the validity bounds.
 */
export function nextTimeChange(c: CompiledPolicy, site: SiteAccess, now: number): number | null {
  const last = lastAnswer.get(c)
  if (last && last.now === now && last.site === site) return last.next
  const next = computeNextChange(c, site, now)
  lastAnswer.set(c, { site, now, next })
  return next
}

function computeNextChange(c: CompiledPolicy, site: SiteAccess, now: number): number | null {
  const p = c.policy
  const bounds = [p.validFrom, p.validUntil].filter((b): b is number => b !== null && b > now)
  if (c.windows.length === 0 && p.holidays === 'ignore') return bounds.length ? Math.min(...bounds) : null
  const holidays = holidaySet(site.holidays)
  const first = Math.floor(now / MINUTE) * MINUTE + MINUTE
  const end = first + (HORIZON_MINUTES - 1) * MINUTE
  const segments = offsetSegments(site.timeZone, now, end)
  const offsetOf = (t: number): number => {
    let o = segments[0]!.offset
    for (const s of segments) if (s.from <= t) o = s.offset
    return o
  }
  const at = (t: number) => timeMatches(c, wallTimeAtOffset(t, offsetOf(t)), holidays, t)
  const candidates = [first, ...bounds.filter((b) => b <= end), ...edgeInstants(c, segments, first, end)]
  candidates.sort((a, b) => a - b)
  const v0 = at(now)
  for (const t of candidates) if (at(t) !== v0) return t
  return null
}

/** Every instant in `[first, end]` at which a local midnight or window edge falls, and every offset change. */
function edgeInstants(
  c: CompiledPolicy,
  segments: readonly OffsetSegment[],
  first: number,
  end: number,
): number[] {
  const edges = [...new Set([0, ...c.windows.flatMap((w) => [w.from, w.to])])]
  const out: number[] = []
  segments.forEach((s, i) => {
    const from = Math.max(s.from, first)
    const until = Math.min(segments[i + 1]?.from ?? end + MINUTE, end + MINUTE)
    if (i > 0 && s.from >= first && s.from <= end) out.push(s.from)
    const localFrom = (from + s.offset) / MINUTE
    const localUntil = (until + s.offset) / MINUTE
    for (let day = Math.floor(localFrom / DAY_MINUTES); day * DAY_MINUTES < localUntil; day++) {
      for (const m of edges) {
        const local = day * DAY_MINUTES + m
        if (local >= localFrom && local < localUntil) out.push(local * MINUTE - s.offset)
      }
    }
  })
  return out
}
