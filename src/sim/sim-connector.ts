import type { StatusNotificationRequestStatus } from '@src/ocpp/v16/generated/messages'
import { chargeAt, type Ev, isFull, MIN_CURRENT_A, phasesUsed, pilotResponseOf, taperLimitA } from './ev'
import type { MeterReading } from './meter-samples'
import { PilotFollower } from './pilot-follower'

/** A connector status as OCPP 1.6 reports it. */
export type SimStatus = StatusNotificationRequestStatus

/** A connector's wiring and rating. */
export interface ConnectorHardware {
  /** Rating per phase (A), cable included. */
  readonly maxCurrentA: number
  readonly phases: 1 | 3
  /** Phase-to-neutral voltage (V). */
  readonly voltage: number
}

/**
 * A transaction on a connector. 1.6: `id` is unknown until the CSMS answers StartTransaction. 2.0.1:
 * the station names it (`ocppId`, a UUID) and `id` is its own running number.
 */
export interface SimTx {
  id: number | undefined
  idTag: string
  startedAt: number
  meterStartWh: number
  /** 2.0.1: the transactionId on the wire. */
  ocppId?: string
  /** 2.0.1: the idToken type the driver presented. */
  tokenType?: string
  /** 2.0.1: false while a transaction started at plug-in (TxStartPoint EVConnected) awaits a token. */
  authorized?: boolean
}

/**
 * One connector: the car plugged into it, its transaction, the offered current limit and the energy
 * register. `advance(now)` integrates the car's physics up to `now`; the register only ever grows. The
 * car answers the offered limit through its {@link PilotFollower}: late, ramping up, a little under it,
 * as its reflexes say (at once and exactly for a car without reflexes).
 */
export class SimConnector {
  ev: Ev | undefined
  tx: SimTx | undefined
  /** The id of the last transaction that ended here (a final cost may name it after its stop). */
  lastTxId: number | undefined
  /** A transaction ended while the car stayed plugged in (Finishing until it leaves). */
  finished = false
  /** A local or remote start is under way (Authorize/StartTransaction in flight). */
  starting = false
  operative = true
  /** ChangeAvailability(Inoperative) arrived during a transaction: applied when it ends. */
  pendingInoperative = false
  /** The offered limit per phase (A), after profiles and their apply delay. */
  limitA: number
  currentA = 0
  /** The last status sent to the CSMS. */
  reported: SimStatus | undefined
  registerWh: number
  #at: number
  #chain: Promise<unknown> = Promise.resolve()
  /** The charging car's answer to the pilot; made when charging starts, dropped when it stops. */
  #follower: PilotFollower | undefined
  /** The transaction the follower belongs to. */
  #followerTx: SimTx | undefined
  /** When the follower last stepped (s). */
  #followedAtS = 0

  constructor(
    readonly id: number,
    readonly hw: ConnectorHardware,
    now: number,
    registerWh = 0,
  ) {
    this.limitA = hw.maxCurrentA
    this.registerWh = registerWh
    this.#at = now
  }

  /** True while energy flows or could flow: a confirmed, authorised transaction with a car. */
  get charging(): boolean {
    return this.tx?.id !== undefined && this.tx.authorized !== false && this.ev !== undefined
  }

  /** Phases the car draws on. */
  get phasesInUse(): number {
    return this.ev ? phasesUsed(this.ev, this.hw.phases) : this.hw.phases
  }

