/**
 * The order in which the scheduler serves sessions: an access policy's priority tier first (1 before
 * 2 … before 9, see `NORMAL_PRIORITY_TIER`), then least laxity within a tier, ties by index. Every
 * stage walks the sessions in this order, so a session of a higher tier is served before any session
 * of a lower one whatever their departures.
 *
 * @example
 * const order = priorityOrder(caps, laxity, tierOf) // tier-1 sessions first, least laxity first
 * for (const run of tierRuns(order, tierOf)) scheduleTier(run)
 */
export function priorityOrder(
  caps: ArrayLike<number>,
  laxity: ArrayLike<number>,
  tierOf?: ArrayLike<number>,
): number[] {
  const order: number[] = []
  for (let j = 0; j < caps.length; j++) if (caps[j]! > 0) order.push(j)
  if (tierOf) return order.sort((a, b) => tierOf[a]! - tierOf[b]! || laxity[a]! - laxity[b]! || a - b)
  return order.sort((a, b) => laxity[a]! - laxity[b]! || a - b)
}

/**
 * Moves the buckets of `order` (sorted by `key`, buckets non-decreasing within one key) so that every
 * key's buckets come after the previous key's: bucket order then follows `order`.
 */
export function stackBuckets(
  order: readonly number[],
  key: (j: number) => number,
  bucket: Float64Array,
): void {
  let shift = 0
  let last = Number.NEGATIVE_INFINITY
  for (let n = 0; n < order.length; n++) {
    const j = order[n]!
    if (n > 0 && key(j) !== key(order[n - 1]!)) shift = last + 1 - bucket[j]!
    bucket[j] = bucket[j]! + shift
    last = Math.max(last, bucket[j]!)
  }
}

/**
 * `order` (sorted by tier) cut into its runs of one priority tier, highest tier first; without tiers,
 * the whole order as one run.
 */
export function tierRuns(order: readonly number[], tierOf?: ArrayLike<number>): (readonly number[])[] {
  if (!tierOf) return [order]
  const runs: number[][] = []
  for (let n = 0; n < order.length; n++) {
    const j = order[n]!
    if (n === 0 || tierOf[j] !== tierOf[order[n - 1]!]) runs.push([j])
    else runs.at(-1)!.push(j)
  }
  return runs
}
