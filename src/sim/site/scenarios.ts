import { hashString, Rng } from '@src/sim/prng'
import { coopBuilding } from './coop-building'
import { coopHabits, coopVisits } from './coop-visits'
import { DayClock } from './day-clock'
import { rowLayout } from './site-layout'
import type { SiteScenario } from './types'

/** Phase-to-neutral voltage of a Nordic low-voltage grid (230/400 V). */
export const NORDIC_VOLTAGE_V = 230

/** The fail-safe current every scenario's site installs (A per phase). */
export const FAIL_SAFE_A = 6

/** Epoch ms of Monday noon local time: a winter week in January, a summer one in June (2024). */
export const MONDAY_NOON_MS = {
  winter: Date.UTC(2024, 0, 15, 11),
  summer: Date.UTC(2024, 5, 17, 10),
} as const

/** A housing co-op scenario. */
export interface CoopOptions {
  readonly spaces: number
  readonly mainA: number
  readonly season: 'winter' | 'summer'
  readonly seed: number
  /** Scenario length (h); default 48: two evenings and two mornings from Monday noon. */
  readonly hours?: number
}

/**
 * A housing co-op's car park: a 3 × 16 A wallbox on every space, rows of ten behind 3 × 50 A row fuses,
 * the building's common load on the same main fuse, residents plugging in after work and leaving in the
 * morning. Deterministic for its options.
 *
 * @example
 * const scenario = coopScenario({ spaces: 40, mainA: 63, season: 'winter', seed: 1 })
 */
export function coopScenario(o: CoopOptions): SiteScenario {
  const name = `coop-${o.spaces}-${o.mainA}A-${o.season}`
  const rng = new Rng(hashString(name) ^ o.seed)
  const clock = new DayClock(12)
  const durationS = (o.hours ?? 48) * 3600
  const { main, chargers } = rowLayout(
    { prefix: 'cp', spaces: o.spaces, mainA: o.mainA, rowSize: 10, rowFuseA: 50, chargerMaxA: 16 },
    rng.fork(),
  )
  const building = coopBuilding(
    { spaces: o.spaces, season: o.season, durationS, readIntervalS: 5 },
    clock,
    rng.fork(),
  )
  const visits = coopVisits(chargers, clock, durationS, coopHabits(o.season), rng.fork())
  return {
    name,
    description: `Housing co-op, ${o.spaces} spaces on a 3 × ${o.mainA} A main fuse, ${o.season}`,
    kind: 'realistic',
    startAtMs: MONDAY_NOON_MS[o.season],
    durationS,
    voltageV: NORDIC_VOLTAGE_V,
    main,
    chargers,
    visits,
    building,
    failSafeA: FAIL_SAFE_A,
  }
}
