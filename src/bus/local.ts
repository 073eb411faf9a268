import type { Clock } from '@src/lib/clock'
import { NoRespondersError } from '@src/lib/errors'
import type { Logger } from '@src/lib/log'
import { type Handler, LocalRoutes, type Responder } from './local-routes'
import type { Bus, BusStatus, Lease, Leases, Unsubscribe } from './port'

const healthy: BusStatus = { ok: true }

/**
 * The in-process bus: the embedded default when `NATS_URL` is unset. Delivery is asynchronous
 * (a microtask), like the network adapter, so no caller can depend on synchronous delivery.
 */
export class LocalBus implements Bus {
  readonly #routes: LocalRoutes
  readonly leases: Leases
  #closed = false

  constructor(deps: { clock: Clock; log: Logger }) {
    this.#routes = new LocalRoutes(deps)
    this.leases = new LocalLeases(deps.clock)
  }

  publish(subject: string, payload: unknown): void {
    if (!this.#closed) this.#routes.publish(subject, () => payload)
  }

  subscribe(pattern: string, handler: Handler): Unsubscribe {
    return this.#routes.subscribe(pattern, handler)
  }

  serve(subject: string, handler: Responder): Unsubscribe {
    return this.#routes.serve(subject, handler)
  }

  request(subject: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    if (this.#closed) return Promise.reject(new NoRespondersError(subject))
    return this.#routes.request(subject, payload, timeoutMs)
  }

  /** Always ok: there is nothing between this node's actors that could fail. */
  status(): BusStatus {
    return healthy
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#routes.clearServed()
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
