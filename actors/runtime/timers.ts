import type { Clock, TimerHandle } from '@src/lib/clock'

/**
 * A timer message on its way to the mailbox. Carries the key and generation so that a cancelled or
 * replaced timer's message, already queued, is recognised and ignored.
 */
export class TimerEnvelope<M> {
  constructor(
    readonly key: string,
    readonly generation: number,
    readonly msg: M,
    readonly fixedDelayMs: number | undefined,
  ) {}
}

/**
 * Per-actor timers on the injected clock, keyed so that starting a key again replaces it.
 *
 * `startFixedDelay` is for control loops: the next message is scheduled `delayMs` after the previous
 * one was *handled*, so ticks never overlap and a slow tick delays the next instead of queueing a
 * backlog (late ticks are coalesced into one).
 */
export interface Timers<M> {
  startSingle(key: string, msg: M, delayMs: number): void
  startFixedDelay(key: string, msg: M, delayMs: number): void
  cancel(key: string): void
  cancelAll(): void
  isActive(key: string): boolean
}

interface Entry {
  generation: number
  handle: TimerHandle | undefined
}

/** The timers of one actor cell; due timers are enqueued into the cell's mailbox. */
export class ActorTimers<M> implements Timers<M> {
  #entries: Map<string, Entry> | undefined
  #generation = 0

  constructor(
    private readonly clock: Clock,
    private readonly cell: { enqueueTimer(env: TimerEnvelope<M>): void },
  ) {}

  startSingle(key: string, msg: M, delayMs: number): void {
    this.#schedule(key, msg, delayMs, undefined)
  }

  startFixedDelay(key: string, msg: M, delayMs: number): void {
    this.#schedule(key, msg, delayMs, delayMs)
  }

  cancel(key: string): void {
    const entry = this.#entries?.get(key)
    if (!entry) return
    if (entry.handle !== undefined) this.clock.clearTimeout(entry.handle)
    this.#entries!.delete(key)
  }

  cancelAll(): void {
    for (const key of [...(this.#entries?.keys() ?? [])]) this.cancel(key)
  }

  isActive(key: string): boolean {
    return this.#entries?.has(key) ?? false
  }

  /** True if the envelope still belongs to the live timer of its key. */
  isCurrent(env: TimerEnvelope<M>): boolean {
    return this.#entries?.get(env.key)?.generation === env.generation
  }

  /** Called after a timer message was handled: single timers end, fixed-delay timers re-arm. */
  handled(env: TimerEnvelope<M>): void {
    if (!this.isCurrent(env)) return
    if (env.fixedDelayMs === undefined) this.#entries?.delete(env.key)
    else this.#arm(env.key, env.generation, env.msg, env.fixedDelayMs, env.fixedDelayMs)
  }

  #schedule(key: string, msg: M, delayMs: number, fixedDelayMs: number | undefined): void {
    this.cancel(key)
    this.#arm(key, ++this.#generation, msg, delayMs, fixedDelayMs)
  }

  #arm(key: string, generation: number, msg: M, delayMs: number, fixedDelayMs: number | undefined): void {
    const entry: Entry = { generation, handle: undefined }
    this.#entries ??= new Map()
    this.#entries.set(key, entry)
    entry.handle = this.clock.setTimeout(() => {
      entry.handle = undefined
      this.cell.enqueueTimer(new TimerEnvelope(key, generation, msg, fixedDelayMs))
    }, delayMs)
  }
}
