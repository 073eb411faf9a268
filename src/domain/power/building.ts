import type { PerPhase, SiteSnapshot } from './site'

/** The building load the allocation subtracts from the main fuse, and whether it is a guess. */
export interface EffectiveBuilding {
  readonly currentA: PerPhase
  readonly stale: boolean
}

/**
 * The building (non-EV) load to plan with. A fresh reading is used as measured (export counts as 0,
 * because solar output can vanish between two ticks). A reading older than `staleAfterMs`, one from
 * the future by more than that, or none at all is not trusted: the worst case is assumed, i.e. the
 * building's configured maximum, or the whole main fuse when none is configured — EVs then get
 * nothing on that phase until the meter speaks again. A site without a building meter has no
 * building load (a dedicated EV connection).
 */
export function effectiveBuildingLoad(
  site: SiteSnapshot,
  now: number,
  staleAfterMs: number,
): EffectiveBuilding {
  const building = site.building
  if (!building) return { currentA: [0, 0, 0], stale: false }
  const age = building.measuredAt === undefined ? Number.POSITIVE_INFINITY : now - building.measuredAt
  if (Math.abs(age) <= staleAfterMs) {
    const [l1, l2, l3] = building.currentA
    return { currentA: [Math.max(0, l1), Math.max(0, l2), Math.max(0, l3)], stale: false }
  }
  const fuse = site.grid.main.limitA
  return { currentA: building.maxA ?? [fuse, fuse, fuse], stale: true }
}
