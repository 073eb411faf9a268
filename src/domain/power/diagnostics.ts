import { type ConstraintSet, rowMagnitudes } from './constraint-set'
import type { PerPhase } from './site'
import type { CompiledSite } from './site-constraints'

/** Load on one fuse per phase `[L1, L2, L3]` (A); phases the site does not have read 0. */
export interface NodeLoad {
  readonly id: string
  readonly ratedA: number
  /** EV currents through this fuse. */
  readonly evLoadA: PerPhase
  /** EV plus building (main fuse only). */
  readonly loadA: PerPhase
  /** Rating minus safety margin minus load: never negative unless the building alone exceeds it. */
  readonly headroomA: PerPhase
}

/** Per-fuse loads of an allocation, for the admin page and the site actor's lag/health report. */
export function nodeLoads(
  compiled: CompiledSite,
  currents: Float64Array,
  buildingA: PerPhase,
  margin: number,
): NodeLoad[] {
  const magnitudes = rowMagnitudes(compiled.set, currents)
  return compiled.nodes.map((node) => {
    const ev = node.rows.map((r) => (r < 0 ? 0 : magnitudes[r]!))
    const load = ev.map((a, p) => (node.isMain && node.rows[p]! >= 0 ? a + buildingA[p]! : a))
    const headroom = load.map((a, p) => (node.rows[p]! < 0 ? 0 : node.ratedA - margin - a))
    return {
      id: node.id,
      ratedA: node.ratedA,
      evLoadA: triple(ev),
      loadA: triple(load),
      headroomA: triple(headroom),
    }
  })
}

function triple(values: readonly number[]): PerPhase {
  return [values[0] ?? 0, values[1] ?? 0, values[2] ?? 0]
}

/**
 * Turns scheduler currents into setpoints: rounded down to `resolutionA` (chargers take 0.1 A steps;
 * a hair of float noise below a step counts as the step), 0 below a session's minimum, then every
 * row re-checked exactly. A row that rounding pushed over its limit gets plain rounding down; should
 * one still be over (a bug: the scheduler only takes steps it has proven feasible), every session on
 * it is stopped. This is the last line of defence for the fuses. Returns a new array.
 */
export function finalizeCurrents(
  set: ConstraintSet,
  currents: Float64Array,
  minA: ArrayLike<number>,
  resolutionA: number,
): Float64Array {
  const perAmp = Math.round(1 / resolutionA)
  const step = (a: number, min: number, slack: number): number => {
    if (!(a > 0) || a < min - 1e-9) return 0
    const v = Math.floor((a + slack) * perAmp) / perAmp
    return Math.max(v, min)
  }
  const out = currents.map((a, j) => step(a, minA[j]!, 1e-6))
  for (const row of overLimit(set, out)) {
    for (let k = set.rowStart[row]!; k < set.rowStart[row + 1]!; k++) {
      const j = set.rowVar[k]!
      out[j] = step(currents[j]!, minA[j]!, 0)
    }
  }
  for (const row of overLimit(set, out)) {
    for (let k = set.rowStart[row]!; k < set.rowStart[row + 1]!; k++) out[set.rowVar[k]!] = 0
  }
  return out
}

function overLimit(set: ConstraintSet, x: Float64Array): number[] {
  const magnitudes = rowMagnitudes(set, x)
  const rows: number[] = []
  magnitudes.forEach((m, row) => {
    if (m > set.limits[row]!) rows.push(row)
  })
  return rows
}
