/**
 * The message bus between actors and nodes. Two adapters implement it: `LocalBus` (in-process, the
 * embedded default) and a NATS adapter for clusters; one contract suite (`contract.ts`) runs against both.
 *
 * Payloads must be plain JSON values (no Dates, Maps or class instances): across nodes they travel as
 * JSON, and receivers validate them with zod at the boundary. Delivery is asynchronous and ordered per
 * publisher; callers never rely on a handler having run when `publish` returns.
 */
export interface Bus {
  /** Fire-and-forget to every subscriber whose pattern matches `subject`. */
  publish(subject: string, payload: unknown): void
  /**
   * Subscribes to a subject pattern: tokens are separated by `.`, `*` matches one token, a final `>`
   * matches one or more tokens (NATS semantics).
   */
  subscribe(pattern: string, handler: (payload: unknown, subject: string) => void): Unsubscribe
  /**
   * Serves requests on an exact subject. At most one responder answers each request. A handler returns
   * its reply (expected outcomes are values); a thrown error reaches the requester as `RemoteError`.
   */
  serve(subject: string, handler: (payload: unknown) => unknown): Unsubscribe
  /**
   * Sends a request and waits for the reply. Rejects at once with `NoRespondersError` when nobody
   * serves the subject, and with `RequestTimeoutError` after `timeoutMs`.
   */
  request(subject: string, payload: unknown, timeoutMs: number): Promise<unknown>
  /** Cluster-wide leases with fencing tokens, for single-owner actors (sites, sessions). */
  readonly leases: Leases
  /**
   * Whether the bus reaches the other nodes now: `/health` reports it. While it does not, this node's
   * own traffic still flows (see `NatsBus`); `LocalBus` is always ok.
   */
  status(): BusStatus
  /** Stops delivery and releases resources; bounded in time even when the network is gone. */
  close(): Promise<void>
}

/**
 * The bus's health, as `/health` shows it: ok, or not with a reason a person can act on, e.g.
 * `NATS connection lost since 2026-03-01T10:00:00.000Z`.
 */
export type BusStatus = { ok: true } | { ok: false; reason: string }

/** Ends a subscription or a served subject. */
export type Unsubscribe = () => void

/**
 * A held lease. `token` is the fencing token: it only ever grows for a key, so a consumer that has
 * seen a newer token can ignore commands carrying an older one.
 */
export interface Lease {
  key: string
  holder: string
  token: number
  expiresAt: number
}

/** Lease operations; every call is bounded in time by the adapter. */
export interface Leases {
  /** Takes the lease if it is free or expired; undefined if someone else holds it. */
  acquire(key: string, holder: string, ttlMs: number): Promise<Lease | undefined>
  /** Extends a lease still held; undefined if it was lost (expired and taken over). */
  renew(lease: Lease, ttlMs: number): Promise<Lease | undefined>
  /** Gives the lease up so another node can take it at once. */
  release(lease: Lease): Promise<void>
}
