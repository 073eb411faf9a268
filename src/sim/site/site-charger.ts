import type { ConnectorStatus } from '@src/domain/charger/types'
import type { GridPhase, PerPhase } from '@src/domain/power'
import { IEC_MIN_PILOT_A } from '@src/sim/pilot-follower'
import { CarSession } from './car-session'
import { ChargerLink } from './charger-link'
import { ChargerProfiles } from './charger-profiles'
import { type ChargerReporter, chargingStateOf, meterSample } from './charger-reporting'
import type { ScenarioCharger, ScenarioVisit, SetpointAnswer, WorldOutput } from './types'

/**
 * A charger holds its last status this long after it starts offering current before it calls a car
 * that does not draw SuspendedEV: a car takes up to 9 s to answer a new pilot, and chargers do not
 * report every car that is still closing its relay as suspended.
 */
export const SUSPENDED_EV_GRACE_S = 10

const GRID_INDEX: Record<GridPhase, 0 | 1 | 2> = { L1: 0, L2: 1, L3: 2 }
const NO_CURRENT: PerPhase = [0, 0, 0]

/** The world's shared facts a charger needs. */
export interface ChargerWorld {
  readonly voltageV: number
  /** The next transaction id, unique in the world. */
  readonly nextTransactionId: () => number
  readonly reporter: ChargerReporter
}

interface Plugged {
  readonly visit: ScenarioVisit
  readonly car: CarSession
  readonly transactionId: number
  readonly startRegisterWh: number
  readonly startS: number
}

/**
 * One simulated single-EVSE charger: its profiles and pilot, the car plugged into it, its energy
 * register and its reporting (status, meter values, transactions) over a link that may drop.
 */
export class SiteCharger {
  readonly spec: ScenarioCharger
  /** Current per grid phase in the last second played (A); a new tuple only when it changes. */
  gridA: PerPhase = NO_CURRENT
  readonly #world: ChargerWorld
  readonly #profiles: ChargerProfiles
  readonly #link: ChargerLink<WorldOutput>
  readonly #gridIndex: readonly (0 | 1 | 2)[]
  #plugged: Plugged | undefined
  #pilotA = 0
  #offeringSinceS = 0
  #status: ConnectorStatus = 'Available'
  #reported: ConnectorStatus = 'Available'
  #registerWh = 0
  /** The draw `gridA` was made from. */
  #gridDrawA = 0
  /** The pilot must be worked out again, though no profile arrives or runs out (a transaction ended). */
  #pilotStale = true
  /** When the running transaction's next periodic meter value is due. */
  #nextMeterS = Infinity

  constructor(spec: ScenarioCharger, world: ChargerWorld) {
    this.spec = spec
    this.#world = world
    this.#profiles = new ChargerProfiles(spec.maxA, spec.applyLatencyS)
    this.#link = new ChargerLink(spec.linkDown ?? [])
    this.#gridIndex = spec.wiring.map((p) => GRID_INDEX[p])
  }

