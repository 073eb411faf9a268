import { stepToLimit } from './constraint-set'
import type { FillScratch, FillState } from './fill'
import { heapify, heapPop, heapTop } from './index-heap'

const BINDING_EPS = 1e-9

/**
 * Progressive filling (water-filling): the listed sessions rise together, session `j` at speed
 * `weights[j]` (1 when omitted), until it reaches `caps[j]` or a row it loads is full. A session is
 * stopped by a full row only if raising it would make that row's magnitude grow, so on a phasor row a
 * session on the opposite line pair keeps rising. Each round jumps exactly to the next event (a cap,
 * or a row filling up, solved by {@link stepToLimit}); rows are advanced lazily and only the rows of
 * a stopped session are re-solved, so a round costs a scan of the rows in play, no allocation.
 *
 * With equal weights this is max-min fairness: equals get equal current, and nobody is held back for
 * the sake of someone who could not use the capacity anyway.
 */
export function fillTogether(
  state: FillState,
  vars: readonly number[],
  caps: ArrayLike<number>,
  weights?: ArrayLike<number>,
): void {
  const run = startRun(state, vars, caps, weights)
  const limit = vars.length + run.rowCount + 2
  for (let round = 0; round < limit && run.activeCount > 0; round++) advance(run)
  for (let n = 0; n < run.groupCount; n++) {
    const g = run.s.groups[n]!
    if (run.s.groupActive[g]! > 0) freezeGroup(run, g)
  }
  solveDirty(run)
}

interface Run {
  readonly state: FillState
  readonly s: FillScratch
  rowCount: number
  groupCount: number
  dirtyCount: number
  heapSize: number
  level: number
  activeCount: number
}

function startRun(
  state: FillState,
  vars: readonly number[],
  caps: ArrayLike<number>,
  weights?: ArrayLike<number>,
): Run {
  const s = state.scratch
  const run: Run = {
    state,
    s,
    rowCount: 0,
    groupCount: 0,
    dirtyCount: 0,
    heapSize: 0,
    level: 0,
    activeCount: 0,
  }
  let wMax = 0
  if (weights) for (const j of vars) wMax = Math.max(wMax, weights[j]!)
  const scale = weights ? 1 / wMax : 1
  const { x, groupOf } = state
  const { start, weight, capLevel, active, heap } = s
  for (const j of vars) {
    const w = weights ? weights[j]! * scale : 1
    const room = caps[j]! - x[j]!
    if (!(w > 0) || !(room > 0) || active[j]) continue
    start[j] = x[j]!
    weight[j] = w
    capLevel[j] = room / w
    active[j] = 1
    heap[run.heapSize++] = j
    run.activeCount++
    joinGroup(run, groupOf[j]!, j, w)
  }
  for (let n = 0; n < run.groupCount; n++) {
    const g = s.groups[n]!
    enterColumn(run, s.groupHead[g]!, s.groupWeight[g]!)
  }
  heapify(heap, run.heapSize, capLevel)
  for (let n = 0; n < run.rowCount; n++) solveRow(run, s.rows[n]!)
  return run
}

/** A group enters its rows at level 0 (nothing to advance yet, every row is solved afterwards). */
function enterColumn(run: Run, j: number, w: number): void {
  const { colStart, colRow, colRe, colIm } = run.state.set
  const { rows, rowActive, baseLevel, dRe, dIm } = run.s
  const end = colStart[j + 1]!
  for (let k = colStart[j]!; k < end; k++) {
    const row = colRow[k]!
    if (rowActive[row] === 0) {
      rows[run.rowCount++] = row
      baseLevel[row] = 0
    }
    rowActive[row] = rowActive[row]! + 1
    dRe[row] = dRe[row]! + w * colRe[k]!
    dIm[row] = dIm[row]! + w * colIm[k]!
  }
}

function joinGroup(run: Run, g: number, j: number, w: number): void {
  const s = run.s
  if (s.groupActive[g] === 0) {
    s.groups[run.groupCount++] = g
    s.groupHead[g] = -1
    s.groupWeight[g] = 0
  }
  s.nextInGroup[j] = s.groupHead[g]!
  s.groupHead[g] = j
  s.groupWeight[g] = s.groupWeight[g]! + w
  s.groupActive[g] = s.groupActive[g]! + 1
}

/**
 * Adds `dw` times session `j`'s column to the direction of its rows, after bringing them up to the
 * current level; `leave` is -1 when its group leaves the rows, 0 when only its speed changes.
 */
function updateColumn(run: Run, j: number, dw: number, leave: -1 | 0): void {
  const { colStart, colRow, colRe, colIm } = run.state.set
  const { rowActive, dRe, dIm, dirty, dirtyMark } = run.s
  const end = colStart[j + 1]!
  for (let k = colStart[j]!; k < end; k++) {
    const row = colRow[k]!
    materialize(run, row)
    const count = rowActive[row]! + leave
    rowActive[row] = count
    dRe[row] = count === 0 ? 0 : dRe[row]! + dw * colRe[k]!
    dIm[row] = count === 0 ? 0 : dIm[row]! + dw * colIm[k]!
    if (!dirtyMark[row]) {
      dirtyMark[row] = 1
      dirty[run.dirtyCount++] = row
    }
  }
}

