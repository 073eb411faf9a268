import type { Clock } from '@src/lib/clock'
import { NoRespondersError, RemoteError, RequestTimeoutError } from '@src/lib/errors'
import type { Logger } from '@src/lib/log'
import { connect, Empty, ErrorCode, type Msg, type NatsConnection, NatsError, type Subscription } from 'nats'
import { z } from 'zod'
import { DEFAULT_LEASE_BUCKET, KvLeases } from './nats-leases'
import type { Bus, Leases, Unsubscribe } from './port'

/** Every node serves in this queue group, so exactly one node answers each request. */
const SERVE_QUEUE = 'csms'

/** Upper bound on each JetStream (lease) call. */
const KV_TIMEOUT_MS = 2000

/** The envelope a served handler replies with; `RemoteError` is rebuilt from `error`. */
const replyEnvelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
])

type Reply = z.infer<typeof replyEnvelope>

/** Options for {@link NatsBus.connect}. */
export interface NatsBusOptions {
  /** nats-server URL(s), e.g. `nats://127.0.0.1:4222` (comma-separated for a cluster). */
  url: string
  /** The connection name shown by the server's monitoring (the node id). */
  name: string
  clock: Clock
  log: Logger
  /** JetStream KV bucket for leases; all nodes of one cluster must use the same. */
  kvBucket?: string
}

/**
 * The cluster adapter of the `Bus` port, on NATS. Publish/subscribe are core NATS (subject patterns
 * are NATS patterns already), `serve` joins a queue group so one node answers each request, and
 * leases live in a JetStream KV bucket ({@link KvLeases}). Needs nats-server ≥ 2.2 (headers, so an
 * unserved request fails at once) with JetStream enabled.
 *
 * @example
 * const bus = await NatsBus.connect({ url: env.NATS_URL, name: nodeId, clock: systemClock, log })
 * bus.subscribe(subjects.allChargerEvents, (event, subject) => feed.push(chargerIdOf(subject), event))
 * await bus.close() // on SIGTERM: drains in-flight messages
 */
export class NatsBus implements Bus {
  readonly leases: Leases
  #closed = false

  private constructor(private readonly deps: { nc: NatsConnection; leases: Leases; log: Logger }) {
    this.leases = deps.leases
    void this.#watchConnection()
  }

  /** Connects (failing at once if the server is unreachable) and binds the lease bucket. */
  static async connect(opts: NatsBusOptions): Promise<NatsBus> {
    const nc = await connect({
      servers: opts.url.split(',').map((u) => u.trim()),
      name: opts.name,
      maxReconnectAttempts: -1,
    })
    try {
      const leases = await KvLeases.open(nc, {
        bucket: opts.kvBucket ?? DEFAULT_LEASE_BUCKET,
        clock: opts.clock,
        log: opts.log,
        timeoutMs: KV_TIMEOUT_MS,
      })
      return new NatsBus({ nc, leases, log: opts.log })
    } catch (err) {
      await nc.close()
      throw err
    }
  }

  publish(subject: string, payload: unknown): void {
    if (this.#closed) return
    this.deps.nc.publish(subject, encode(payload))
  }

  subscribe(pattern: string, handler: (payload: unknown, subject: string) => void): Unsubscribe {
    if (this.#closed) return () => undefined
    const sub = this.deps.nc.subscribe(pattern, {
      callback: (err, msg) => {
        if (err) this.deps.log.error('bus subscription failed', { pattern, err })
        else this.#deliver(msg, handler)
      },
    })
    return () => this.#unsubscribe(sub)
  }

  serve(subject: string, handler: (payload: unknown) => unknown): Unsubscribe {
    if (this.#closed) return () => undefined
    const sub = this.deps.nc.subscribe(subject, {
      queue: SERVE_QUEUE,
      callback: (err, msg) => {
        if (err) this.deps.log.error('bus responder failed', { subject, err })
        else void this.#answer(msg, handler)
      },
    })
    return () => this.#unsubscribe(sub)
  }

  async request(subject: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    if (this.#closed) throw new NoRespondersError(subject)
    let msg: Msg
    try {
      msg = await this.deps.nc.request(subject, encode(payload), { timeout: timeoutMs })
    } catch (err) {
      throw requestError(err, subject, timeoutMs)
    }
    const reply = decodeReply(msg.data)
    if (!reply.ok) throw new RemoteError(subject, reply.error)
    return reply.value
  }

  /**
   * Resolves once the server has processed everything this node sent so far, subscriptions
   * included: after `await bus.flush()`, another node's publish reaches a new subscriber.
   */
  async flush(): Promise<void> {
    if (!this.#closed) await this.deps.nc.flush()
  }

  /** Drains: stops new deliveries, lets in-flight handlers finish, flushes, then disconnects. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    if (!this.deps.nc.isClosed()) await this.deps.nc.drain()
  }

  #deliver(msg: Msg, handler: (payload: unknown, subject: string) => void): void {
    try {
      handler(decode(msg.data), msg.subject)
    } catch (err) {
      this.deps.log.error('bus subscriber failed', { subject: msg.subject, err })
    }
  }

  async #answer(msg: Msg, handler: (payload: unknown) => unknown): Promise<void> {
    let data: Uint8Array
    try {
      data = encodeReply({ ok: true, value: await handler(decode(msg.data)) })
    } catch (err) {
      data = encodeReply({ ok: false, error: err instanceof Error ? err.message : String(err) })
    }
    if (this.deps.nc.isClosed()) return
    try {
      msg.respond(data)
    } catch (err) {
      this.deps.log.warn('bus reply not sent', { subject: msg.subject, err })
    }
  }

  #unsubscribe(sub: Subscription): void {
    if (!this.deps.nc.isClosed() && !sub.isClosed()) sub.unsubscribe()
  }

  /** Logs disconnects and reconnects, and a connection that closed with an error. */
  async #watchConnection(): Promise<void> {
    const { nc, log } = this.deps
    void nc.closed().then((err) => {
      if (err) log.error('nats connection closed', { err })
    })
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'error') log.warn('nats connection trouble', { ...s })
      else if (s.type === 'reconnect') log.info('nats reconnected', { ...s })
    }
  }
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** JSON on the wire; `undefined` travels as an empty payload. */
function encode(payload: unknown): Uint8Array {
  return payload === undefined ? Empty : encoder.encode(JSON.stringify(payload))
}

/** Throws on malformed JSON; callers log (subscribers) or reply with an error (responders). */
function decode(data: Uint8Array): unknown {
  return data.length === 0 ? undefined : JSON.parse(decoder.decode(data))
}

function encodeReply(reply: Reply): Uint8Array {
  return encoder.encode(JSON.stringify(reply))
}

function decodeReply(data: Uint8Array): Reply {
  let raw: unknown
  try {
    raw = decode(data)
  } catch {
    raw = undefined
  }
  const parsed = replyEnvelope.safeParse(raw)
  return parsed.success ? parsed.data : { ok: false, error: 'malformed reply' }
}

/** Maps nats.js request failures to the port's errors; anything else is a broken connection. */
function requestError(err: unknown, subject: string, timeoutMs: number): unknown {
  if (!(err instanceof NatsError)) return err
  if (err.code === ErrorCode.NoResponders) return new NoRespondersError(subject)
  if (err.code === ErrorCode.Timeout) return new RequestTimeoutError(subject, timeoutMs)
  return err
}
