import type { GridPhase } from '../../../src/domain/power/site'
import type { ScenarioFuse } from '../../../src/sim/site/types'

/** A fuse of the tree, flattened: index 0 is the main fuse. */
export interface FlatFuse {
  readonly id: string
  readonly limitA: number
  readonly isMain: boolean
}

/**
 * The fuse tree as a list plus, per charger, the fuses its current passes through (indices into the
 * list, main first). Every fuse row of the optimum, the equal-share split and the excess tally is a
 * sum over the chargers below a fuse, so all three read the tree through this one walk.
 */
export interface FuseGeometry {
  readonly fuses: readonly FlatFuse[]
  readonly pathOf: ReadonlyMap<string, readonly number[]>
}

/** Walks `main` depth-first; a charger listed under two fuses is an error in the scenario. */
export function fuseGeometry(main: ScenarioFuse): FuseGeometry {
  const fuses: FlatFuse[] = []
  const pathOf = new Map<string, readonly number[]>()
  const walk = (fuse: ScenarioFuse, above: readonly number[]): void => {
    const index = fuses.length
    fuses.push({ id: fuse.id, limitA: fuse.limitA, isMain: index === 0 })
    const path = [...above, index]
    for (const chargerId of fuse.chargerIds ?? []) {
      if (pathOf.has(chargerId)) throw new Error(`charger ${chargerId} sits under two fuses`)
      pathOf.set(chargerId, path)
    }
    for (const child of fuse.children ?? []) walk(child, path)
  }
  walk(main, [])
  return { fuses, pathOf }
}

const PHASE_INDEX: Record<GridPhase, number> = { L1: 0, L2: 1, L3: 2 }

/**
 * The grid phases (0 = L1 … 2 = L3) a car draws on: its on-board charger uses the charger's first
 * phases, so a 1-phase car on a 3-phase wallbox draws on `wiring[0]`, a 2-phase car on `wiring[0..1]`,
 * and a 3-phase car on a 1-phase wallbox on its one phase.
 *
 * @example drawnPhases(['L2', 'L3', 'L1'], 1) // [1]: L2
 */
export function drawnPhases(wiring: readonly GridPhase[], carPhases: number): number[] {
  return wiring.slice(0, Math.min(carPhases, wiring.length)).map((p) => PHASE_INDEX[p])
}
