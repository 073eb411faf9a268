import type { PerPhase } from '@src/domain/power'
import type {
  BuildingReading,
  ScenarioFuse,
  ScenarioVisit,
  SiteScenario,
  WorldSecond,
} from '@src/sim/site/types'
import type { SentSetpoint } from './command-link'
import { type FuseObservation, OverloadLedger, type OverloadSummary } from './overloads'
import { fuseGeometry } from './site-geometry'

/** A fuse with every charger it feeds, directly or below. */
interface Feed {
  readonly id: string
  readonly ratingA: number
  readonly main: boolean
  readonly chargerIds: readonly string[]
}

/** The last limit a charger accepted, and when. */
interface Accepted {
  readonly limitA: number
  readonly at: number
}

/** What the world tells of one charger in the second just played (`SiteWorld` gives it). */
export interface ChargerTruth {
  /** The visit plugged in now, if any. */
  visitAt(chargerId: string): string | undefined
  /** What its car truly draws, per grid phase (A). */
  chargerA(chargerId: string): PerPhase
}

/** What the recorder kept of a run. */
export interface RunRecord {
  readonly overloads: OverloadSummary
  /** Main-fuse current per second, phases interleaved (L1, L2, L3 of second 0, then of second 1, …). */
  readonly mainA: Float32Array
  /** TxProfile setpoints that went out on a link (not those refused at once as Offline). */
  readonly setpoints: number
  /** Fail-safe defaults that went out on a link. */
  readonly defaults: number
  /** Hours cars were plugged in within the scenario. */
  readonly sessionHours: number
  /** The highest main-fuse power of any second (kW), building included. */
  readonly peakKw: number
  /** The highest mean main-fuse power over a clock hour (kW): what a Swedish effect tariff bills. */
  readonly peakHourKw: number
}

/**
 * Watches the world's truth second by second and what the controller did: every setpoint sent, every
 * building reading the controller got. Attributes each second over a rating (see {@link OverloadLedger})
 * with what a reactive controller could and could not have known: the building's rise since the last
 * reading it had (or the building alone over the main fuse), and the current of cars still coming down
 * to a limit sent moments ago.
 */
export class TruthRecorder {
  readonly #feeds: readonly Feed[]
  readonly #visits: ReadonlyMap<string, ScenarioVisit>
  readonly #latencyS: ReadonlyMap<string, number>
  readonly #ledger = new OverloadLedger()
  readonly #accepted = new Map<string, Accepted>()
  readonly #mainA: Float32Array
  #lastReadingA: PerPhase = [0, 0, 0]
  #setpoints = 0
  #defaults = 0

  constructor(private readonly scenario: SiteScenario) {
    this.#feeds = feedsOf(scenario.main)
    this.#visits = new Map(scenario.visits.map((v) => [v.id, v]))
    this.#latencyS = new Map(scenario.chargers.filter((c) => !c.disobeys).map((c) => [c.id, c.applyLatencyS]))
    this.#mainA = new Float32Array(3 * scenario.durationS)
  }

  /** A setpoint the controller sent. */
  sent(s: SentSetpoint): void {
    if (s.status === 'Offline') return
    if (s.purpose === 'default') this.#defaults++
    else this.#setpoints++
    if (s.purpose === 'limit' && s.status === 'Accepted')
      this.#accepted.set(s.chargerId, { limitA: s.limitA, at: s.at })
  }

  /** A building reading the controller got. */
  reading(r: BuildingReading): void {
    this.#lastReadingA = r.currentA
  }

