import type { GridPhase } from '@src/domain/power'
import type { Rng } from '@src/sim/prng'
import type { ScenarioCharger, ScenarioFuse } from './types'

/** Installers rotate the phases from one wallbox to the next so single-phase cars spread. */
export const ROTATIONS: readonly (readonly GridPhase[])[] = [
  ['L1', 'L2', 'L3'],
  ['L2', 'L3', 'L1'],
  ['L3', 'L1', 'L2'],
]

/** How a car park's wallboxes are installed. */
export interface LayoutOptions {
  readonly prefix: string
  readonly spaces: number
  readonly mainA: number
  /** Wallboxes per row; each row has its own sub-fuse. */
  readonly rowSize: number
  readonly rowFuseA: number
  /** Each wallbox's rating per phase (A). */
  readonly chargerMaxA: number
  /** Rotate the phases from one wallbox to the next (the default); false wires all alike. */
  readonly rotate?: boolean
}

/** The meter intervals wallboxes are configured with, and how common each is (assumption). */
const METER_INTERVALS: readonly { readonly s: number; readonly weight: number }[] = [
  { s: 10, weight: 2 },
  { s: 15, weight: 2 },
  { s: 30, weight: 3 },
  { s: 60, weight: 3 },
]

/** A wallbox with its own latency (0.2–3 s) and meter interval (10–60 s). */
export function wallbox(id: string, maxA: number, wiring: readonly GridPhase[], rng: Rng): ScenarioCharger {
  return {
    id,
    maxA,
    wiring,
    applyLatencyS: Math.round(rng.uniform(0.2, 3) * 10) / 10,
    meterIntervalS: rng.weighted(METER_INTERVALS, (m) => m.weight).s,
  }
}

/**
 * A car park in rows: `spaces` three-phase wallboxes, `rowSize` to a row behind a row fuse, every row
 * behind the main fuse. Wiring rotates from box to box unless told not to.
 */
export function rowLayout(o: LayoutOptions, rng: Rng): { main: ScenarioFuse; chargers: ScenarioCharger[] } {
  const chargers: ScenarioCharger[] = []
  const rows: ScenarioFuse[] = []
  for (let row = 0; row * o.rowSize < o.spaces; row++) {
    const ids: string[] = []
    for (let i = row * o.rowSize; i < Math.min(o.spaces, (row + 1) * o.rowSize); i++) {
      const id = `${o.prefix}-${String(i + 1).padStart(2, '0')}`
      const wiring = o.rotate === false ? ROTATIONS[0]! : ROTATIONS[i % 3]!
      chargers.push(wallbox(id, o.chargerMaxA, wiring, rng))
      ids.push(id)
    }
    rows.push({ id: `${o.prefix}-row${row + 1}`, limitA: o.rowFuseA, chargerIds: ids })
  }
  return { main: { id: `${o.prefix}-main`, limitA: o.mainA, children: rows }, chargers }
}