  /** A TxProfile limit sent at second `s`. */
  setLimit(limitA: number, validForS: number, s: number): SetpointAnswer {
    if (!this.#link.up) return { status: 'NoAnswer' }
    if (this.#plugged === undefined) return this.#answer('Rejected', s)
    if (!this.spec.disobeys) this.#profiles.receiveTx(limitA, validForS, s)
    return this.#answer('Accepted', s)
  }

  /** The TxDefault (fail-safe) limit sent at second `s`. */
  setDefault(limitA: number, s: number): SetpointAnswer {
    if (!this.#link.up) return { status: 'NoAnswer' }
    if (!this.spec.disobeys) this.#profiles.receiveDefault(limitA, s)
    return this.#answer('Accepted', s)
  }

  /** The car of `visit` plugs in at second `s`: a transaction starts. */
  plugIn(visit: ScenarioVisit, s: number, out: WorldOutput[]): void {
    const phases = Math.min(visit.car.phases, this.spec.wiring.length) as 1 | 2 | 3
    const car = new CarSession(visit.car, visit.needWh, this.#world.voltageV, phases)
    const plugged = {
      visit,
      car,
      transactionId: this.#world.nextTransactionId(),
      startRegisterWh: Math.round(this.#registerWh),
      startS: s,
    }
    this.#status = 'Preparing'
    this.#sendStatus(s, out)
    this.#plugged = plugged
    this.#nextMeterS = s + this.spec.meterIntervalS
    this.#hold(this.#world.reporter.started(this.spec.id, plugged), out)
    if (visit.reportsNeeds) this.#send(this.#world.reporter.needs(this.spec.id, visit, s), out)
    if (this.#pilotA >= IEC_MIN_PILOT_A) car.offer(this.#pilotA, s)
  }

  /** The car leaves at second `s`: the transaction ends and the TxProfile goes with it. */
  unplug(s: number, out: WorldOutput[]): void {
    const plugged = this.#plugged
    if (plugged === undefined) return
    const energyWh = Math.round(this.#registerWh) - plugged.startRegisterWh
    this.#hold(this.#world.reporter.ended(this.spec.id, plugged.transactionId, energyWh, s), out)
    this.#plugged = undefined
    this.#profiles.dropTx()
    this.#pilotStale = true
    this.#status = 'Available'
    this.#sendStatus(s, out)
    this.gridA = NO_CURRENT
  }

  /** Plays second `s`: link, pilot, car, register, status and meter values. */
  step(s: number, out: WorldOutput[]): void {
    const change = this.#link.tick(s)
    if (change === 'noticed') out.push(this.#world.reporter.disconnected(this.spec.id, s))
    if (this.#pilotStale || this.#profiles.changesBy(s)) this.#updatePilot(s)
    if (this.#plugged !== undefined) this.#play(this.#plugged, s, out)
    if (change === 'recovered') this.#reconnect(s, out)
  }

  /** The pilot from the profiles in force at second `s`; a change reaches the car (after its delay). */
  #updatePilot(s: number): void {
    this.#pilotStale = false
    const limit = this.spec.disobeys ? this.spec.maxA : this.#profiles.limitAt(s)
    const pilot = limit >= IEC_MIN_PILOT_A ? limit : 0
    if (pilot === this.#pilotA) return
    if (this.#pilotA === 0) this.#offeringSinceS = s
    this.#pilotA = pilot
    this.#plugged?.car.offer(pilot, s)
  }

  #play(plugged: Plugged, s: number, out: WorldOutput[]): void {
    const car = plugged.car
    const drawA = car.step(s)
    if (drawA !== this.#gridDrawA) {
      this.#gridDrawA = drawA
      const grid: [number, number, number] = [0, 0, 0]
      for (let k = 0; k < car.phases; k++) grid[this.#gridIndex[k]!] += drawA
      this.gridA = grid
    }
    this.#registerWh += (drawA * car.phases * this.#world.voltageV) / 3600
    this.#status = this.#statusNow(plugged, s)
    if (this.#status !== this.#reported) this.#sendStatus(s, out)
    if (s >= this.#nextMeterS) {
      this.#nextMeterS += this.spec.meterIntervalS
      this.#sendMeter(plugged, s, out)
    }
  }

  #statusNow(plugged: Plugged, s: number): ConnectorStatus {
    if (this.#pilotA === 0) return 'SuspendedEVSE'
    if (plugged.car.requesting) return 'Charging'
    const since = Math.max(this.#offeringSinceS, plugged.startS)
    return s - since >= SUSPENDED_EV_GRACE_S ? 'SuspendedEV' : this.#status
  }

  #reconnect(s: number, out: WorldOutput[]): void {
    const reporter = this.#world.reporter
    if (!this.#link.noticed) out.push(reporter.disconnected(this.spec.id, s))
    this.#link.settle()
    out.push(reporter.connected(this.spec.id, s))
    out.push(...this.#link.drain())
    if (this.#status !== this.#reported) this.#sendStatus(s, out)
    if (this.#plugged !== undefined) this.#sendMeter(this.#plugged, s, out)
  }

  #sendStatus(s: number, out: WorldOutput[]): void {
    if (!this.#link.up) return
    const state = this.#plugged === undefined ? undefined : chargingStateOf(this.#status)
    if (this.#plugged !== undefined && state !== undefined)
      out.push(this.#world.reporter.updated(this.spec.id, this.#plugged.transactionId, state, s))
    out.push(this.#world.reporter.status(this.spec.id, this.#status, s))
    this.#reported = this.#status
  }

  #sendMeter(plugged: Plugged, s: number, out: WorldOutput[]): void {
    const energyWh = Math.round(this.#registerWh) - plugged.startRegisterWh
    const drawA = plugged.car.drawA
    const sample = meterSample(drawA, plugged.car.phases, this.#world.voltageV)
    this.#send(this.#world.reporter.sampled(this.spec.id, plugged.transactionId, energyWh, sample, s), out)
  }

  #send(message: WorldOutput, out: WorldOutput[]): void {
    if (this.#link.up) out.push(message)
  }

  #hold(message: WorldOutput, out: WorldOutput[]): void {
    if (this.#link.up) out.push(message)
    else this.#link.hold(message)
  }

  #answer(status: 'Accepted' | 'Rejected', s: number): SetpointAnswer {
    return { status, at: this.#world.reporter.atMs(s + this.spec.applyLatencyS) }
  }

  /** The pilot the charger offers now (A; 0 when it offers nothing). */
  get pilotA(): number {
    return this.#pilotA
  }

  /** The visit plugged in now, if any. */
  get visitId(): string | undefined {
    return this.#plugged?.visit.id
  }

  /** Energy delivered to the car plugged in now (Wh). */
  get pluggedDeliveredWh(): number {
    return this.#plugged?.car.deliveredWh ?? 0
  }

  /** The charger's energy register (Wh, unrounded): everything it ever delivered. */
  get registerWh(): number {
    return this.#registerWh
  }
}
