import { type ConstraintRow, type ConstraintSet, type CsrRows, fromCsr } from './constraint-set'
import type { Connector, FuseNode, GridPhase, PerPhase, SiteSnapshot } from './site'
import { GRID_PHASES } from './site'

/** Where each session charges: its connector and the phases its EV draws on. */
export interface ResolvedSessions {
  /** The connector of each session, or undefined when the session names an unknown connector. */
  readonly connectorOf: readonly (Connector | undefined)[]
  /** Phases each session's EV actually draws on (0 when it cannot charge). */
  readonly phasesUsed: Int8Array
}

/** A fuse node with its constraint rows: `rows[p]` is the row of grid phase p, or -1. */
export interface NodeRows {
  readonly id: string
  readonly ratedA: number
  readonly rows: readonly number[]
  readonly isMain: boolean
}

/** A site turned into constraint rows over one current per session (A per phase). */
export interface CompiledSite {
  readonly set: ConstraintSet
  readonly nodes: readonly NodeRows[]
  /** Sessions with equal ids load exactly the same rows (same fuses, same grid phases). */
  readonly groupOf: Int32Array
}

interface Placed {
  readonly node: FuseNode
  readonly path: readonly number[]
}

/**
 * Finds each session's connector and the phases its EV uses: all of the connector's, unless the EV
 * has fewer (a single-phase EV on a three-phase charger draws on the first wired phase only).
 */
export function resolveSessions(site: SiteSnapshot): ResolvedSessions {
  const connectors = new Map<string, Connector>()
  for (const c of site.connectors) connectors.set(c.id, c)
  const n = site.sessions.length
  const connectorOf: (Connector | undefined)[] = new Array(n)
  const phasesUsed = new Int8Array(n)
  for (let j = 0; j < n; j++) {
    const s = site.sessions[j]!
    const connector = connectors.get(s.connectorId)
    connectorOf[j] = connector
    const wired = connector ? connector.wiring.length : 0
    phasesUsed[j] = Math.min(s.evPhases ?? wired, wired)
  }
  return { connectorOf, phasesUsed }
}

/**
 * Builds the real rows of a site: for every fuse node and grid phase, the sum of the currents of the
 * sessions below it that draw on that phase must stay within `rated − margin`, and on the main fuse
 * also minus the building load `buildingA`. A session's phases map to grid phases through its
 * connector's wiring (a charger wired twice to one phase loads it twice). Connectors missing from
 * the tree hang on the main fuse, which still protects them. `extraRows` (e.g. the peak row) are
 * appended after the fuse rows. Rows are written straight into CSR arrays: this runs every tick.
 */
export function compileSite(
  site: SiteSnapshot,
  resolved: ResolvedSessions,
  buildingA: PerPhase,
  extraRows: readonly ConstraintRow[] = [],
): CompiledSite {
  const placed = placeNodes(site.grid.main)
  const phaseCount = site.grid.phases
  const nodes = placed.map(({ node }, i): NodeRows => {
    const rows = GRID_PHASES.map((_, p) => (p < phaseCount ? i * phaseCount + p : -1))
    return { id: node.id, ratedA: node.limitA, rows, isMain: i === 0 }
  })
  const columns = sessionColumns(site, resolved, placed)
  const margin = site.safetyMarginA ?? 0
  const ids: string[] = []
  const limits: number[] = []
  placed.forEach(({ node }, n) => {
    for (let p = 0; p < phaseCount; p++) {
      ids.push(`${node.id}/${GRID_PHASES[p]}`)
      limits.push(Math.max(0, node.limitA - margin - (n === 0 ? buildingA[p]! : 0)))
    }
  })
  for (const row of extraRows) {
    ids.push(row.id)
    limits.push(row.limitA)
  }
  const csr = writeCsr(columns, placed, phaseCount, extraRows)
  const set = fromCsr(site.sessions.length, { ids, limits: Float64Array.from(limits), ...csr })
  return { set, nodes, groupOf: columns.groupOf }
}

/** Each session's leaf fuse node (-1: cannot charge) and how often it draws on each grid phase. */
interface SessionColumns {
  readonly leaf: Int32Array
  /** `mult[3·j + p]`: how many of session j's phases are wired to grid phase p. */
  readonly mult: Uint8Array
  readonly groupOf: Int32Array
}

