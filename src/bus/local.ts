import type { Clock } from '@src/lib/clock'
import { NoRespondersError, RemoteError, RequestTimeoutError } from '@src/lib/errors'
import type { Logger } from '@src/lib/log'
import { SubjectTrie } from './match'
import type { Bus, Lease, Leases, Unsubscribe } from './port'

type Handler = (payload: unknown, subject: string) => void

/**
 * The in-process bus: the embedded default when `NATS_URL` is unset. Delivery is asynchronous
 * (a microtask), like the network adapter, so no caller can depend on synchronous delivery.
 */
export class LocalBus implements Bus {
  readonly #subs = new SubjectTrie<{ handler: Handler }>()
  readonly #served = new Map<string, (payload: unknown) => unknown>()
  readonly leases: Leases
  #closed = false

  constructor(private readonly deps: { clock: Clock; log: Logger }) {
    this.leases = new LocalLeases(deps.clock)
  }

  publish(subject: string, payload: unknown): void {
    if (this.#closed) return
    const targets = this.#subs.match(subject)
    if (targets.size === 0) return
    queueMicrotask(() => {
      for (const { handler } of targets) this.#deliver(handler, payload, subject)
    })
  }

  subscribe(pattern: string, handler: Handler): Unsubscribe {
    const entry = { handler }
    this.#subs.add(pattern, entry)
    return () => this.#subs.remove(pattern, entry)
  }

  serve(subject: string, handler: (payload: unknown) => unknown): Unsubscribe {
    this.#served.set(subject, handler)
    return () => {
      if (this.#served.get(subject) === handler) this.#served.delete(subject)
    }
  }

  request(subject: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    const handler = this.#closed ? undefined : this.#served.get(subject)
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

  async close(): Promise<void> {
    this.#closed = true
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

/** In-memory leases on the injected clock; tokens only grow per key, even across releases. */
class LocalLeases implements Leases {
  readonly #held = new Map<string, Lease>()
  readonly #tokens = new Map<string, number>()

  constructor(private readonly clock: Clock) {}

  async acquire(key: string, holder: string, ttlMs: number): Promise<Lease | undefined> {
    const now = this.clock.now()
    const current = this.#held.get(key)
    if (current && current.expiresAt > now && current.holder !== holder) return undefined
    const token = (this.#tokens.get(key) ?? 0) + 1
    this.#tokens.set(key, token)
    const lease = { key, holder, token, expiresAt: now + ttlMs }
    this.#held.set(key, lease)
    return { ...lease }
  }

  async renew(lease: Lease, ttlMs: number): Promise<Lease | undefined> {
    const now = this.clock.now()
    const current = this.#held.get(lease.key)
    if (!current || current.token !== lease.token || current.expiresAt <= now) return undefined
    current.expiresAt = now + ttlMs
    return { ...current }
  }

  async release(lease: Lease): Promise<void> {
    if (this.#held.get(lease.key)?.token === lease.token) this.#held.delete(lease.key)
  }
}
