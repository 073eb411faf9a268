import type { ConstraintSet } from './constraint-set'

/**
 * Buffers progressive filling reuses across fills (allocated once per state, never cleared: every
 * fill leaves them consistent, with no session active and no row in play). Per session, per row and
 * per group of interchangeable sessions.
 */
export interface FillScratch {
  readonly start: Float64Array
  readonly weight: Float64Array
  readonly capLevel: Float64Array
  readonly active: Uint8Array
  readonly heap: Int32Array
  readonly nextInGroup: Int32Array
  readonly rows: Int32Array
  readonly rowActive: Int32Array
  readonly dRe: Float64Array
  readonly dIm: Float64Array
  readonly baseLevel: Float64Array
  readonly bindLevel: Float64Array
  readonly dirty: Int32Array
  readonly dirtyMark: Uint8Array
  readonly groupWeight: Float64Array
  readonly groupActive: Int32Array
  readonly groupHead: Int32Array
  readonly groups: Int32Array
}

/** Scratch for `size` sessions, `rows` rows and `groups` groups. */
export function createScratch(size: number, rows: number, groups: number): FillScratch {
  return {
    start: new Float64Array(size),
    weight: new Float64Array(size),
    capLevel: new Float64Array(size),
    active: new Uint8Array(size),
    heap: new Int32Array(size),
    nextInGroup: new Int32Array(size),
    rows: new Int32Array(rows),
    rowActive: new Int32Array(rows),
    dRe: new Float64Array(rows),
    dIm: new Float64Array(rows),
    baseLevel: new Float64Array(rows),
    bindLevel: new Float64Array(rows),
    dirty: new Int32Array(rows),
    dirtyMark: new Uint8Array(rows),
    groupWeight: new Float64Array(groups),
    groupActive: new Int32Array(groups),
    groupHead: new Int32Array(groups),
    groups: new Int32Array(groups),
  }
}

/**
 * Numbers sessions by their exact constraint column: equal numbers load exactly the same rows with
 * the same coefficients, so for the network only their sum matters. Progressive filling moves such
 * a group as one (its row work is per group, not per session), which is what keeps a 500-connector
 * site fast: a sub-circuit holds a handful of groups, not dozens of sessions.
 */
export function columnGroupIds(set: ConstraintSet): Int32Array {
  const ids = new Int32Array(set.size)
  const byKey = new Map<string, number>()
  for (let j = 0; j < set.size; j++) {
    let key = ''
    for (let k = set.colStart[j]!; k < set.colStart[j + 1]!; k++) {
      key += `${set.colRow[k]}:${set.colRe[k]}:${set.colIm[k]};`
    }
    if (!byKey.has(key)) byKey.set(key, byKey.size)
    ids[j] = byKey.get(key)!
  }
  return ids
}

/** Each row's distinct groups with their (shared) coefficient, in CSR form. */
export interface RowGroups {
  readonly start: Int32Array
  readonly group: Int32Array
  readonly re: Float64Array
  readonly im: Float64Array
}

/**
 * Lists the groups of every row once, so stopping the groups on a full main fuse scans a few hundred
 * groups instead of every session below it.
 */
export function rowGroups(set: ConstraintSet, groupOf: Int32Array, groupCount: number): RowGroups {
  const rows = set.limits.length
  const seen = new Int32Array(groupCount).fill(-1)
  const start = new Int32Array(rows + 1)
  const group: number[] = []
  const re: number[] = []
  const im: number[] = []
  for (let row = 0; row < rows; row++) {
    start[row] = group.length
    for (let k = set.rowStart[row]!; k < set.rowStart[row + 1]!; k++) {
      const g = groupOf[set.rowVar[k]!]!
      if (seen[g] === row) continue
      seen[g] = row
      group.push(g)
      re.push(set.rowRe[k]!)
      im.push(set.rowIm[k]!)
    }
  }
  start[rows] = group.length
  return { start, group: Int32Array.from(group), re: Float64Array.from(re), im: Float64Array.from(im) }
}
