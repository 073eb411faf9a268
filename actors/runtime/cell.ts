import type { Bus } from '@src/bus/port'
import type { Clock } from '@src/lib/clock'
import { ActorStoppedError, AskTimeoutError, MailboxFullError, NoRespondersError } from '@src/lib/errors'
import type { Logger } from '@src/lib/log'
import { Mailbox } from './mailbox'
import { type Owned, OwnedResources } from './owned'
import { RestartWindow } from './supervisor'
import { ActorTimers, TimerEnvelope } from './timers'
import type {
  ActorContext,
  ActorFactory,
  ActorRef,
  Behavior,
  MailboxOptions,
  Release,
  Reply,
  ServeHandler,
  SubscribeHandler,
  SupervisionOptions,
} from './types'

const STOP = Symbol('stop')
type Item<M> = M | TimerEnvelope<M> | typeof STOP

/** Rejecters of outstanding asks, keyed by the asked message object. */
const pendingAsks = new WeakMap<object, (err: unknown) => void>()

function failAsk(msg: unknown, err: unknown): void {
  if (typeof msg !== 'object' || msg === null) return
  const reject = pendingAsks.get(msg)
  if (!reject) return
  pendingAsks.delete(msg)
  reject(err)
}

/**
 * What all cells of one kind share (one object per kind, not per actor: a node holds tens of
 * thousands of charger actors, so per-actor bookkeeping is kept to the cell itself).
 */
export interface KindRuntime {
  name: string
  clock: Clock
  log: Logger
  bus: Bus
  mailbox: MailboxOptions
  supervision: SupervisionOptions
  askTimeoutMs: number
  onStopped: (cell: ActorCell<never>) => void
  onRestart: () => void
}

/**
 * One running actor: a mailbox processed one message at a time (turn-based; an async `receive` is
 * awaited before the next message), timers, owned resources, and supervision (a crash releases what
 * the incarnation acquired and restarts the behaviour from its factory, whose `start` reloads
 * persisted state; too many crashes and the actor gives up).
 *
 * The cell is also the behaviour's context (`ActorContext`); its timers, owned resources, restart
 * window and logger are created on first use, so an idle actor costs little more than its mailbox.
 */
export class ActorCell<M> implements ActorRef<M>, ActorContext<M> {
  readonly #mailbox: Mailbox<Item<M>>
  #timers: ActorTimers<M> | undefined
  #owned: OwnedResources | undefined
  #restarts: RestartWindow | undefined
  #log: Logger | undefined
  #behavior: Behavior<M> | undefined
  #state: 'running' | 'stopping' | 'stopped' = 'running'
  #busy = false
  #started = false
  #after: Promise<void> | undefined
  #terminated: { promise: Promise<void>; resolve: () => void } | undefined
  lastActive: number

  constructor(
    readonly id: string,
    private readonly factory: ActorFactory<M>,
    private readonly runtime: KindRuntime,
    after?: Promise<void>,
  ) {
    this.#mailbox = new Mailbox(runtime.mailbox)
    this.#after = after
    this.lastActive = runtime.clock.now()
    this.#schedule()
  }

  get kind(): string {
    return this.runtime.name
  }

  get self(): ActorRef<M> {
    return this
  }

  get clock(): Clock {
    return this.runtime.clock
  }

  get log(): Logger {
    this.#log ??= this.runtime.log.child({ actor: this.runtime.name, id: this.id })
    return this.#log
  }

  get timers(): ActorTimers<M> {
    this.#timers ??= new ActorTimers(this.runtime.clock, this)
    return this.#timers
  }

  get alive(): boolean {
    return this.#state !== 'stopped'
  }

  /** True while the actor accepts messages (not stopping or stopped). */
  get running(): boolean {
    return this.#state === 'running'
  }

  /** Messages waiting in the mailbox. */
  get queued(): number {
    return this.#mailbox.size
  }

  /** True while nothing is queued or being handled. */
  get idle(): boolean {
    return !this.#busy && this.#mailbox.size === 0
  }

  tell(msg: M): boolean {
    return this.#enqueue(msg)
  }

  subscribe(pattern: string, handler: SubscribeHandler): Release {
    const owned = this.#own('subscription', pattern)
    owned.release = this.runtime.bus.subscribe(pattern, (payload, subject) => {
      if (owned.live) handler(payload, subject)
    })
    return this.#held(owned)
  }

  serve(subject: string, handler: ServeHandler): Release {
    const owned = this.#own('served', subject)
    owned.release = this.runtime.bus.serve(subject, (payload) => {
      if (!owned.live) throw new NoRespondersError(subject)
      return handler(payload)
    })
    return this.#held(owned)
  }

  onCleanup(fn: () => void | Promise<void>): Release {
    const owned = this.#own('cleanup', undefined)
    owned.release = fn
    return this.#held(owned)
  }

