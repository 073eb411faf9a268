import type { Clock } from '@src/lib/clock'
import { BusUnavailableError, NoRespondersError, RemoteError, RequestTimeoutError } from '@src/lib/errors'
import type { Logger } from '@src/lib/log'
import { connect, Empty, ErrorCode, type Msg, type NatsConnection, NatsError, type Subscription } from 'nats'
import { z } from 'zod'
import { type Handler, LocalRoutes, type Responder } from './local-routes'
import { DEFAULT_LEASE_BUCKET, KvLeases } from './nats-leases'
import type { Bus, BusStatus, Lease, Leases, Unsubscribe } from './port'

/** Every node serves in this queue group, so exactly one node answers each request. */
const SERVE_QUEUE = 'csms'

/** Upper bound on each JetStream (lease) call. */
const KV_TIMEOUT_MS = 2000

/** Upper bound on draining at close; past it the connection is closed without waiting for the server. */
const DRAIN_TIMEOUT_MS = 2000

/**
 * The server is pinged this often (ms), and the connection counts as lost after two unanswered pings:
 * a silent network partition shows in `status()` within about 15 s (the client's default is minutes).
 */
const PING_INTERVAL_MS = 5000

/** The envelope a served handler replies with; `RemoteError` is rebuilt from `error`. */
const replyEnvelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
])

type Reply = z.infer<typeof replyEnvelope>

const healthy: BusStatus = { ok: true }

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
 * This node's own traffic never depends on NATS: a request for a subject served here goes straight
 * to the local handler, and a publish reaches this node's subscribers directly (the connection is
 * `noEcho`, so the server does not send it back a second time). While the connection is down:
 * local delivery goes on, publishes do not reach other nodes (they are dropped, not queued for a
 * late replay), requests for subjects served elsewhere and lease calls fail at once, and `status()`
 * says since when. nats.js reconnects on its own; subscriptions come back with it.
 *
 * @example
 * const bus = await NatsBus.connect({ url: env.NATS_URL, name: nodeId, clock: systemClock, log })
 * bus.subscribe(subjects.allChargerEvents, (event, subject) => feed.push(chargerIdOf(subject), event))
 * await bus.close() // on SIGTERM: drains in-flight messages, bounded in time
 */
export class NatsBus implements Bus {
  readonly leases: Leases
  readonly #routes: LocalRoutes
  #status: BusStatus = healthy
  #closed = false

