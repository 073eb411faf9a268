import type { Clock, TimerHandle } from '@src/lib/clock'
import type { CardPool } from './card-pool'
import { type ArrivalMix, randomEv } from './ev-mix'
import type { Rng } from './prng'
import type { SimCharger } from './sim-charger'

/** How drivers behave at one connector (times in simulated minutes). */
export interface DriverBehaviour {
  /** Mean time between a car leaving and the next arriving (Poisson arrivals), minutes. */
  meanGapMin: number
  /** Planned stay: mean and spread (normal, at least `minDwellMin`), minutes. */
  dwellMeanMin: number
  dwellSdMin: number
  /** The shortest planned stay (default 15 minutes). */
  minDwellMin?: number
  /** After stopping at the charger or a refused card, the driver unplugs within this many minutes (default 1–3). */
  unplugAfterMin?: readonly [number, number]
  /** After the charger ended the session (remote stop, reset), the driver comes within this many minutes (default 2–10). */
  returnAfterMin?: readonly [number, number]
  /** The cars there at start plug in within this many minutes (default 0.5)… */
  initialWindowMin?: number
  /** …after this many minutes (default 0): chargers first apply the profiles the CSMS installs on connect. */
  initialDelayMin?: number
  /** Share of cars that tell their departure and energy need (ISO 15118; 2.0.1 stations pass it on), default 0.5. */
  needsShare?: number
  /** A full car leaves within this many minutes (uniform), or at its planned time if sooner. */
  fullLingerMin: readonly [number, number]
  /** Share of drivers who end the session at the charger before unplugging (reason Local). */
  localStopShare: number
  tokens: readonly string[]
  /** Cards handed out so that no two drivers hold the same one at once (else a random token per arrival). */
  cards?: CardPool
  mix?: ArrivalMix
}

/** What a driver reports back to the fleet. */
export interface DriverReport {
  /** A car arrived at a connector. */
  arrival(chargerId: string, connectorId: number, model: string): void
}

const MIN = 60_000

/**
 * The people at one connector: cars arrive (Poisson), plug in, authorise with a token, charge, and
 * leave after their planned stay or a while after the car is full, some ending the session at the
 * charger first. One timer at a time; `stop()` cancels it.
 */
export class FleetDriver {
  #timer: TimerHandle | undefined
  #departAt = 0
  #card: string | undefined
  #stopped = false

  constructor(
    readonly cp: SimCharger,
    readonly connectorId: number,
    private readonly b: DriverBehaviour,
    private readonly rng: Rng,
    private readonly clock: Clock,
    private readonly report: DriverReport,
  ) {}

  /**
   * Begins with a car already there (with probability `occupancy`; it has been parked a while, so it
   * leaves sooner than a new arrival) or waiting for the first one.
   */
  start(occupancy: number): void {
    if (this.rng.next() < occupancy)
      this.#after(
        (this.b.initialDelayMin ?? 0) * MIN + this.rng.uniform(0, this.b.initialWindowMin ?? 0.5) * MIN,
        () => this.#arrive(this.rng.uniform(0.05, 1)),
      )
    else this.#scheduleArrival()
  }

  /** No more arrivals or departures; the pending timer is cancelled. */
  stop(): void {
    this.#stopped = true
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer)
    this.#timer = undefined
  }

  /** The car is full: it leaves after a while, or at its planned time if that comes first. */
  onFull(): void {
    const now = this.clock.now()
    const linger = this.rng.uniform(this.b.fullLingerMin[0], this.b.fullLingerMin[1]) * MIN
    const at = Math.min(this.#departAt, now + linger)
    this.#after(at - now, () => this.#leave(true))
  }

  /** The charger ended the session (remote stop, reset, refused token): the driver unplugs soon. */
  onStoppedByCharger(): void {
    this.#after(this.#minutes(this.b.returnAfterMin ?? [2, 10]), () => this.#leave(false))
  }

  /** A remote start plugged a car in here: it stays for a planned dwell like any other. */
  onRemoteArrival(model: string): void {
    this.report.arrival(this.cp.id, this.connectorId, model)
    this.#departAt = this.clock.now() + this.#dwellMs()
    this.#after(this.#departAt - this.clock.now(), () => this.#leave(true))
  }

  #scheduleArrival(): void {
    this.#after(this.rng.exponential(this.b.meanGapMin * MIN), () => this.#arrive())
  }

  async #arrive(stayShare = 1): Promise<void> {
    const ev = randomEv(this.rng, this.b.mix)
    const now = this.clock.now()
    const departAt = now + Math.max((this.#minDwellMin() / 3) * MIN, this.#dwellMs() * stayShare)
    const tells = this.rng.next() < (this.b.needsShare ?? 0.5)
    const needs = {
      departureAt: departAt,
      energyNeededWh: ((ev.targetSoc ?? 1) - ev.soc) * ev.capacityKWh * 1000,
    }
    if (!this.cp.plugIn(this.connectorId, ev, tells ? needs : {})) return this.#scheduleArrival()
    this.report.arrival(this.cp.id, this.connectorId, ev.model)
    this.#departAt = departAt
    this.#card = this.b.cards ? this.b.cards.take(this.rng) : this.rng.pick(this.b.tokens)
    const started = await this.cp.startCharging(this.connectorId, this.#card)
    if (this.#stopped) return
    if (started.status !== 'Accepted') return this.#after(this.#unplugAfterMs(), () => this.#leave(false))
    this.#after(this.#departAt - this.clock.now(), () => this.#leave(true))
  }

  async #leave(mayStopFirst: boolean): Promise<void> {
    const charging = this.cp.connector(this.connectorId).transactionId !== undefined
    if (mayStopFirst && charging && this.rng.next() < this.b.localStopShare) {
      await this.cp.stopCharging(this.connectorId)
      if (!this.#stopped) this.#after(this.#unplugAfterMs(), () => this.#unplug())
      return
    }
    await this.#unplug()
  }

  #unplugAfterMs(): number {
    return this.#minutes(this.b.unplugAfterMin ?? [1, 3])
  }

  #minutes([min, max]: readonly [number, number]): number {
    return this.rng.uniform(min, max) * MIN
  }

  #minDwellMin(): number {
    return this.b.minDwellMin ?? 15
  }

  async #unplug(): Promise<void> {
    await this.cp.unplug(this.connectorId)
    if (this.#card !== undefined) this.b.cards?.give(this.#card)
    this.#card = undefined
    if (!this.#stopped) this.#scheduleArrival()
  }

  #dwellMs(): number {
    return Math.max(this.#minDwellMin(), this.rng.normal(this.b.dwellMeanMin, this.b.dwellSdMin)) * MIN
  }

  #after(ms: number, fn: () => Promise<void> | void): void {
    if (this.#stopped) return
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer)
    this.#timer = this.clock.setTimeout(
      () => {
        this.#timer = undefined
        if (!this.#stopped) void fn()
      },
      Math.max(0, ms),
    )
  }
}
