/**
 * The general constraint core: every physical limit of a site is one row
 * `|Σ_j a_ij · I_j| ≤ limit_i`, with complex coefficients `a_ij` and session currents `I_j ≥ 0` (A).
 *
 * - A European site gives real rows: the conductor of phase L2 of a sub-circuit carries the sum of the
 *   currents of the sessions wired to L2 below it (coefficient 1, or 0 when not wired).
 * - A North-American three-phase site such as the Caltech ACN gives phasor rows: EVSEs sit on line
 *   pairs at +30°, −90°, +150°, and a transformer winding carries `|AB − CA|`, a magnitude.
 *
 * One representation serves both, so the same scheduler runs in the site loop and in the benchmark.
 * Rows are stored twice (by row and by column) in flat typed arrays so the scheduler can both sum a row
 * and find the rows a session touches without allocating.
 */

/** One coefficient of a row: session `index` contributes `(re + i·im) · I_index` amperes. */
export interface ConstraintTerm {
  readonly index: number
  readonly re: number
  readonly im?: number
}

/** One physical limit, e.g. `{ id: 'main/L1', limitA: 60, terms: [...] }`. */
export interface ConstraintRow {
  readonly id: string
  readonly limitA: number
  readonly terms: readonly ConstraintTerm[]
}

/** Compiled rows over `size` session currents; read-only once built. */
export interface ConstraintSet {
  readonly size: number
  readonly ids: readonly string[]
  readonly limits: Float64Array
  /** 1 when the row has an imaginary coefficient (needs the magnitude), 0 for the fast real case. */
  readonly complex: Uint8Array
  readonly rowStart: Int32Array
  readonly rowVar: Int32Array
  readonly rowRe: Float64Array
  readonly rowIm: Float64Array
  readonly colStart: Int32Array
  readonly colRow: Int32Array
  readonly colRe: Float64Array
  readonly colIm: Float64Array
}

/** Rows in compressed sparse row form: row `i` holds entries `rowStart[i] .. rowStart[i+1]-1`. */
export interface CsrRows {
  readonly ids: readonly string[]
  readonly limits: Float64Array
  readonly rowStart: Int32Array
  readonly rowVar: Int32Array
  readonly rowRe: Float64Array
  readonly rowIm: Float64Array
}

/**
 * Compiles rows into a {@link ConstraintSet}. Terms with a zero coefficient are dropped; a term whose
 * index is outside `0..size-1` is a bug in the caller and throws.
 */
export function compileConstraints(size: number, rows: readonly ConstraintRow[]): ConstraintSet {
  const kept = rows.map((row) => mergeTerms(row.terms).filter((t) => t.re !== 0 || t.im !== 0))
  const nnz = kept.reduce((n, terms) => n + terms.length, 0)
  const csr = {
    ids: rows.map((r) => r.id),
    limits: Float64Array.from(rows, (r) => r.limitA),
    rowStart: new Int32Array(rows.length + 1),
    rowVar: new Int32Array(nnz),
    rowRe: new Float64Array(nnz),
    rowIm: new Float64Array(nnz),
  }
  let k = 0
  kept.forEach((terms, i) => {
    csr.rowStart[i] = k
    for (const t of terms) {
      csr.rowVar[k] = t.index
      csr.rowRe[k] = t.re
      csr.rowIm[k++] = t.im
    }
  })
  csr.rowStart[rows.length] = k
  return fromCsr(size, csr)
}

/** One term per session: a session named twice in a row contributes the sum of its coefficients. */
function mergeTerms(terms: readonly ConstraintTerm[]): { index: number; re: number; im: number }[] {
  const byIndex = new Map<number, { index: number; re: number; im: number }>()
  for (const t of terms) {
    const seen = byIndex.get(t.index)
    if (seen) {
      seen.re += t.re
      seen.im += t.im ?? 0
    } else {
      byIndex.set(t.index, { index: t.index, re: t.re, im: t.im ?? 0 })
    }
  }
  return [...byIndex.values()]
}

/**
 * A {@link ConstraintSet} from rows already in CSR form (the site compiler builds them directly,
 * which keeps a 500-connector site well under a millisecond). Adds the column view.
 */