function sessionColumns(
  site: SiteSnapshot,
  resolved: ResolvedSessions,
  placed: readonly Placed[],
): SessionColumns {
  const phaseCount = site.grid.phases
  const leafOf = new Map<string, number>()
  placed.forEach(({ node }, n) => {
    for (const id of node.connectorIds ?? []) if (!leafOf.has(id)) leafOf.set(id, n)
  })
  const n = site.sessions.length
  const out: SessionColumns = {
    leaf: new Int32Array(n),
    mult: new Uint8Array(3 * n),
    groupOf: new Int32Array(n),
  }
  const groupKeys = new Map<number, number>()
  for (let j = 0; j < n; j++) {
    const connector = resolved.connectorOf[j]
    out.leaf[j] = connector ? (leafOf.get(connector.id) ?? 0) : -1
    const used = resolved.phasesUsed[j]!
    for (let k = 0; connector && k < used; k++)
      out.mult[3 * j + phaseIndex(connector.wiring[k]!, phaseCount)]!++
    const key = out.leaf[j]! * 64 + out.mult[3 * j]! * 16 + out.mult[3 * j + 1]! * 4 + out.mult[3 * j + 2]!
    if (!groupKeys.has(key)) groupKeys.set(key, groupKeys.size)
    out.groupOf[j] = groupKeys.get(key)!
  }
  return out
}

type Emit = (row: number, j: number, coef: number) => void

/** Calls `emit` for every fuse-row term, sessions ascending, so each row's terms come out sorted. */
function visitTerms(
  columns: SessionColumns,
  placed: readonly Placed[],
  phaseCount: number,
  emit: Emit,
): void {
  for (let j = 0; j < columns.leaf.length; j++) {
    const leaf = columns.leaf[j]!
    if (leaf < 0) continue
    for (const node of placed[leaf]!.path) {
      for (let p = 0; p < phaseCount; p++) {
        const m = columns.mult[3 * j + p]!
        if (m > 0) emit(node * phaseCount + p, j, m)
      }
    }
  }
}

/** Writes CSR rows for the fuse rows (counting pass, then filling pass), then the extra rows. */
function writeCsr(
  columns: SessionColumns,
  placed: readonly Placed[],
  phaseCount: number,
  extraRows: readonly ConstraintRow[],
): Omit<CsrRows, 'ids' | 'limits'> {
  const fuseRows = placed.length * phaseCount
  const rowCount = fuseRows + extraRows.length
  const rowStart = new Int32Array(rowCount + 1)
  visitTerms(columns, placed, phaseCount, (row) => {
    rowStart[row + 1]!++
  })
  extraRows.forEach((row, i) => {
    rowStart[fuseRows + i + 1] = row.terms.length
  })
  for (let r = 0; r < rowCount; r++) rowStart[r + 1] = rowStart[r + 1]! + rowStart[r]!
  const nnz = rowStart[rowCount]!
  const csr = {
    rowStart,
    rowVar: new Int32Array(nnz),
    rowRe: new Float64Array(nnz),
    rowIm: new Float64Array(nnz),
  }
  const cursor = rowStart.slice(0, rowCount)
  const put: Emit = (row, j, coef) => {
    const at = cursor[row]!++
    csr.rowVar[at] = j
    csr.rowRe[at] = coef
  }
  visitTerms(columns, placed, phaseCount, put)
  extraRows.forEach((row, i) => {
    for (const t of row.terms) {
      put(fuseRows + i, t.index, t.re)
      csr.rowIm[cursor[fuseRows + i]! - 1] = t.im ?? 0
    }
  })
  return csr
}

/** Pre-order list of nodes with the path (indices, leaf to root) of each. */
function placeNodes(main: FuseNode): Placed[] {
  const out: Placed[] = []
  const visit = (node: FuseNode, parentPath: readonly number[]): void => {
    const path = [out.length, ...parentPath]
    out.push({ node, path })
    for (const child of node.children ?? []) visit(child, path)
  }
  visit(main, [])
  return out
}

/** On a single-phase site every conductor is L1, whatever the wiring says. */
function phaseIndex(phase: GridPhase, phaseCount: number): number {
  return phaseCount === 1 ? 0 : Math.max(0, GRID_PHASES.indexOf(phase))
}
