const MINUTE = 60_000
const DAY = 86_400_000

/** Per zone: one formatter and the offsets already seen per UTC minute bucket (bounded). */
const formatters = new Map<string, Intl.DateTimeFormat>()
const offsets = new Map<string, Map<number, number>>()
const MAX_CACHED = 100_000

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
    formatters.set(zone, f)
  }
  return f
}

function computeOffset(zone: string, minute: number): number {
  const p: Record<string, number> = {}
  for (const part of formatter(zone).formatToParts(new Date(minute * MINUTE))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value)
  }
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!)
  return wall - minute * MINUTE
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
  const wall = instant + offsetAt(zone, instant)
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