export function fromCsr(size: number, csr: CsrRows): ConstraintSet {
  const rowCount = csr.limits.length
  const complex = new Uint8Array(rowCount)
  const colCount = new Int32Array(size + 1)
  for (let i = 0; i < rowCount; i++) {
    for (let k = csr.rowStart[i]!; k < csr.rowStart[i + 1]!; k++) {
      const j = csr.rowVar[k]!
      if (!(j >= 0 && j < size)) throw new RangeError(`term index ${j} outside 0..${size - 1}`)
      if (csr.rowIm[k] !== 0) complex[i] = 1
      colCount[j + 1] = colCount[j + 1]! + 1
    }
  }
  const columns = transpose(size, rowCount, csr.rowStart, csr.rowVar, csr.rowRe, csr.rowIm, colCount)
  return { size, ...csr, complex, ...columns }
}

function transpose(
  size: number,
  rowCount: number,
  rowStart: Int32Array,
  rowVar: Int32Array,
  rowRe: Float64Array,
  rowIm: Float64Array,
  colCount: Int32Array,
): Pick<ConstraintSet, 'colStart' | 'colRow' | 'colRe' | 'colIm'> {
  const colStart = new Int32Array(size + 1)
  for (let j = 0; j < size; j++) colStart[j + 1] = colStart[j]! + colCount[j + 1]!
  const fill = colStart.slice(0, size)
  const nnz = rowVar.length
  const colRow = new Int32Array(nnz)
  const colRe = new Float64Array(nnz)
  const colIm = new Float64Array(nnz)
  for (let i = 0; i < rowCount; i++) {
    for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) {
      const j = rowVar[k]!
      const at = fill[j]!++
      colRow[at] = i
      colRe[at] = rowRe[k]!
      colIm[at] = rowIm[k]!
    }
  }
  return { colStart, colRow, colRe, colIm }
}

/** The complex sum of every row for currents `x`, as two arrays (real, imaginary parts). */
export function rowSums(set: ConstraintSet, x: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  const rows = set.limits.length
  const re = new Float64Array(rows)
  const im = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    let r = 0
    let m = 0
    for (let k = set.rowStart[i]!; k < set.rowStart[i + 1]!; k++) {
      const v = x[set.rowVar[k]!]!
      r += set.rowRe[k]! * v
      m += set.rowIm[k]! * v
    }
    re[i] = r
    im[i] = m
  }
  return { re, im }
}

/** The magnitude `|Σ a_ij I_j|` of every row (A): what each conductor or winding carries. */
export function rowMagnitudes(set: ConstraintSet, x: ArrayLike<number>): Float64Array {
  const { re, im } = rowSums(set, x)
  return re.map((r, i) => Math.hypot(r, im[i]!))
}

/**
 * True when no row exceeds its limit by more than `toleranceA`. The check is exact for phasor rows
 * (it computes the magnitude, never a linear bound).
 */
export function isFeasible(set: ConstraintSet, x: ArrayLike<number>, toleranceA = 1e-9): boolean {
  const magnitudes = rowMagnitudes(set, x)
  return magnitudes.every((m, i) => m <= set.limits[i]! + toleranceA)
}

/**
 * Largest `λ ≥ 0` with `|S + λ·D| ≤ L`, solved exactly from the quadratic
 * `|D|²λ² + 2·Re(S̄D)·λ + |S|² − L² ≤ 0`. Returns 0 when the row is already at or over its limit
 * and moving along `D` cannot bring it back to the limit, and `Infinity` when `D` is zero.
 */
export function stepToLimit(sRe: number, sIm: number, dRe: number, dIm: number, limit: number): number {
  if (dIm === 0 && sIm === 0) return realStep(sRe, dRe, limit)
  const a = dRe * dRe + dIm * dIm
  if (a === 0) return Number.POSITIVE_INFINITY
  const b = 2 * (sRe * dRe + sIm * dIm)
  const c = sRe * sRe + sIm * sIm - limit * limit
  const disc = b * b - 4 * a * c
  if (c >= 0) return b < 0 && disc >= 0 ? (-b + Math.sqrt(disc)) / (2 * a) : 0
  const root = Math.sqrt(disc)
  return b > 0 ? (2 * c) / (-b - root) : (-b + root) / (2 * a)
}

/** The real-row case of {@link stepToLimit}: `|S + λ·D| ≤ L` on the real line, no square root. */
function realStep(s: number, d: number, limit: number): number {
  if (d > 0) return s >= limit ? 0 : (limit - s) / d
  if (d < 0) return s <= -limit ? 0 : (limit + s) / -d
  return Number.POSITIVE_INFINITY
}
