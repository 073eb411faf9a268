/** Where a session's departure comes from, most trusted first. */
export type DepartureSource = 'driver' | 'ev' | 'pattern' | 'default'

const DAY = 86_400_000

/**
 * The driver's usual departure, from their past sessions: the median time-of-day they unplugged, the
 * next such time after `pluggedInAt` (at least an hour after it). Needs three sessions; undefined
 * otherwise. Times of day are in the site's time zone, given as its UTC offset in minutes.
 */
export function usualDeparture(
  history: readonly { startedAt: number; endedAt: number | null }[],
  pluggedInAt: number,
  utcOffsetMin = 0,
): number | undefined {
  const offset = utcOffsetMin * 60_000
  const ends = history.flatMap((h) => (h.endedAt === null ? [] : [(h.endedAt + offset) % DAY]))
  if (ends.length < 3) return undefined
  const sorted = [...ends].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]!
  const dayStart = pluggedInAt + offset - ((pluggedInAt + offset) % DAY) - offset
  let at = dayStart + median
  while (at < pluggedInAt + 3_600_000) at += DAY
  return at
}
