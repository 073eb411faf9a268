/**
 * How long to wait before the next message of a throttled stream: 0 when one may go now (never sent,
 * or at least `everyMs` since the last), else the rest of the interval. Pure, so tests drive it with
 * any clock.
 *
 * @example
 * throttleDelay(undefined, 1000, 5000) // 0
 * throttleDelay(1000, 3000, 5000) // 3000
 */
export function throttleDelay(lastAt: number | undefined, now: number, everyMs: number): number {
  if (lastAt === undefined) return 0
  return Math.max(0, lastAt + everyMs - now)
}