  /**
   * The truth of one second, before the controller hears of anything that happened in it.
   * `world` says which visit is plugged into a charger now and what its car truly draws.
   */
  observe(second: WorldSecond, atMs: number, world: ChargerTruth): void {
    const mainA = second.fuseA.get(this.scenario.main.id)
    if (mainA && second.s >= 0 && second.s < this.scenario.durationS) this.#mainA.set(mainA, 3 * second.s)
    if (!this.#feeds.some((f) => isOver(second.fuseA.get(f.id), f.ratingA))) return
    const b = second.buildingA
    const r = this.#lastReadingA
    const main = this.scenario.main.limitA
    const rise: PerPhase = [
      Math.max(b[0] - r[0], b[0] - main),
      Math.max(b[1] - r[1], b[1] - main),
      Math.max(b[2] - r[2], b[2] - main),
    ]
    const lag = this.#lagA(atMs, world)
    const fuses: FuseObservation[] = this.#feeds.map((f) => {
      const lagA: [number, number, number] = [0, 0, 0]
      for (const id of f.chargerIds) {
        const a = lag.get(id)
        if (a) for (let p = 0; p < 3; p++) lagA[p]! += a[p]!
      }
      return {
        id: f.id,
        ratingA: f.ratingA,
        currentA: second.fuseA.get(f.id) ?? [0, 0, 0],
        buildingRiseA: f.main ? rise : [0, 0, 0],
        lagA,
      }
    })
    this.#ledger.observe(fuses)
  }

  /**
   * Per charger, the current its car draws above the limit the charger accepted, while the charger may
   * still be applying it and the car still answering the new pilot (latency + response delay + the
   * second it was sent in). A disobeying charger never applies it: what its car draws is a load the
   * controller should have carried, not lag.
   */
  #lagA(atMs: number, world: ChargerTruth): Map<string, PerPhase> {
    const out = new Map<string, PerPhase>()
    for (const [chargerId, accepted] of this.#accepted) {
      const visitId = world.visitAt(chargerId)
      const car = visitId === undefined ? undefined : this.#visits.get(visitId)?.car
      const latencyS = this.#latencyS.get(chargerId)
      if (!car || latencyS === undefined) continue
      const drawn = world.chargerA(chargerId)
      const windowMs = 1000 * (latencyS + car.responseDelayS + 1)
      if (atMs - accepted.at > windowMs) continue
      const over = (a: number) => Math.max(0, a - accepted.limitA)
      out.set(chargerId, [over(drawn[0]), over(drawn[1]), over(drawn[2])])
    }
    return out
  }

  /** What the run came to. */
  record(): RunRecord {
    const end = this.scenario.durationS
    const sessionS = this.scenario.visits.reduce(
      (sum, v) => sum + Math.max(0, Math.min(v.departureS, end) - v.arrivalS),
      0,
    )
    return {
      overloads: this.#ledger.summary(),
      mainA: this.#mainA,
      setpoints: this.#setpoints,
      defaults: this.#defaults,
      sessionHours: sessionS / 3600,
      ...this.#power(),
    }
  }

  /** Peak power and the highest clock-hour mean from the main fuse's currents. */
  #power(): { peakKw: number; peakHourKw: number } {
    const { voltageV, startAtMs, durationS } = this.scenario
    let peakKw = 0
    let peakHourKw = 0
    let hour = Math.floor(startAtMs / 3_600_000)
    let sum = 0
    let n = 0
    for (let s = 0; s < durationS; s++) {
      const kw = ((this.#mainA[3 * s]! + this.#mainA[3 * s + 1]! + this.#mainA[3 * s + 2]!) * voltageV) / 1000
      peakKw = Math.max(peakKw, kw)
      const h = Math.floor((startAtMs + s * 1000) / 3_600_000)
      if (h !== hour) {
        peakHourKw = Math.max(peakHourKw, sum / Math.max(1, n))
        ;[hour, sum, n] = [h, 0, 0]
      }
      sum += kw
      n++
    }
    return { peakKw, peakHourKw: Math.max(peakHourKw, sum / Math.max(1, n)) }
  }
}

/** Whether any phase of `currentA` is over `ratingA` (the ledger decides by how much and why). */
const isOver = (currentA: PerPhase | undefined, ratingA: number) =>
  currentA !== undefined && (currentA[0] > ratingA || currentA[1] > ratingA || currentA[2] > ratingA)

/** The fuse tree flattened, main first, each fuse with all the chargers under it. */
function feedsOf(main: ScenarioFuse): Feed[] {
  const { fuses, pathOf } = fuseGeometry(main)
  return fuses.map((f, i) => ({
    id: f.id,
    ratingA: f.limitA,
    main: f.isMain,
    chargerIds: [...pathOf].filter(([, path]) => path.includes(i)).map(([id]) => id),
  }))
}
