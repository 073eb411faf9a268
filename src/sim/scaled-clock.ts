import { type Clock, systemClock, type TimerHandle } from '@src/lib/clock'

/** Options of a {@link ScaledClock}. */
export interface ScaledClockOptions {
  /** Simulated seconds per real second, e.g. 60: an hour of charging passes in a minute. */
  speed: number
  /** The clock it runs on (the system clock by default). */
  base?: Clock
  /** Simulated time at creation (epoch ms); default the base clock's now. */
  start?: number
}

/**
 * A clock that runs `speed` times faster than its base clock: `now()` advances `speed` ms per base ms
 * and a timer of `ms` fires after `ms / speed` base ms. Sockets keep real time; only the simulation
 * (meter intervals, dwell times, timestamps sent to the CSMS) is sped up.
 *
 * @example
 * const clock = new ScaledClock({ speed: 60 })
 * clock.setTimeout(tick, 60_000) // fires after one real second
 */
export class ScaledClock implements Clock {
  readonly speed: number
  readonly #base: Clock
  readonly #baseStart: number
  readonly #start: number

  constructor(opts: ScaledClockOptions) {
    if (!(opts.speed > 0)) throw new RangeError(`speed must be positive, got ${opts.speed}`)
    this.speed = opts.speed
    this.#base = opts.base ?? systemClock
    this.#baseStart = this.#base.now()
    this.#start = opts.start ?? this.#baseStart
  }

  /** Simulated now: `start + elapsed base time × speed`. */
  now(): number {
    return Math.round(this.#start + (this.#base.now() - this.#baseStart) * this.speed)
  }

  /** Fires after `ms` simulated, i.e. `ms / speed` base milliseconds. */
  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.#base.setTimeout(fn, Math.max(0, ms) / this.speed)
  }

  /** Cancels a timer of this clock. */
  clearTimeout(handle: TimerHandle): void {
    this.#base.clearTimeout(handle)
  }
}