  private constructor(
    private readonly deps: { nc: NatsConnection; leases: Leases; clock: Clock; log: Logger },
  ) {
    this.#routes = new LocalRoutes(deps)
    this.leases = new ConnectedLeases(deps.leases, () => this.#status)
    void this.#watchConnection()
  }

  /** Connects (failing at once if the server is unreachable) and binds the lease bucket. */
  static async connect(opts: NatsBusOptions): Promise<NatsBus> {
    const nc = await connect({
      servers: opts.url.split(',').map((u) => u.trim()),
      name: opts.name,
      maxReconnectAttempts: -1,
      noEcho: true,
      pingInterval: PING_INTERVAL_MS,
      maxPingOut: 2,
    })
    try {
      const leases = await KvLeases.open(nc, {
        bucket: opts.kvBucket ?? DEFAULT_LEASE_BUCKET,
        clock: opts.clock,
        log: opts.log,
        timeoutMs: KV_TIMEOUT_MS,
      })
      return new NatsBus({ nc, leases, clock: opts.clock, log: opts.log })
    } catch (err) {
      await nc.close()
      throw err
    }
  }

  publish(subject: string, payload: unknown): void {
    if (this.#closed) return
    const data = encode(payload)
    this.#routes.publish(subject, () => decode(data))
    if (this.#status.ok) this.deps.nc.publish(subject, data)
  }

  subscribe(pattern: string, handler: Handler): Unsubscribe {
    if (this.#closed) return () => undefined
    const local = this.#routes.subscribe(pattern, handler)
    const sub = this.deps.nc.subscribe(pattern, {
      callback: (err, msg) => {
        if (err) this.deps.log.error('bus subscription failed', { pattern, err })
        else this.#deliver(msg, handler)
      },
    })
    return () => {
      local()
      this.#unsubscribe(sub)
    }
  }

  serve(subject: string, handler: Responder): Unsubscribe {
    if (this.#closed) return () => undefined
    const local = this.#routes.serve(subject, handler)
    const sub = this.deps.nc.subscribe(subject, {
      queue: SERVE_QUEUE,
      callback: (err, msg) => {
        if (err) this.deps.log.error('bus responder failed', { subject, err })
        else void this.#answer(msg, handler)
      },
    })
    return () => {
      local()
      this.#unsubscribe(sub)
    }
  }

  /** Served here: answered in-process, as JSON copies both ways. Elsewhere: over NATS, if connected. */
  async request(subject: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    if (this.#closed) throw new NoRespondersError(subject)
    const data = encode(payload)
    if (this.#routes.serves(subject)) {
      const reply = await this.#routes.request(subject, decode(data), timeoutMs)
      return decode(encode(reply))
    }
    const status = this.#status
    if (!status.ok) throw new NoRespondersError(subject, status.reason)
    let msg: Msg
    try {
      msg = await this.deps.nc.request(subject, data, { timeout: timeoutMs })
    } catch (err) {
      throw requestError(err, subject, timeoutMs)
    }
    const reply = decodeReply(msg.data)
    if (!reply.ok) throw new RemoteError(subject, reply.error)
    return reply.value
  }

  /** Not ok from the moment the connection drops until nats.js has reconnected. */
  status(): BusStatus {
    return this.#status
  }

  /**
   * Resolves once the server has processed everything this node sent so far, subscriptions
   * included: after `await bus.flush()`, another node's publish reaches a new subscriber. Resolves at
   * once while disconnected (there is no server to wait for).
   */
  async flush(): Promise<void> {
    if (!this.#closed && this.#status.ok) await this.deps.nc.flush()
  }

  /**
   * Drains (stops new deliveries, lets in-flight handlers finish, flushes, disconnects) when
   * connected, for at most {@link DRAIN_TIMEOUT_MS}; without a server to drain to, or past that,
   * it closes the connection outright. Either way it returns promptly, so SIGTERM during an outage
   * still exits.
   */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#routes.clearServed()
    const { nc, clock, log } = this.deps
    if (nc.isClosed()) return
    if (this.#status.ok && (await drainWithin(nc, clock, DRAIN_TIMEOUT_MS))) return
    log.warn('nats connection closed without draining', { status: this.#status })
    await nc.close()
  }

  #deliver(msg: Msg, handler: Handler): void {
    try {
      handler(decode(msg.data), msg.subject)
    } catch (err) {
      this.deps.log.error('bus subscriber failed', { subject: msg.subject, err })
    }
  }

  async #answer(msg: Msg, handler: Responder): Promise<void> {
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

  /** Keeps `status()` current and logs each disconnect and reconnect once. */
  async #watchConnection(): Promise<void> {
    const { nc, clock, log } = this.deps
    void nc.closed().then((err) => {
      if (err) log.error('nats connection closed', { err })
      this.#status = { ok: false, reason: this.#closed ? 'bus closed' : 'NATS connection closed' }
    })
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' && this.#status.ok) {
        const since = new Date(clock.now()).toISOString()
        this.#status = { ok: false, reason: `NATS connection lost since ${since}` }
        log.warn('nats connection lost: this node serves its own chargers and listeners only', { ...s })
      } else if (s.type === 'reconnect') {
        this.#status = healthy
        log.info('nats reconnected', { ...s })
      } else if (s.type === 'error') log.warn('nats connection trouble', { ...s })
    }
  }
}

/**
 * Lease calls fail at once while the connection is down (`BusUnavailableError`), instead of queueing
 * a KV write that the server would apply after its caller had given up on it.
 */
class ConnectedLeases implements Leases {
  constructor(
    private readonly kv: Leases,
    private readonly status: () => BusStatus,
  ) {}

  acquire(key: string, holder: string, ttlMs: number): Promise<Lease | undefined> {
    return this.#whenConnected(() => this.kv.acquire(key, holder, ttlMs))
  }

  renew(lease: Lease, ttlMs: number): Promise<Lease | undefined> {
    return this.#whenConnected(() => this.kv.renew(lease, ttlMs))
  }

  release(lease: Lease): Promise<void> {
    return this.#whenConnected(() => this.kv.release(lease))
  }

  async #whenConnected<T>(call: () => Promise<T>): Promise<T> {
    const status = this.status()
    if (!status.ok) throw new BusUnavailableError(status.reason)
    return call()
  }
}

/** True when the drain finished within `ms`; a drain that fails or outlasts it is given up on (false). */
async function drainWithin(nc: NatsConnection, clock: Clock, ms: number): Promise<boolean> {
  let timer: ReturnType<Clock['setTimeout']> | undefined
  const timedOut = new Promise<false>((resolve) => {
    timer = clock.setTimeout(() => resolve(false), ms)
  })
  const drained = nc.drain().then(
    () => true,
    () => false,
  )
  const done = await Promise.race([drained, timedOut])
  if (timer !== undefined) clock.clearTimeout(timer)
  return done
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
