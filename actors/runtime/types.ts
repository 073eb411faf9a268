import type { Clock } from '@src/lib/clock'
import type { Logger } from '@src/lib/log'
import type { Timers } from './timers'

/**
 * A handle to an actor. Actors share no state; they talk only through refs.
 *
 * `tell` is fire-and-forget and reports whether the mailbox took the message. `ask` builds a message
 * that carries a reply function and resolves with what the actor replies, or rejects on timeout,
 * a full mailbox, a stopped actor, or a crash while handling that very message.
 */
export interface ActorRef<M> {
  readonly kind: string
  readonly id: string
  tell(msg: M): boolean
  ask<R>(make: (reply: Reply<R>) => M, timeoutMs?: number): Promise<R>
  /** True until the actor has stopped (passivated, stopped, or given up). */
  readonly alive: boolean
}

/** The reply function carried by an asked message. Calling it twice has no effect. */
export type Reply<R> = (value: R) => void

/** Gives one owned resource up early; calling it again, or after the incarnation ended, does nothing. */
export type Release = () => void

/** A bus subscriber's handler: the payload (validate it, it came from the wire) and its subject. */
export type SubscribeHandler = (payload: unknown, subject: string) => void

/** A served subject's handler: returns the reply (or a promise of it); a throw reaches the requester. */
export type ServeHandler = (payload: unknown) => unknown

/**
 * What an actor can reach while it runs. Resources are acquired through the context, never from the
 * bus directly: the runtime owns them per incarnation and releases them, newest first, when the actor
 * stops, gives up, and before every restart, so a restarted behaviour starts from nothing (no second
 * subscription delivering every event twice). Each verb returns a {@link Release} for giving that one
 * resource up early; a handler of a released resource never runs again, even for a message the bus
 * already had in flight.
 *
 * @example
 * start() {
 *   ctx.subscribe(subjects.siteChanged(id), () => void ctx.self.tell({ type: 'site.reload' }))
 *   ctx.onCleanup(() => leases.release(lease))
 * }
 * // on connect: this.#unserve ??= ctx.serve(subjects.chargerCommand(id), (p) => this.#command(p))
 * // on disconnect: this.#unserve?.(); this.#unserve = undefined
 */
export interface ActorContext<M> {
  readonly self: ActorRef<M>
  readonly timers: Timers<M>
  readonly clock: Clock
  readonly log: Logger
  /** Stops this actor after the current message; queued messages are still handled first. */
  stop(): void
  /** Subscribes to a bus subject pattern (NATS semantics) for this incarnation. */
  subscribe(pattern: string, handler: SubscribeHandler): Release
  /**
   * Serves requests on an exact bus subject for this incarnation. A request that reaches a released
   * handler (it was in flight) fails with `NoRespondersError` inside, a `RemoteError` to the requester.
   */
  serve(subject: string, handler: ServeHandler): Release
  /**
   * Runs `fn` when this incarnation ends (or at once, when released early), in reverse order with the
   * other resources. An async `fn` is awaited before the next release and before a restart; one that
   * throws is logged and the other releases still run.
   */
  onCleanup(fn: () => void | Promise<void>): Release
}

/**
 * An actor's behaviour. `start` runs before the first message and after every restart: it loads
 * persisted state, so a crash costs the in-memory state only, and acquires what it needs through the
 * context. `stop` runs once when the actor stops gracefully (not on a crash), before the runtime
 * releases what the incarnation acquired.
 */
export interface Behavior<M> {
  start?(): void | Promise<void>
  receive(msg: M): void | Promise<void>
  stop?(): void | Promise<void>
}

/** Builds a fresh behaviour; called at activation and on every restart. */
export type ActorFactory<M> = (ctx: ActorContext<M>) => Behavior<M>

/** What happens when the mailbox is full. */
export type OverflowPolicy = 'reject' | 'dropOldest'

/** Mailbox bounds. */
export interface MailboxOptions {
  capacity: number
  overflow: OverflowPolicy
}

/**
 * Restart intensity: at most `maxRestarts` within `withinMs`; beyond that the actor gives up and
 * `onGiveUp` runs (e.g. close the charger's socket so it reconnects to a fresh actor).
 */
export interface SupervisionOptions {
  maxRestarts: number
  withinMs: number
  onGiveUp?: (kind: string, id: string, error: unknown) => void
}

/** Everything that configures one kind of actor. */
export interface ActorKind<M> {
  name: string
  factory: (id: string) => ActorFactory<M>
  mailbox?: MailboxOptions
  supervision?: SupervisionOptions
  /** Stop an actor that handled no message for this long (it is re-activated on demand). */
  passivateAfterMs?: number
  /** Default `ask` timeout. */
  askTimeoutMs?: number
}
