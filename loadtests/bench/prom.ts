/** A Prometheus histogram read from the text exposition format: cumulative buckets by upper bound. */
export interface PromHistogram {
  buckets: [le: number, cumulative: number][]
  sum: number
  count: number
}

/** Reads histogram `name` (without labels) from a `/metrics` text. */
export function readHistogram(text: string, name: string): PromHistogram {
  const buckets: [number, number][] = []
  let sum = 0
  let count = 0
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}_bucket{`)) {
      const le = /le="([^"]+)"/.exec(line)?.[1] ?? '+Inf'
      buckets.push([le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), Number(line.split(' ').at(-1))])
    } else if (line.startsWith(`${name}_sum `)) sum = Number(line.split(' ')[1])
    else if (line.startsWith(`${name}_count `)) count = Number(line.split(' ')[1])
  }
  return { buckets, sum, count }
}

/** What was observed between two readings of the same histogram. */
export function diffHistogram(before: PromHistogram, after: PromHistogram): PromHistogram {
  return {
    buckets: after.buckets.map(([le, n], i) => [le, n - (before.buckets[i]?.[1] ?? 0)]),
    sum: after.sum - before.sum,
    count: after.count - before.count,
  }
}

/**
 * The `q` quantile (0–1), interpolated linearly within its bucket as PromQL's histogram_quantile does.
 * A quantile beyond the last finite bucket is reported as that bound (see {@link beyondRange}).
 */
export function histogramQuantile(h: PromHistogram, q: number): number {
  if (h.count === 0) return 0
  const rank = q * h.count
  let prevLe = 0
  let prevN = 0
  for (const [le, n] of h.buckets) {
    if (n >= rank) {
      if (!Number.isFinite(le)) return prevLe
      return prevLe + ((le - prevLe) * (rank - prevN)) / Math.max(1, n - prevN)
    }
    prevLe = le
    prevN = n
  }
  return prevLe
}

/** The share of observations at or below `le` (a bucket bound). */
export function shareAtOrBelow(h: PromHistogram, le: number): number {
  const bucket = h.buckets.find(([b]) => b === le)
  return h.count === 0 || !bucket ? 1 : bucket[1] / h.count
}

/** True when the `q` quantile lies beyond the histogram's last finite bucket (the value is a floor). */
export function beyondRange(h: PromHistogram, q: number): boolean {
  const finite = h.buckets.filter(([le]) => Number.isFinite(le)).at(-1)
  return h.count > 0 && finite !== undefined && finite[1] < q * h.count
}
