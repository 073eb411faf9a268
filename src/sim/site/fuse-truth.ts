import type { PerPhase } from '@src/domain/power'
import type { ScenarioFuse } from './types'

/** A fuse with the indices (into the world's charger list) of every charger below it. */
interface FuseFeed {
  readonly id: string
  readonly chargers: readonly number[]
  /** True for the main fuse: the building's load runs through it too. */
  readonly main: boolean
}

/** Flattens the fuse tree, main first, each fuse with all the chargers it feeds, directly or below. */
function fuseFeeds(main: ScenarioFuse, chargerIndex: ReadonlyMap<string, number>): FuseFeed[] {
  const feeds: FuseFeed[] = []
  const walk = (fuse: ScenarioFuse, isMain: boolean): number[] => {
    const own = (fuse.chargerIds ?? []).map((id) => {
      const i = chargerIndex.get(id)
      if (i === undefined) throw new Error(`fuse ${fuse.id} feeds unknown charger ${id}`)
      return i
    })
    const slot = feeds.length
    feeds.push({ id: fuse.id, chargers: [], main: isMain })
    const all = [...own, ...(fuse.children ?? []).flatMap((child) => walk(child, false))]
    feeds[slot] = { id: fuse.id, chargers: all, main: isMain }
    return all
  }
  walk(main, true)
  return feeds
}

const NO_CURRENT: PerPhase = [0, 0, 0]

/**
 * The true current through every fuse, kept cheaply second by second: a fuse's chargers are summed
 * again only in a second when one of them changed its draw, which in steady charging is rare, so the
 * truth costs little even when the scorer reads it every second.
 */
export class FuseTruth {
  readonly #feeds: readonly FuseFeed[]
  /** Fuse indices each charger feeds through. */
  readonly #fusesOf: readonly number[][]
  readonly #chargerA: PerPhase[]
  readonly #sums: PerPhase[]
  readonly #dirty: boolean[]

  constructor(main: ScenarioFuse, chargerIds: readonly string[]) {
    this.#feeds = fuseFeeds(main, new Map(chargerIds.map((id, i) => [id, i])))
    this.#fusesOf = chargerIds.map(() => [])
    this.#feeds.forEach((feed, f) => {
      for (const i of feed.chargers) this.#fusesOf[i]!.push(f)
    })
    this.#chargerA = chargerIds.map(() => NO_CURRENT)
    this.#sums = this.#feeds.map(() => NO_CURRENT)
    this.#dirty = this.#feeds.map(() => false)
  }

  /** Charger `i` draws `currentA` per grid phase now (the same tuple while its draw is unchanged). */
  set(i: number, currentA: PerPhase): void {
    if (this.#chargerA[i] === currentA) return
    this.#chargerA[i] = currentA
    for (const f of this.#fusesOf[i]!) this.#dirty[f] = true
  }

  /** The current through each fuse, main first, the building's `buildingA` on the main. */
  fuses(buildingA: PerPhase): Map<string, PerPhase> {
    const out = new Map<string, PerPhase>()
    this.#feeds.forEach((feed, f) => {
      if (this.#dirty[f]) {
        this.#sums[f] = this.#sum(feed)
        this.#dirty[f] = false
      }
      const a = this.#sums[f]!
      out.set(feed.id, feed.main ? [a[0] + buildingA[0], a[1] + buildingA[1], a[2] + buildingA[2]] : a)
    })
    return out
  }

  #sum(feed: FuseFeed): PerPhase {
    let l1 = 0
    let l2 = 0
    let l3 = 0
    for (const i of feed.chargers) {
      const a = this.#chargerA[i]!
      l1 += a[0]
      l2 += a[1]
      l3 += a[2]
    }
    return [l1, l2, l3]
  }
}
