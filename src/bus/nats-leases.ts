import type { Clock } from '@src/lib/clock'
import type { Logger } from '@src/lib/log'
import { type KV, type KvEntry, type NatsConnection, NatsError, StorageType } from 'nats'
import { z } from 'zod'
import type { Lease, Leases } from './port'

/** The JetStream KV bucket that holds the cluster's leases unless configured otherwise. */
export const DEFAULT_LEASE_BUCKET = 'csms_leases'

/** JetStream's API error for a compare-and-set that lost: the key moved past the expected revision. */
const WRONG_LAST_SEQUENCE = 10071

/**
 * What the bucket stores under a lease key. The write that acquires a lease carries no `token`: its
 * own KV revision is the token (it is unknown until the server assigns it). Renewals copy the token
 * explicitly, so it stays stable while the revision moves on.
 */
const storedLease = z.object({
  holder: z.string(),
  expiresAt: z.number(),
  token: z.number().int().positive().optional(),
})

type StoredLease = z.infer<typeof storedLease>

/** A lease as read back from the bucket, with the revision needed for compare-and-set. */
interface Current {
  holder: string
  token: number
  expiresAt: number
  revision: number
}

/**
 * Leases on a JetStream KV bucket (history 1, file storage so tokens keep growing across a
 * nats-server restart). Expiry is `expiresAt` compared with the injected clock, not a KV TTL, and
 * every write is a compare-and-set on the key's last revision, so two nodes racing for a lease cannot
 * both win. The fencing token is the KV revision of the write that acquired the lease: revisions are
 * the bucket stream's sequence numbers, which only grow, even across releases.
 *
 * @example
 * const leases = await KvLeases.open(nc, { bucket: 'csms_leases', clock, log, timeoutMs: 2000 })
 * const lease = await leases.acquire('site.42', 'node-a', 10_000)
 */
export class KvLeases implements Leases {
  private constructor(private readonly deps: { kv: KV; clock: Clock; log: Logger }) {}

  /** Binds to the bucket, creating it if missing. Every KV call is bounded by `timeoutMs`. */
  static async open(
    nc: NatsConnection,
    opts: { bucket: string; clock: Clock; log: Logger; timeoutMs: number },
  ): Promise<KvLeases> {
    const js = nc.jetstream({ timeout: opts.timeoutMs })
    const kv = await js.views.kv(opts.bucket, {
      history: 1,
      storage: StorageType.File,
      timeout: opts.timeoutMs,
    })
    return new KvLeases({ kv, clock: opts.clock, log: opts.log })
  }

  async acquire(key: string, holder: string, ttlMs: number): Promise<Lease | undefined> {
    const k = kvKey(key)
    const entry = await this.deps.kv.get(k)
    const current = entry ? this.#read(entry) : undefined
    const now = this.deps.clock.now()
    if (current && current.expiresAt > now && current.holder !== holder) return undefined
    const expiresAt = now + ttlMs
    const token = await this.#write(k, { holder, expiresAt }, entry?.revision ?? 0)
    return token === undefined ? undefined : { key, holder, token, expiresAt }
  }

  async renew(lease: Lease, ttlMs: number): Promise<Lease | undefined> {
    const k = kvKey(lease.key)
    const entry = await this.deps.kv.get(k)
    const current = entry ? this.#read(entry) : undefined
    const now = this.deps.clock.now()
    if (!current || !isHeld(current, lease) || current.expiresAt <= now) return undefined
    const expiresAt = now + ttlMs
    const value = { holder: lease.holder, token: lease.token, expiresAt }
    const revision = await this.#write(k, value, current.revision)
    return revision === undefined ? undefined : { ...lease, expiresAt }
  }

  async release(lease: Lease): Promise<void> {
    const k = kvKey(lease.key)
    const entry = await this.deps.kv.get(k)
    const current = entry ? this.#read(entry) : undefined
    if (!current || !isHeld(current, lease)) return
    try {
      await this.deps.kv.delete(k, { previousSeq: current.revision })
    } catch (err) {
      if (!isWrongLastSequence(err)) throw err
    }
  }

  /** Compare-and-set put; the new revision, or undefined when another write got there first. */
  async #write(k: string, value: StoredLease, previousSeq: number): Promise<number | undefined> {
    try {
      return await this.deps.kv.put(k, JSON.stringify(value), { previousSeq })
    } catch (err) {
      if (isWrongLastSequence(err)) return undefined
      throw err
    }
  }

  /** A live entry as a lease; deleted entries are free, and so are unreadable ones (logged). */
  #read(entry: KvEntry): Current | undefined {
    if (entry.operation !== 'PUT') return undefined
    const stored = parseStored(entry)
    if (!stored) {
      this.deps.log.warn('unreadable lease entry, treating it as free', { key: entry.key })
      return undefined
    }
    const { holder, expiresAt, token } = stored
    return { holder, expiresAt, token: token ?? entry.revision, revision: entry.revision }
  }
}

function parseStored(entry: KvEntry): StoredLease | undefined {
  try {
    const parsed = storedLease.safeParse(entry.json())
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

function isHeld(current: Current, lease: Lease): boolean {
  return current.holder === lease.holder && current.token === lease.token
}

function isWrongLastSequence(err: unknown): boolean {
  return err instanceof NatsError && err.api_error?.err_code === WRONG_LAST_SEQUENCE
}

/**
 * Encodes a lease key as a valid KV key (`[-/=.\w]+`, no empty tokens): every byte outside
 * `[A-Za-z0-9_-]` becomes `=xx`, so any string maps to a distinct key.
 */
export function kvKey(key: string): string {
  let out = ''
  for (const byte of new TextEncoder().encode(key)) {
    const c = String.fromCharCode(byte)
    out += /[A-Za-z0-9_-]/.test(c) ? c : `=${byte.toString(16).padStart(2, '0')}`
  }
  return out
}
