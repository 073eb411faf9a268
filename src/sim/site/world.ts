import type { PerPhase } from '@src/domain/power'
import { ChargerReporter } from './charger-reporting'
import { FuseTruth } from './fuse-truth'
import { SiteCharger } from './site-charger'
import type { ScenarioVisit, SetpointAnswer, SiteScenario, WorldOutput, WorldSecond } from './types'

/** A charger's visits in order, which comes next, and the next second a car comes or goes. */
interface Queue {
  readonly visits: readonly ScenarioVisit[]
  next: number
  changeAtS: number
}

/**
 * A site played second by second: chargers with their cars, the building and its meter, the fuses.
 * Pure and deterministic: nothing but the scenario and the calls made on it decide what happens. The
 * world starts before second 0; `advanceTo(0)` plays second 0. Commands act at the current second.
 *
 * @example
 * const world = new SiteWorld(coopScenario({ spaces: 20, mainA: 35, season: 'winter', seed: 1 }))
 * for (let s = 0; s < 600; s++) {
 *   for (const event of world.advanceTo(s)) controller.take(event)
 *   for (const [chargerId, limitA] of controller.setpoints()) world.setLimit(chargerId, limitA, 300)
 * }
 */
export class SiteWorld {
  readonly scenario: SiteScenario
  readonly #chargers: SiteCharger[]
  readonly #byId: Map<string, SiteCharger>
  readonly #chargerIds: readonly string[]
  readonly #queues: Queue[]
  readonly #truth: FuseTruth
  readonly #reporter: ChargerReporter
  readonly #delivered = new Map<string, number>()
  #now = -1
  #buildingA: PerPhase = [0, 0, 0]
  #transactionIds = 0

  constructor(scenario: SiteScenario) {
    this.scenario = scenario
    this.#reporter = new ChargerReporter(scenario.startAtMs)
    const world = {
      voltageV: scenario.voltageV,
      nextTransactionId: () => ++this.#transactionIds,
      reporter: this.#reporter,
    }
    this.#chargers = scenario.chargers.map((spec) => new SiteCharger(spec, world))
    this.#byId = new Map(this.#chargers.map((c) => [c.spec.id, c]))
    this.#chargerIds = scenario.chargers.map((c) => c.id)
    this.#truth = new FuseTruth(scenario.main, this.#chargerIds)
    this.#queues = scenario.chargers.map((c) => ({
      visits: scenario.visits.filter((v) => v.chargerId === c.id).sort((a, b) => a.arrivalS - b.arrivalS),
      next: 0,
      changeAtS: 0,
    }))
  }

  /** Plays every second up to and including `s`; returns what the chargers and the meter sent, in order. */
  advanceTo(s: number): WorldOutput[] {
    const out: WorldOutput[] = []
    const last = Math.min(Math.floor(s), this.scenario.durationS - 1)
    while (this.#now < last) this.#play(++this.#now, out)
    return out
  }

  #play(s: number, out: WorldOutput[]): void {
    if (s === 0)
      for (const c of this.#chargers) if (!isDownAt(c, 0)) out.push(this.#reporter.connected(c.spec.id, 0))
    this.#buildingA = this.scenario.building.at(s)
    for (let i = 0; i < this.#chargers.length; i++) {
      const charger = this.#chargers[i]!
      const queue = this.#queues[i]!
      if (s >= queue.changeAtS) this.#arriveAndLeave(charger, queue, s, out)
      charger.step(s, out)
      this.#truth.set(i, charger.gridA)
    }
    if (s % this.scenario.building.readIntervalS === 0)
      out.push({ type: 'building.reading', currentA: this.#buildingA, at: this.#reporter.atMs(s) })
  }

  #arriveAndLeave(charger: SiteCharger, queue: Queue, s: number, out: WorldOutput[]): void {
    const current = charger.visitId === undefined ? undefined : queue.visits[queue.next - 1]
    if (current !== undefined && current.departureS <= s) {
      this.#delivered.set(current.id, charger.pluggedDeliveredWh)
      charger.unplug(s, out)
    }
    const next = queue.visits[queue.next]
    if (charger.visitId === undefined && next !== undefined && next.arrivalS <= s) {
      queue.next++
      charger.plugIn(next, s, out)
    }
    const coming = queue.visits[queue.next]
    const leaving = charger.visitId === undefined ? undefined : queue.visits[queue.next - 1]
    queue.changeAtS = leaving?.departureS ?? coming?.arrivalS ?? Infinity
  }

  /** A TxProfile limit (A per phase) on the charger's transaction, valid for `validForS` unless renewed. */
  setLimit(chargerId: string, limitA: number, validForS: number): SetpointAnswer {
    return this.#charger(chargerId).setLimit(limitA, validForS, Math.max(0, this.#now))
  }

  /** The charger's fail-safe TxDefault limit (A per phase): what it offers with no valid TxProfile. */
  setDefault(chargerId: string, limitA: number): SetpointAnswer {
    return this.#charger(chargerId).setDefault(limitA, Math.max(0, this.#now))
  }

  /** The last second played (-1 before the first). */
  get now(): number {
    return this.#now
  }

  /**
   * The truth of the last second played: the current through every fuse (the building's too on the
   * main) and the building's own.
   */
  second(): WorldSecond {
    return { s: this.#now, fuseA: this.#truth.fuses(this.#buildingA), buildingA: this.#buildingA }
  }

  /**
   * A charger's current per grid phase in the last second played (A): what its car truly drew,
   * whatever its meter said.
   */
  chargerA(chargerId: string): PerPhase {
    return this.#charger(chargerId).gridA
  }

  /** The energy a visit has taken so far (Wh): final once it left, 0 before it came. */
  deliveredWh(visitId: string): number {
    const done = this.#delivered.get(visitId)
    if (done !== undefined) return done
    for (const c of this.#chargers) if (c.visitId === visitId) return c.pluggedDeliveredWh
    return 0
  }

  /** The pilot a charger offers now (A; 0 when it offers nothing): what its active profile allows. */
  pilotA(chargerId: string): number {
    return this.#charger(chargerId).pilotA
  }

  /** The visit plugged into a charger now, if any. */
  visitAt(chargerId: string): string | undefined {
    return this.#charger(chargerId).visitId
  }

  /** A charger's energy register (Wh): everything it delivered since second 0. */
  registerWh(chargerId: string): number {
    return this.#charger(chargerId).registerWh
  }

  #charger(chargerId: string): SiteCharger {
    const c = this.#byId.get(chargerId)
    if (c === undefined) throw new Error(`unknown charger ${chargerId}`)
    return c
  }
}

function isDownAt(c: SiteCharger, s: number): boolean {
  return (c.spec.linkDown ?? []).some((d) => s >= d.fromS && s < d.toS)
}
