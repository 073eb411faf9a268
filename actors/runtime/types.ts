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

/** What an actor can reach while it runs. */
export interface ActorContext<M> {
  readonly self: ActorRef<M>
  readonly timers: Timers<M>
  readonly clock: Clock
  readonly log: Logger
  /** Stops this actor after the current message; queued messages are still handled first. */
  stop(): void
}

/**
 * An actor's behaviour. `start` runs before the first message and after every restart: it loads
 * persisted state, so a crash costs the in-memory state only. `stop` runs once when the actor ends.
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
