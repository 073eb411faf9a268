import type { PerPhase } from '@src/domain/power'

/**
 * A rise above the building's planned load is planned this much higher (A): a building's load
 * wanders by an ampere or two between readings (fans, lights, a kettle), and planning it exactly as
 * read would cut a car at every reading that is a little higher and raise it again at the next one.
 */
export const BUILDING_BAND_A = 2

/** The planned load comes down to the highest reading of this long (ms), plus the band. */
export const BUILDING_WINDOW_MS = 60_000

/** The building load the loop plans with, and the readings it was derived from. */
export interface BuildingPlan {
  /** Per phase: never below the latest reading. */
  readonly plannedA: PerPhase
  /** When the latest reading was taken (its age decides staleness). */
  readonly measuredAt: number
  /** The readings of the last {@link BUILDING_WINDOW_MS}, oldest first. */
  readonly recent: readonly { readonly at: number; readonly currentA: PerPhase }[]
}

/**
 * The building load to plan with after a new reading, per phase: a reading above the plan raises it
 * to that reading plus {@link BUILDING_BAND_A} (one cut of the cars, with room for the next small
 * rise); otherwise the plan comes down to the highest reading of the last {@link BUILDING_WINDOW_MS}
 * plus the band, once that is lower. So the plan is never below the latest reading (what the fuse
 * guarantee is stated against), a building that wanders within the band causes no setpoint, and
 * current freed by a building that fell is handed out a minute later. A building maximum, when
 * configured, caps the band (never the reading). A reading older than the latest is ignored.
 *
 * @example
 * let plan = nextBuildingPlan(undefined, [40, 40, 40], t)      // planned 42 A per phase
 * plan = nextBuildingPlan(plan, [41, 39, 40], t + 5000)       // still 42: no cut
 */
export function nextBuildingPlan(
  prev: BuildingPlan | undefined,
  currentA: PerPhase,
  at: number,
  maxA?: PerPhase,
): BuildingPlan {
  if (prev && at < prev.measuredAt) return prev
  const recent = [...(prev?.recent ?? []).filter((r) => r.at > at - BUILDING_WINDOW_MS), { at, currentA }]
  const planned = (p: 0 | 1 | 2): number => {
    const reading = currentA[p]
    const cap = Math.max(reading, maxA?.[p] ?? Number.POSITIVE_INFINITY)
    const before = prev?.plannedA[p]
    if (before === undefined || reading > before) return Math.min(cap, reading + BUILDING_BAND_A)
    const windowMax = Math.max(...recent.map((r) => r.currentA[p]))
    return Math.min(cap, before, windowMax + BUILDING_BAND_A)
  }
  const plannedA: PerPhase = [planned(0), planned(1), planned(2)]
  return { plannedA, measuredAt: at, recent }
}
