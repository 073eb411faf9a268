import type { PerPhase } from '@src/domain/power'
import type { ScenarioFuse } from './types'

/** A fuse with the indices (into the world's charger list) of every charger below it. */
export interface FuseFeed {
  readonly id: string
  readonly limitA: number
  readonly chargers: readonly number[]
  /** True for the main fuse: the building's load runs through it too. */
  readonly main: boolean
}

/** Flattens the fuse tree, main first, each fuse with all the chargers it feeds, directly or below. */
export function fuseFeeds(main: ScenarioFuse, chargerIndex: ReadonlyMap<string, number>): FuseFeed[] {
  const feeds: FuseFeed[] = []
  const walk = (fuse: ScenarioFuse, isMain: boolean): number[] => {
    const own = (fuse.chargerIds ?? []).map((id) => {
      const i = chargerIndex.get(id)
      if (i === undefined) throw new Error(`fuse ${fuse.id} feeds unknown charger ${id}`)
      return i
    })
    const slot = feeds.length
    feeds.push({ id: fuse.id, limitA: fuse.limitA, chargers: [], main: isMain })
    const below = (fuse.children ?? []).flatMap((child) => walk(child, false))
    const all = [...own, ...below]
    feeds[slot] = { id: fuse.id, limitA: fuse.limitA, chargers: all, main: isMain }
    return all
  }
  walk(main, true)
  return feeds
}

/** The current per grid phase through `feed` (A): its chargers' draw, plus the building at the main. */
export function fuseCurrent(
  feed: FuseFeed,
  chargerA: readonly Float64Array[],
  buildingA: PerPhase,
): PerPhase {
  let l1 = feed.main ? buildingA[0] : 0
  let l2 = feed.main ? buildingA[1] : 0
  let l3 = feed.main ? buildingA[2] : 0
  for (const i of feed.chargers) {
    const a = chargerA[i]!
    l1 += a[0]!
    l2 += a[1]!
    l3 += a[2]!
  }
  return [l1, l2, l3]
}
