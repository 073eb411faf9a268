/**
 * Wraps a load so callers share one load in flight and then its result for `maxAgeMs` from when it
 * started: however many ask, the load runs at most once per window and never twice at a time. A
 * failed load is not kept, so the next caller tries again.
 *
 * @example
 * const counts = freshWithin(() => repo.counts(), 1000, () => clock.now())
 * await Promise.all([counts(), counts()]) // one query
 */
export function freshWithin<T>(
  load: () => Promise<T>,
  maxAgeMs: number,
  now: () => number,
): () => Promise<T> {
  let kept: { value: Promise<T>; at: number; settled: boolean } | undefined
  return () => {
    if (kept && (!kept.settled || now() - kept.at < maxAgeMs)) return kept.value
    const entry = { value: load(), at: now(), settled: false }
    kept = entry
    entry.value.then(
      () => {
        entry.settled = true
      },
      () => {
        if (kept === entry) kept = undefined
      },
    )
    return entry.value
  }
}