/** Brings a row's sum up to the current level along its present direction. */
function materialize(run: Run, row: number): void {
  const { s, state } = run
  const dt = run.level - s.baseLevel[row]!
  if (dt !== 0) {
    state.sRe[row] = state.sRe[row]! + dt * s.dRe[row]!
    state.sIm[row] = state.sIm[row]! + dt * s.dIm[row]!
  }
  s.baseLevel[row] = run.level
}

/** The absolute level at which the row becomes full, given its present direction. */
function solveRow(run: Run, row: number): void {
  const { s, state } = run
  if (s.rowActive[row] === 0) {
    s.bindLevel[row] = Number.POSITIVE_INFINITY
    return
  }
  const step = stepToLimit(state.sRe[row]!, state.sIm[row]!, s.dRe[row]!, s.dIm[row]!, state.limits[row]!)
  s.bindLevel[row] = run.level + step
}

/** Stops one session (it reached its cap); its group goes on without it. */
function freeze(run: Run, j: number): void {
  const { s, state } = run
  if (!s.active[j]) return
  const w = s.weight[j]!
  state.x[j] = s.start[j]! + w * run.level
  s.active[j] = 0
  run.activeCount--
  const g = state.groupOf[j]!
  s.groupActive[g] = s.groupActive[g]! - 1
  if (s.groupActive[g] === 0) {
    updateColumn(run, j, -s.groupWeight[g]!, -1)
    s.groupWeight[g] = 0
  } else {
    s.groupWeight[g] = s.groupWeight[g]! - w
    updateColumn(run, j, -w, 0)
  }
}

/** Stops a whole group at once (a full row): one column update, whatever its size. */
function freezeGroup(run: Run, g: number): void {
  const { s, state } = run
  const rep = s.groupHead[g]!
  for (let j = rep; j >= 0; j = s.nextInGroup[j]!) {
    if (!s.active[j]) continue
    state.x[j] = s.start[j]! + s.weight[j]! * run.level
    s.active[j] = 0
    run.activeCount--
  }
  updateColumn(run, rep, -s.groupWeight[g]!, -1)
  s.groupActive[g] = 0
  s.groupWeight[g] = 0
}

/**
 * Re-solves the rows whose direction changed this round, once each (a full main fuse stops hundreds
 * of sessions at once; solving its row after each of them would be quadratic). Until then a changed
 * row keeps its old binding level, which is safe: the level does not move within a round.
 */
function solveDirty(run: Run): void {
  const { s } = run
  for (let n = 0; n < run.dirtyCount; n++) {
    const row = s.dirty[n]!
    s.dirtyMark[row] = 0
    solveRow(run, row)
  }
  run.dirtyCount = 0
}

function advance(run: Run): void {
  const { s } = run
  while (run.heapSize > 0 && !s.active[heapTop(s.heap)])
    run.heapSize = heapPop(s.heap, run.heapSize, s.capLevel)
  const capNext = run.heapSize > 0 ? s.capLevel[heapTop(s.heap)]! : Number.POSITIVE_INFINITY
  let rowNext = Number.POSITIVE_INFINITY
  let firstRow = -1
  for (let n = 0; n < run.rowCount; n++) {
    const row = s.rows[n]!
    if (s.rowActive[row] !== 0 && s.bindLevel[row]! < rowNext) {
      rowNext = s.bindLevel[row]!
      firstRow = row
    }
  }
  run.level = Math.max(run.level, Math.min(capNext, rowNext))
  const before = run.activeCount
  freezeCapped(run)
  if (rowNext <= run.level + BINDING_EPS) freezeBindingRows(run)
  if (run.activeCount === before && firstRow >= 0) freezeRowVars(run, firstRow, true)
  solveDirty(run)
}

function freezeCapped(run: Run): void {
  const { s } = run
  while (run.heapSize > 0) {
    const j = heapTop(s.heap)
    if (s.active[j] && s.capLevel[j]! > run.level + BINDING_EPS) break
    run.heapSize = heapPop(s.heap, run.heapSize, s.capLevel)
    freeze(run, j)
  }
}

function freezeBindingRows(run: Run): void {
  const { s } = run
  for (let n = 0; n < run.rowCount; n++) {
    const row = s.rows[n]!
    if (s.rowActive[row] !== 0 && s.bindLevel[row]! <= run.level + BINDING_EPS) freezeRowVars(run, row, false)
  }
}

/** Stops the groups that would push a full row further; `all` stops every active one in it. */
function freezeRowVars(run: Run, row: number, all: boolean): void {
  const { sRe, sIm, rowGroups } = run.state
  const { groupActive } = run.s
  materialize(run, row)
  const re = sRe[row]!
  const im = sIm[row]!
  let frozen = 0
  const end = rowGroups.start[row + 1]!
  for (let k = rowGroups.start[row]!; k < end; k++) {
    const g = rowGroups.group[k]!
    if (groupActive[g] === 0 || !(all || re * rowGroups.re[k]! + im * rowGroups.im[k]! > 0)) continue
    freezeGroup(run, g)
    frozen++
  }
  if (frozen === 0 && !all) freezeRowVars(run, row, true)
}
