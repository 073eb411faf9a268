import { columnWithinLimits, type FillState, raise } from './fill'

/**
 * Sessions with identical columns (same rows, same coefficients: same sub-circuit, same phase wiring,
 * same number of EV phases; or, at Caltech, the same line pair and pod) are interchangeable for the
 * network: only their total matters to any fuse. That lets the scheduler choose the group totals for
 * throughput and then hand each total out strictly by priority.
 *
 * `order` is the priority order; each returned group keeps it. `groupOf` are the group ids (see
 * `columnGroupIds`).
 */
export function interchangeableGroups(order: readonly number[], groupOf: ArrayLike<number>): number[][] {
  const byId = new Map<number, number[]>()
  for (const j of order) {
    const group = byId.get(groupOf[j]!)
    if (group) group.push(j)
    else byId.set(groupOf[j]!, [j])
  }
  return [...byId.values()]
}

/** What a re-split must respect. */
export interface RegroupBounds {
  readonly caps: ArrayLike<number>
  readonly mins: ArrayLike<number>
  readonly tier: ArrayLike<number>
  /**
   * Current each session keeps whatever its tier (the needs the scheduler served first). Absent:
   * priority alone decides, as the `energy` objective wants.
   */
  readonly floor?: ArrayLike<number>
}

/**
 * Hands each group's total current out again in priority order: the first tier (sessions of equal
 * priority, `tier[j]` equal) shares it equally up to their caps, then the next tier gets the rest.
 * A share below a session's minimum is not given (0 or at least the minimum). With floors, every
 * session first gets its floor and the tiers share what is above them. Should that leave a phasor
 * row over its limit (less current can mean more magnitude), or some of the total unspent (a rest
 * below every minimum left: it would sit idle), the group keeps its old split.
 */
export function regroupByPriority(
  state: FillState,
  groups: readonly (readonly number[])[],
  bounds: RegroupBounds,
): void {
  for (const group of groups) {
    if (group.length < 2) continue
    const before = group.map((j) => state.x[j]!)
    const unspent = resplit(state, group, bounds)
    if (unspent <= 1e-9 && columnWithinLimits(state, group[0]!)) continue
    group.forEach((j, n) => {
      raise(state, j, before[n]! - state.x[j]!)
    })
  }
}

/** Re-splits one group's total; returns the current it could not hand out. */
function resplit(state: FillState, group: readonly number[], bounds: RegroupBounds): number {
  let total = 0
  for (const j of group) {
    total += state.x[j]!
    raise(state, j, -state.x[j]!)
  }
  const { floor } = bounds
  if (floor) {
    for (const j of group) {
      const keep = Math.min(floor[j]!, total)
      raise(state, j, keep)
      total -= keep
    }
  }
  for (let start = 0; start < group.length && total > 1e-12; ) {
    let end = start + 1
    while (end < group.length && bounds.tier[group[end]!] === bounds.tier[group[start]!]) end++
    const members = group.slice(start, end)
    total = floor
      ? shareAboveFloors(state, members, total, bounds)
      : shareEqually(state, members, total, bounds)
    start = end
  }
  return total
}

/**
 * Water-fills `total` over `members` that already hold their floors: everyone is raised to one common
 * level (capped), those at 0 only if the level reaches their minimum. Returns what is left.
 */
function shareAboveFloors(
  state: FillState,
  members: readonly number[],
  total: number,
  bounds: { readonly caps: ArrayLike<number>; readonly mins: ArrayLike<number> },
): number {
  const raiseAt = (level: number, j: number) => {
    const x = state.x[j]!
    const to = Math.min(bounds.caps[j]!, Math.max(x, level))
    return x === 0 && to < bounds.mins[j]! ? 0 : to - x
  }
  const takenAt = (level: number) => members.reduce((s, j) => s + raiseAt(level, j), 0)
  let lo = 0
  let hi = members.reduce((m, j) => Math.max(m, bounds.caps[j]!), 0)
  if (takenAt(hi) > total) {
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2
      if (takenAt(mid) <= total) lo = mid
      else hi = mid
    }
    hi = lo
  }
  let rest = total
  for (const j of members) {
    const v = Math.min(raiseAt(hi, j), rest)
    if (v <= 0) continue
    raise(state, j, v)
    rest -= v
  }
  return rest
}

/** Water-fills `total` over `members` (equal level, capped); returns what is left. */
function shareEqually(
  state: FillState,
  members: readonly number[],
  total: number,
  bounds: { readonly caps: ArrayLike<number>; readonly mins: ArrayLike<number> },
): number {
  const byCap = [...members].sort((a, b) => bounds.caps[a]! - bounds.caps[b]! || a - b)
  let left = total
  let count = byCap.length
  const share = new Map<number, number>()
  for (const j of byCap) {
    const level = left / count
    const v = Math.min(bounds.caps[j]!, level)
    share.set(j, v)
    left -= v
    count--
  }
  let rest = total
  for (const j of members) {
    const v = Math.min(share.get(j)!, rest)
    if (v <= 0 || v < bounds.mins[j]!) continue
    raise(state, j, v)
    rest -= v
  }
  return rest
}
