import type { Clock, TimerHandle } from '@src/lib/clock'

/** How fast a {@link SendPacer} may go: jobs running at once, and job starts per second. */
export interface Pace {
  concurrency: number
  perSecond: number
}

/**
 * Runs one job per key, paced: at most `concurrency` at once and `perSecond` starts a second, in the
 * order keys were added. A key added while queued is queued once; added while running, it runs again
 * after. A flood of keys (a policy change reaching 1,000 chargers) so turns into a steady trickle that
 * never crowds out the site loops' commands. `run` must not throw (it handles its own outcomes).
 */
export class SendPacer {
  readonly #queue = new Set<string>()
  readonly #running = new Set<string>()
  readonly #again = new Set<string>()
  #credits = Number.POSITIVE_INFINITY
  #creditedAt = 0
  readonly #idle: (() => void)[] = []
  readonly #waiting = new Map<string, (() => void)[]>()
  #timer: TimerHandle | undefined
  #stopped = false

  constructor(private readonly deps: { clock: Clock; pace: Pace; run: (key: string) => Promise<void> }) {}

  /** Queues a key (once), or asks for another run after the one in progress. */
  add(key: string): void {
    if (this.#stopped) return
    if (this.#running.has(key)) this.#again.add(key)
    else this.#queue.add(key)
    this.#pump()
  }

  /** Whether a key is queued or running. */
  has(key: string): boolean {
    return this.#queue.has(key) || this.#running.has(key)
  }

  /** Whether a key's job is running now. */
  running(key: string): boolean {
    return this.#running.has(key)
  }

  /** Keys waiting and running. */
  get size(): number {
    return this.#queue.size + this.#running.size
  }

  /** Starts nothing more; running jobs finish. */
  stop(): void {
    this.#stopped = true
    if (this.#timer !== undefined) this.deps.clock.clearTimeout(this.#timer)
    this.#timer = undefined
    this.#queue.clear()
  }

  /** Resolves when a key is neither queued nor running (its job, and any run asked for meanwhile, ended). */
  settled(key: string): Promise<void> {
    if (!this.has(key)) return Promise.resolve()
    return new Promise((resolve) => {
      const list = this.#waiting.get(key) ?? []
      list.push(resolve)
      this.#waiting.set(key, list)
    })
  }

  /** Resolves when nothing is queued or running (tests; a shutdown that waits). */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve()
    return new Promise((resolve) => this.#idle.push(resolve))
  }

  /**
   * Starts what the limits allow. The rate is a token bucket holding a tenth of a second's starts
   * (at least one), so starts come evenly with small bursts and a quiet pacer starts at once.
   */
  #pump(): void {
    if (this.#timer !== undefined || this.#stopped) return
    const { perSecond, concurrency } = this.deps.pace
    const burst = Math.max(1, Math.ceil(perSecond / 10))
    while (this.#running.size < concurrency && this.#queue.size > 0) {
      const now = this.deps.clock.now()
      this.#credits = Math.min(burst, this.#credits + ((now - this.#creditedAt) * perSecond) / 1000)
      this.#creditedAt = now
      if (this.#credits < 1) {
        this.#timer = this.deps.clock.setTimeout(
          () => {
            this.#timer = undefined
            this.#pump()
          },
          Math.ceil(((1 - this.#credits) * 1000) / perSecond),
        )
        return
      }
      this.#credits -= 1
      const key = this.#queue.values().next().value as string
      this.#queue.delete(key)
      this.#running.add(key)
      void this.deps.run(key).finally(() => this.#done(key))
    }
  }

  #done(key: string): void {
    this.#running.delete(key)
    if (this.#again.delete(key)) this.#queue.add(key)
    this.#pump()
    if (!this.has(key)) {
      for (const resolve of this.#waiting.get(key) ?? []) resolve()
      this.#waiting.delete(key)
    }
    if (this.size === 0) for (const resolve of this.#idle.splice(0)) resolve()
  }
}
