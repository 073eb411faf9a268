import { localTime } from '../site/time-zone'

const MINUTE = 60_000
const DAY = 86_400_000

/** Per zone: the offsets already seen per UTC minute bucket (bounded). */
const offsets = new Map<string, Map<number, number>>()
const MAX_CACHED = 100_000

function computeOffset(zone: string, minute: number): number {
  const t = localTime(minute * MINUTE, zone)
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) - minute * MINUTE
}

/**
 * The zone's offset from UTC (ms) at an instant, cached per zone and UTC minute, so a check builds no
 * formatter and mostly formats nothing. Throws a RangeError for an unknown zone (validate at the edge).
 */
export function offsetAt(zone: string, instant: number): number {
  const minute = Math.floor(instant / MINUTE)
  let cache = offsets.get(zone)
  if (!cache) {
    cache = new Map()
    offsets.set(zone, cache)
  }
  let o = cache.get(minute)
  if (o === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear()
    o = computeOffset(zone, minute)
    cache.set(minute, o)
  }
  return o
}

/** Local wall-clock facts of an instant: ISO weekday (Monday = 1), minute of the day, local day number. */
export interface WallTime {
  weekday: number
  minuteOfDay: number
  day: number
}

/** The wall-clock time of an instant in a zone. */
export function wallTime(zone: string, instant: number): WallTime {
  return wallTimeAtOffset(instant, offsetAt(zone, instant))
}

/** The wall-clock time of an instant when the zone's offset there is already known (see {@link offsetSegments}). */
export function wallTimeAtOffset(instant: number, offset: number): WallTime {
  const wall = instant + offset
  const day = Math.floor(wall / DAY)
  return {
    day,
    weekday: ((((day + 3) % 7) + 7) % 7) + 1,
    minuteOfDay: Math.floor((wall - day * DAY) / MINUTE),
  }
}

/** A local date `YYYY-MM-DD` as a local day number (days since 1970-01-01), comparable with {@link WallTime.day}. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return Date.UTC(y!, m! - 1, d!) / DAY
}

/** From `from` (a whole UTC minute, ms) the zone is `offset` ms ahead of UTC, until the next segment's `from`. */
export interface OffsetSegment {
  from: number
  offset: number
}

/** Offsets are sampled on this UTC grid; a zone changing twice within one step would be missed (none does). */
const SAMPLE = 6 * 3_600_000

/**
 * The zone's offsets over `[start, end]`: the offset at `start`, then one segment per change, each
 * found to the minute by bisection on the cached {@link offsetAt}. The samples sit on a fixed UTC grid,
 * so calls for nearby instants share the cache and a span of days costs a few dozen lookups.
 *
 * @example offsetSegments('Europe/Stockholm', Date.parse('2026-10-24T00:00Z'), Date.parse('2026-10-26T00:00Z'))
 * // [{ from: …24T00:00Z, offset: 7_200_000 }, { from: …25T01:00Z, offset: 3_600_000 }]
 */
export function offsetSegments(zone: string, start: number, end: number): OffsetSegment[] {
  const first = Math.floor(start / MINUTE) * MINUTE
  const segments: OffsetSegment[] = [{ from: first, offset: offsetAt(zone, first) }]
  let lo = first
  let before = segments[0]!.offset
  for (let grid = (Math.floor(first / SAMPLE) + 1) * SAMPLE; lo < end; grid += SAMPLE) {
    const hi = Math.min(grid, Math.floor(end / MINUTE) * MINUTE)
    if (hi <= lo) break
    const after = offsetAt(zone, hi)
    if (after !== before) {
      let a = lo
      let b = hi
      while (b - a > MINUTE) {
        const mid = a + Math.floor((b - a) / 2 / MINUTE) * MINUTE
        if (offsetAt(zone, mid) === before) a = mid
        else b = mid
      }
      segments.push({ from: b, offset: after })
      before = after
    }
    lo = hi
  }
  return segments
}
