import { type ConstraintSet, stepToLimit } from './constraint-set'
import { columnGroupIds, createScratch, type FillScratch, type RowGroups, rowGroups } from './fill-scratch'

export type { FillScratch }

/**
 * What every fill over one constraint set shares and never changes: the limits (shrunk by a few
 * nanoamperes so floating-point rounding can never put a row over its fuse) and the groups of
 * interchangeable sessions. Built once per tick, used by the plan and by the allocation.
 */
export interface FillLayout {
  readonly set: ConstraintSet
  readonly limits: Float64Array
  /** Group of each session: equal ids have identical columns (see {@link columnGroupIds}). */
  readonly groupOf: Int32Array
  readonly groupCount: number
  readonly rowGroups: RowGroups
}

/**
 * Mutable working state of one allocation: the currents and the complex sum of every row, kept in
 * step so that asking "how much more can session j take?" costs only the rows session j touches.
 */
export interface FillState extends FillLayout {
  readonly x: Float64Array
  readonly sRe: Float64Array
  readonly sIm: Float64Array
  readonly scratch: FillScratch
}

const ABS_MARGIN_A = 1e-7
const REL_MARGIN = 1e-9

/**
 * The layout of a constraint set. `groupOf` must give equal ids only to sessions with identical
 * columns (the site compiler knows them); by default they are found by comparing columns.
 */
export function createFillLayout(set: ConstraintSet, groupOf: Int32Array = columnGroupIds(set)): FillLayout {
  const limits = set.limits.map((l) => Math.max(0, l - ABS_MARGIN_A - Math.abs(l) * REL_MARGIN))
  let groupCount = 0
  for (const g of groupOf) groupCount = Math.max(groupCount, g + 1)
  return { set, limits, groupOf, groupCount, rowGroups: rowGroups(set, groupOf, groupCount) }
}

/** A state with every current at zero, over a set or a layout already built for it. */
export function createFillState(from: ConstraintSet | FillLayout): FillState {
  const layout = 'rowGroups' in from ? from : createFillLayout(from)
  const rows = layout.limits.length
  return {
    ...layout,
    x: new Float64Array(layout.set.size),
    sRe: new Float64Array(rows),
    sIm: new Float64Array(rows),
    scratch: createScratch(layout.set.size, rows, layout.groupCount),
  }
}

/** Sets every current back to zero so a state can be reused without allocating. */
export function resetFillState(state: FillState): void {
  state.x.fill(0)
  state.sRe.fill(0)
  state.sIm.fill(0)
}

/** A copy of a state's currents and row sums, to go back to (see {@link restoreFillState}). */
export interface SavedFill {
  readonly x: Float64Array
  readonly sRe: Float64Array
  readonly sIm: Float64Array
}

/** Saves the currents and row sums of a state. */
export function saveFillState(state: FillState): SavedFill {
  return {
    x: Float64Array.from(state.x),
    sRe: Float64Array.from(state.sRe),
    sIm: Float64Array.from(state.sIm),
  }
}

/** Puts a state back to what {@link saveFillState} saved. */
export function restoreFillState(state: FillState, saved: SavedFill): void {
  state.x.set(saved.x)
  state.sRe.set(saved.sRe)
  state.sIm.set(saved.sIm)
}

/** Adds `delta` amperes to session `j` (no check: use {@link maxRaise} first). */
export function raise(state: FillState, j: number, delta: number): void {
  const { set, sRe, sIm } = state
  state.x[j] = state.x[j]! + delta
  for (let k = set.colStart[j]!; k < set.colStart[j + 1]!; k++) {
    const row = set.colRow[k]!
    sRe[row] = sRe[row]! + set.colRe[k]! * delta
    sIm[row] = sIm[row]! + set.colIm[k]! * delta
  }
}

/** The exact largest increase of session `j` that keeps every row it touches within its limit. */
export function maxRaise(state: FillState, j: number): number {
  const { set, sRe, sIm, limits } = state
  let best = Number.POSITIVE_INFINITY
  for (let k = set.colStart[j]!; k < set.colStart[j + 1]!; k++) {
    const row = set.colRow[k]!
    const step = stepToLimit(sRe[row]!, sIm[row]!, set.colRe[k]!, set.colIm[k]!, limits[row]!)
    if (step < best) best = step
  }
  return best
}

/**
 * An exact fit: raising session `j` by `need` keeps every row it loads within its true (unshrunk)
 * limit, all of them real rows. A 6 A minimum into exactly 6 A left is admitted, not lost to the
 * float margin; phasor rows keep the margin.
 */
function fitsRealRows(state: FillState, j: number, need: number): boolean {
  const { set, sRe, sIm } = state
  for (let k = set.colStart[j]!; k < set.colStart[j + 1]!; k++) {
    const row = set.colRow[k]!
    if (set.colIm[k] !== 0 || sIm[row] !== 0 || set.complex[row] === 1) return false
    if (Math.abs(sRe[row]! + need * set.colRe[k]!) > set.limits[row]!) return false
  }
  return true
}

/**
 * True when every row session `j` loads is within its limit. Needed after lowering a current: on a
 * phasor row, less current on one line pair can mean a larger magnitude (`|AB + BC − 2·CA|`).
 */
export function columnWithinLimits(state: FillState, j: number): boolean {
  const { set, sRe, sIm, limits } = state
  for (let k = set.colStart[j]!; k < set.colStart[j + 1]!; k++) {
    const row = set.colRow[k]!
    if (Math.hypot(sRe[row]!, sIm[row]!) > limits[row]! + 1e-9) return false
  }
  return true
}

/**
 * Greedy pass: in the given order, raises each session as far as its cap and the rows allow. After it,
 * no listed session can take one more milliampere alone, which is what makes the allocation
 * work-conserving (capacity left over by one session flows to the next). A session at 0 is only
 * started if it can get at least `mins[j]`.
 */
export function topUp(
  state: FillState,
  order: ArrayLike<number>,
  caps: ArrayLike<number>,
  mins?: ArrayLike<number>,
): void {
  for (let n = 0; n < order.length; n++) {
    const j = order[n]!
    const room = caps[j]! - state.x[j]!
    if (room <= 0) continue
    const delta = Math.min(room, maxRaise(state, j))
    if (delta <= 0 || (mins && state.x[j]! + delta < mins[j]!)) continue
    raise(state, j, delta)
  }
}

/**
 * Admits sessions at their minimum current in priority order: a session whose minimum does not fit
 * gets 0 (J1772/IEC 61851 cannot charge below ~6 A, so "a little" is not an option).
 * Returns the admitted sessions, in the same order.
 */
export function admitMinimums(state: FillState, order: ArrayLike<number>, mins: ArrayLike<number>): number[] {
  const admitted: number[] = []
  for (let n = 0; n < order.length; n++) {
    const j = order[n]!
    const need = mins[j]! - state.x[j]!
    if (need <= 0) {
      admitted.push(j)
    } else if (maxRaise(state, j) >= need || fitsRealRows(state, j, need)) {
      raise(state, j, need)
      admitted.push(j)
    }
  }
  return admitted
}
