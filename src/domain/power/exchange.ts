import { columnWithinLimits, type FillState, maxRaise, raise, topUp } from './fill'

/** How hard {@link exchangeForThroughput} tries; the defaults keep it well under a millisecond. */
export interface ExchangeOptions {
  /** Amounts (A) moved per trial, coarse to fine. */
  readonly steps: readonly number[]
  readonly maxPasses: number
  /** Upper bound on trial moves, so the worst case stays bounded whatever the site. */
  readonly maxTrials: number
}

/** Defaults used by the scheduler. */
export const DEFAULT_EXCHANGE: ExchangeOptions = { steps: [1, 0.2], maxPasses: 50, maxTrials: 20_000 }

/**
 * Throughput repair for phasor rows. Progressive filling stops every session that loads a full row,
 * but on a transformer winding `|AB − CA|` the magnitude grows less from one line pair than from the
 * other, so taking δ from a session on one pair can let a session on another pair take more than δ.
 * This local search makes such trades while they gain: the donor is the lowest-priority session of
 * its group (never below `floor`), the recipient the highest-priority one with room; after each gain
 * a top-up keeps the allocation work-conserving. `value[j]` weighs an ampere of session `j`.
 */
export function exchangeForThroughput(
  state: FillState,
  groups: readonly (readonly number[])[],
  order: readonly number[],
  bounds: {
    readonly caps: ArrayLike<number>
    readonly floor: ArrayLike<number>
    readonly value: ArrayLike<number>
  },
  options: ExchangeOptions = DEFAULT_EXCHANGE,
): void {
  const related = relatedGroups(state, groups)
  let trials = options.maxTrials
  for (const delta of options.steps) {
    for (let pass = 0; pass < options.maxPasses && trials > 0; pass++) {
      let improved = false
      for (let g = 0; g < groups.length && trials > 0; g++) {
        for (const h of related[g]!) {
          if (trials-- <= 0) break
          if (tryMove(state, groups[g]!, groups[h]!, delta, bounds)) {
            topUp(state, order, bounds.caps)
            improved = true
          }
        }
      }
      if (!improved) break
    }
  }
}

function tryMove(
  state: FillState,
  from: readonly number[],
  to: readonly number[],
  delta: number,
  bounds: {
    readonly caps: ArrayLike<number>
    readonly floor: ArrayLike<number>
    readonly value: ArrayLike<number>
  },
): boolean {
  const { x } = state
  let donor = -1
  for (let n = from.length - 1; n >= 0 && donor < 0; n--) {
    const j = from[n]!
    if (x[j]! - bounds.floor[j]! >= delta) donor = j
  }
  const recipient = to.find((j) => bounds.caps[j]! - x[j]! > 1e-9)
  if (donor < 0 || recipient === undefined) return false
  raise(state, donor, -delta)
  if (!columnWithinLimits(state, donor)) {
    raise(state, donor, delta)
    return false
  }
  const gain = Math.min(bounds.caps[recipient]! - x[recipient]!, maxRaise(state, recipient))
  if (gain * bounds.value[recipient]! > delta * bounds.value[donor]! * 1.001) {
    raise(state, recipient, gain)
    return true
  }
  raise(state, donor, delta)
  return false
}

/** For each group, the other groups sharing at least one row with it (only those can trade). */
function relatedGroups(state: FillState, groups: readonly (readonly number[])[]): number[][] {
  const { set } = state
  const rowsOf = groups.map((g) => {
    const j = g[0]!
    return new Set(Array.from(set.colRow.subarray(set.colStart[j]!, set.colStart[j + 1]!)))
  })
  return rowsOf.map((rows, g) =>
    rowsOf.flatMap((other, h) => (h !== g && [...rows].some((r) => other.has(r)) ? [h] : [])),
  )
}