  #own(what: string, subject: string | undefined): Owned {
    this.#owned ??= new OwnedResources(() => this.log)
    return this.#owned.own(what, subject)
  }

  /** Its release; acquired after the actor ended (late async work), it is released at once. */
  #held(owned: Owned): Release {
    const owner = this.#owned!
    if (this.#state === 'stopped') owner.releaseOne(owned)
    return () => owner.releaseOne(owned)
  }

  /** Where this cell's timers deliver (internal to the runtime). */
  enqueueTimer(env: TimerEnvelope<M>): void {
    this.#enqueue(env)
  }

  ask<R>(make: (reply: Reply<R>) => M, timeoutMs = this.runtime.askTimeoutMs): Promise<R> {
    const { clock } = this.runtime
    return new Promise<R>((resolve, reject) => {
      let done = false
      const timer = clock.setTimeout(() => {
        if (done) return
        done = true
        pendingAsks.delete(msg as object)
        reject(new AskTimeoutError(`${this.kind}/${this.id}`, timeoutMs))
      }, timeoutMs)
      const settle = (fn: () => void) => {
        if (done) return
        done = true
        clock.clearTimeout(timer)
        fn()
      }
      const msg = make((value) => settle(() => resolve(value)))
      pendingAsks.set(msg as object, (err) => settle(() => reject(err)))
      this.#enqueue(msg)
    })
  }

  /** Resolves once the actor has stopped (created lazily: idle actors carry no promise). */
  whenStopped(): Promise<void> {
    if (this.#state === 'stopped') return Promise.resolve()
    if (!this.#terminated) {
      const { promise, resolve } = Promise.withResolvers<void>()
      this.#terminated = { promise, resolve }
    }
    return this.#terminated.promise
  }

  /** Graceful stop: messages already queued are handled, then `stop` runs. New messages are refused. */
  stop(): void {
    if (this.#state !== 'running') return
    this.#mailbox.push(STOP)
    this.#state = 'stopping'
    this.#schedule()
  }

  #enqueue(item: Item<M>): boolean {
    const msg = item instanceof TimerEnvelope ? item.msg : item
    if (this.#state !== 'running') {
      failAsk(msg, new ActorStoppedError(`${this.kind}/${this.id}`))
      return false
    }
    const { accepted, dropped } = this.#mailbox.push(item)
    if (dropped !== undefined)
      this.#discard(dropped, new MailboxFullError(this.id, this.runtime.mailbox.capacity))
    if (accepted) this.#schedule()
    return accepted
  }

  #discard(item: Item<M>, err: unknown): void {
    if (item === STOP) return
    if (item instanceof TimerEnvelope) this.#timers?.handled(item)
    else failAsk(item, err)
  }

  #schedule(): void {
    if (this.#busy) return
    this.#busy = true
    queueMicrotask(() => void this.#run())
  }

  async #run(): Promise<void> {
    try {
      if (!this.#started) {
        this.#started = true
        if (this.#after) await this.#after
        this.#after = undefined
        await this.#startBehavior()
      }
      for (let item = this.#mailbox.shift(); item !== undefined; item = this.#mailbox.shift()) {
        if (this.#state === 'stopped') this.#discard(item, new ActorStoppedError(this.id))
        else await this.#handle(item)
      }
    } finally {
      this.#busy = false
    }
  }

  async #handle(item: Item<M>): Promise<void> {
    if (item === STOP) return this.#finish()
    const env = item instanceof TimerEnvelope ? item : undefined
    if (env && !this.#timers?.isCurrent(env)) return
    const msg = env ? env.msg : (item as M)
    this.lastActive = this.runtime.clock.now()
    try {
      const result = this.#behavior!.receive(msg)
      if (result) await result
    } catch (err) {
      failAsk(msg, err)
      await this.#supervise(err)
    } finally {
      if (env) this.#timers?.handled(env)
    }
  }

  async #startBehavior(): Promise<void> {
    this.#behavior = this.factory(this)
    try {
      const result = this.#behavior.start?.()
      if (result) await result
    } catch (err) {
      await this.#supervise(err)
    }
  }

  /** The incarnation is over: its timers and everything it acquired go, then it restarts or gives up. */
  async #supervise(err: unknown): Promise<void> {
    this.#timers?.cancelAll()
    if (this.#state === 'stopped') return
    await this.#owned?.releaseAll()
    this.#restarts ??= new RestartWindow(this.runtime.supervision)
    if (!this.#restarts.allow(this.runtime.clock.now())) return this.#giveUp(err)
    this.log.warn('actor crashed, restarting', { err })
    this.runtime.onRestart()
    await this.#startBehavior()
  }

  #giveUp(err: unknown): void {
    this.log.error('actor gave up after too many restarts', { err })
    this.#ended()
    this.runtime.supervision.onGiveUp?.(this.kind, this.id, err)
  }

  #ended(): void {
    this.#state = 'stopped'
    for (const item of this.#mailbox.drain()) this.#discard(item, new ActorStoppedError(this.id))
    this.runtime.onStopped(this as unknown as ActorCell<never>)
    this.#terminated?.resolve()
  }

  /** A graceful stop: the behaviour's `stop` hook, then its resources, newest first; both always run. */
  async #finish(): Promise<void> {
    this.#timers?.cancelAll()
    try {
      const result = this.#behavior?.stop?.()
      if (result) await result
    } catch (err) {
      this.log.warn('actor stop hook failed', { err })
    }
    await this.#owned?.releaseAll()
    this.#ended()
  }
}
