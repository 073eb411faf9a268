import type { Clock } from '@src/lib/clock'
import { NoRespondersError, RemoteError, RequestTimeoutError } from '@src/lib/errors'
import type { Logger } from '@src/lib/log'
import { SubjectTrie } from './match'
import type { Unsubscribe } from './port'

/** A subscriber's handler. */
export type Handler = (payload: unknown, subject: string) => void

/** A served subject's handler; returns the reply or a promise of it. */
export type Responder = (payload: unknown) => unknown

/**
 * This node's own subscribers and served subjects, delivered in-process. It is the whole of
 * `LocalBus`, and the first hop of `NatsBus`: a request for a subject served on this node goes
 * straight to its handler and a publish reaches this node's subscribers directly, so both keep
 * working while NATS is down. Delivery is asynchronous (a microtask), like the network's.
 */
export class LocalRoutes {
  readonly #subs = new SubjectTrie<{ handler: Handler }>()
  readonly #served = new Map<string, Responder>()

  constructor(private readonly deps: { clock: Clock; log: Logger }) {}

  /**
   * Delivers to every local subscriber whose pattern matches; `payload` is called once, only when
   * someone matches (so a network adapter decodes its copy only then).
   */
  publish(subject: string, payload: () => unknown): void {
    const targets = this.#subs.match(subject)
    if (targets.size === 0) return
    const value = payload()
    queueMicrotask(() => {
      for (const { handler } of targets) this.#deliver(handler, value, subject)
    })
  }

  subscribe(pattern: string, handler: Handler): Unsubscribe {
    const entry = { handler }
    this.#subs.add(pattern, entry)
    return () => this.#subs.remove(pattern, entry)
  }

  /** Serves `subject` here; a later `serve` of the same subject replaces it. */
  serve(subject: string, handler: Responder): Unsubscribe {
    this.#served.set(subject, handler)
    return () => {
      if (this.#served.get(subject) === handler) this.#served.delete(subject)
    }
  }

  /** True when this node serves `subject` itself. */
  serves(subject: string): boolean {
    return this.#served.has(subject)
  }

  /** Asks the local handler; `NoRespondersError` at once when there is none. */
  request(subject: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    const handler = this.#served.get(subject)
    if (!handler) return Promise.reject(new NoRespondersError(subject))
    const { clock } = this.deps
    return new Promise((resolve, reject) => {
      const timer = clock.setTimeout(() => reject(new RequestTimeoutError(subject, timeoutMs)), timeoutMs)
      const done = (fn: () => void) => {
        clock.clearTimeout(timer)
        fn()
      }
      queueMicrotask(async () => {
        try {
          const reply = await handler(payload)
          done(() => resolve(reply))
        } catch (err) {
          done(() => reject(new RemoteError(subject, err instanceof Error ? err.message : String(err))))
        }
      })
    })
  }

  /** Forgets every served subject (the bus is closing: requests fail at once from now on). */
  clearServed(): void {
    this.#served.clear()
  }

  #deliver(handler: Handler, payload: unknown, subject: string): void {
    try {
      handler(payload, subject)
    } catch (err) {
      this.deps.log.error('bus subscriber failed', { subject, err })
    }
  }
}
