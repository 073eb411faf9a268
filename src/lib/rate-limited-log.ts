import type { Clock } from './clock'
import type { LogFields, Logger } from './log'

/** Options of a {@link RateLimitedLog}. */
export interface RateLimitedLogOptions {
  log: Logger
  clock: Clock
  /** At most one line per key in this time (default 60 s). */
  intervalMs?: number
  /** At most this many lines over all keys in one interval (default 100), so many keys cannot flood. */
  maxPerInterval?: number
  /** Keys remembered (default 10,000); the one that logged longest ago is forgotten first. */
  maxKeys?: number
}

interface KeyState {
  at: number
  suppressed: number
}

/**
 * Info lines that a person connecting a charger can read ("refused: wrong password", "connected"),
 * which a misbehaving charger or an attacker cannot turn into a flood: each key (an address and
 * reason, a charger id) logs at once, then at most once per interval; lines held back are counted and
 * the next line of that key says how many (`suppressed`). A cap over all keys bounds the total, and
 * the next line written says how many others the cap held back (`suppressedOther`). Memory is
 * bounded by `maxKeys`.
 *
 * @example
 * const refusals = new RateLimitedLog({ log, clock })
 * refusals.info(`${address} wrong-password`, 'charger handshake refused', { charger, address })
 */
export class RateLimitedLog {
  readonly #keys = new Map<string, KeyState>()
  readonly #intervalMs: number
  readonly #maxPerInterval: number
  readonly #maxKeys: number
  #windowAt = Number.NEGATIVE_INFINITY
  #windowLines = 0
  #suppressedOther = 0

  constructor(private readonly opts: RateLimitedLogOptions) {
    this.#intervalMs = opts.intervalMs ?? 60_000
    this.#maxPerInterval = opts.maxPerInterval ?? 100
    this.#maxKeys = opts.maxKeys ?? 10_000
  }

  /** Writes `msg` at info unless `key` logged within the interval or the total cap is reached. */
  info(key: string, msg: string, fields: LogFields = {}): void {
    if (!this.opts.log.enabled('info')) return
    const now = this.opts.clock.now()
    const state = this.#keys.get(key)
    if (state && now - state.at < this.#intervalMs) {
      state.suppressed++
      return
    }
    if (now - this.#windowAt >= this.#intervalMs) {
      this.#windowAt = now
      this.#windowLines = 0
    }
    if (this.#windowLines >= this.#maxPerInterval) {
      this.#suppressedOther++
      return
    }
    this.#windowLines++
    const extra: LogFields = {}
    if (state?.suppressed) extra.suppressed = state.suppressed
    if (this.#suppressedOther) extra.suppressedOther = this.#suppressedOther
    this.#suppressedOther = 0
    this.#remember(key, now)
    this.opts.log.info(msg, { ...fields, ...extra })
  }

  #remember(key: string, now: number): void {
    this.#keys.delete(key)
    if (this.#keys.size >= this.#maxKeys) this.#keys.delete(this.#keys.keys().next().value as string)
    this.#keys.set(key, { at: now, suppressed: 0 })
  }
}