  /**
   * Integrates the car's charging from the last call up to `now`; returns the energy added (Wh). Second
   * by second while the car is still answering a new pilot, in one closed-form stretch once it holds.
   */
  advance(now: number): number {
    const seconds = (now - this.#at) / 1000
    if (seconds <= 0) return 0
    const from = this.#at / 1000
    this.#at = now
    if (!this.charging || !this.ev) {
      this.currentA = 0
      this.#follower = undefined
      return 0
    }
    const follower = this.#followerAt(from)
    const end = now / 1000
    let added = 0
    for (let t = from; t < end; ) {
      const capA = this.#step(follower, t)
      const until = Math.max(
        t + 1e-3,
        Math.min(end, follower.steady ? follower.nextPilotAtS : Math.floor(t) + 1),
      )
      const r = chargeAt(this.ev, capA, this.hw.voltage, until - t, this.hw.phases)
      this.ev = { ...this.ev, soc: r.soc }
      this.registerWh += r.energyWh
      added += r.energyWh
      t = until
    }
    this.currentA = this.#drawNow(follower, end)
    return added
  }

  /** Applies a new offered limit at `now` (energy up to `now` is counted at the old one). */
  setLimit(now: number, limitA: number): boolean {
    this.advance(now)
    const changed = Math.abs(limitA - this.limitA) > 1e-9
    this.limitA = limitA
    if (this.charging && this.ev) {
      const follower = this.#followerAt(now / 1000)
      follower.offer(limitA, now / 1000)
      this.currentA = this.#drawNow(follower, now / 1000)
    } else {
      this.currentA = 0
      this.#follower = undefined
    }
    return changed
  }

  /**
   * The car's pilot follower, made (and offered the current limit) when charging starts at `atS`, and
   * made afresh for each transaction: a new car, or the same one starting again, sees the pilot anew.
   */
  #followerAt(atS: number): PilotFollower {
    if (this.#follower && this.#followerTx === this.tx) return this.#follower
    const follower = new PilotFollower(pilotResponseOf(this.ev!))
    follower.offer(this.limitA, atS)
    this.#follower = follower
    this.#followerTx = this.tx
    this.#followedAtS = atS
    return follower
  }

  /**
   * Steps the follower to `atS`; returns what the on-board charger draws from then (A per phase). A
   * steady stretch may be long, but the car ramps only once it has seen a new pilot, and the stepping
   * from then is per second: so a step ramps over at most one second, as the site world's cars do.
   */
  #step(follower: PilotFollower, atS: number): number {
    const ev = this.ev!
    const dtS = Math.min(1, Math.max(0, atS - this.#followedAtS))
    const drawA = follower.step(atS, dtS, isFull(ev) ? 0 : ev.maxCurrentA)
    this.#followedAtS = atS
    return drawA
  }

  /** What the meter reads at `atS`: the on-board charger's draw, under the taper. */
  #drawNow(follower: PilotFollower, atS: number): number {
    const capA = this.#step(follower, atS)
    return capA > 0 ? Math.min(capA, taperLimitA(this.ev!)) : 0
  }

  /** Restarts the integration clock (e.g. when a transaction begins). */
  resetClock(now: number): void {
    this.#at = now
  }

  /** The status this state calls for (OCPP 1.6 connector state machine). */
  status(): SimStatus {
    if (this.tx) {
      if (this.tx.id === undefined || !this.ev || this.tx.authorized === false) return 'Preparing'
      if (isFull(this.ev)) return 'SuspendedEV'
      if (this.limitA < MIN_CURRENT_A) return 'SuspendedEVSE'
      return 'Charging'
    }
    if (!this.operative) return 'Unavailable'
    if (this.ev) return this.finished ? 'Finishing' : 'Preparing'
    return 'Available'
  }

  /** What the meter reads now. */
  reading(): MeterReading {
    return {
      registerWh: this.registerWh,
      currentA: this.charging ? this.currentA : 0,
      phasesInUse: this.phasesInUse,
      supplyPhases: this.hw.phases,
      voltage: this.hw.voltage,
      soc: this.ev?.soc,
    }
  }

  /** True if a driver could start charging here (operative, no authorised transaction, none starting). */
  get free(): boolean {
    return this.operative && (!this.tx || this.tx.authorized === false) && !this.starting
  }

  /** Runs `fn` after every operation queued before it on this connector (start, stop, unplug). */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(fn, fn)
    this.#chain = run.catch(() => undefined)
    return run
  }
}
