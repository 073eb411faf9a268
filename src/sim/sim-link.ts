import type { RegistrationStatus } from '@src/domain/charger/types'
import type { Clock, TimerHandle } from '@src/lib/clock'
import { type ClientCallHandler, OcppClient } from './ocpp-client'
import { Outbox } from './outbox'
import { hashString, Rng } from './prng'
import type { SimChargerEvent } from './sim-events'
import type { BaseRequests, BaseResponses, LinkControl, LinkProtocol, Sent } from './sim-link-types'

/** What the link needs from its charger. */
export interface LinkOptions<RQ extends BaseRequests, RS extends BaseResponses> {
  protocol: LinkProtocol<RQ, RS>
  url: string
  id: string
  password?: string
  clock: Clock
  /** Per call, real time: how long to wait for the CSMS (sockets run in real time). */
  callTimeoutMs: number
  /** First reconnect delay (simulated ms); doubles up to ten times that. */
  reconnectMs: number
  /** Boot again after a reconnect (a real 1.6 station only boots after a restart). */
  bootOnReconnect: boolean
  /** Check every payload sent and received against the version's schemas. */
  validate: boolean
  onCall: ClientCallHandler
  bootPayload: () => RQ['BootNotification']
  heartbeatS: () => number
  setHeartbeatS: (seconds: number) => void
  /** Accepted and ready (after a boot, or a reconnect of an accepted station): report statuses. */
  onOnline: () => void
  onOffline: () => void
  retry: { attempts: () => number; retryMs: () => number }
  emit: (event: SimChargerEvent) => void
}

/** Boot retry when the CSMS gives no usable interval (s). */
const DEFAULT_RETRY_S = 30

/**
 * A charger's connection to the CSMS: connect, boot (retrying while Pending or Rejected), heartbeats,
 * the ordered outbox, and reconnecting after the socket drops, until {@link SimLink.close}.
 */
export class SimLink<RQ extends BaseRequests, RS extends BaseResponses> implements LinkControl {
  readonly outbox: Outbox
  #client: OcppClient | undefined
  #registration: RegistrationStatus | undefined
  #accepted = false
  #forceBoot = false
  #closed = false
  #backoffMs: number
  #rebootMs: number | undefined
  readonly #jitter: Rng
  readonly #timers = new Map<'heartbeat' | 'boot' | 'reconnect', TimerHandle>()

  constructor(private readonly o: LinkOptions<RQ, RS>) {
    this.#backoffMs = o.reconnectMs
    this.#jitter = new Rng(hashString(o.id))
    this.outbox = new Outbox({
      clock: o.clock,
      transmit: (action, payload) => {
        if (!this.#client) throw new Error('not connected')
        return this.#client.call(action, payload)
      },
      attempts: o.retry.attempts,
      retryMs: o.retry.retryMs,
    })
  }

  /** The last boot answer (or undefined before any). */
  get registration(): RegistrationStatus | undefined {
    return this.#registration
  }

  /** Connected with an accepted registration. */
  get online(): boolean {
    return this.#client !== undefined && this.#registration === 'Accepted'
  }

  /** Opens the socket; rejects when the CSMS refuses the handshake. */
  async connect(): Promise<void> {
    const client = await OcppClient.connect({
      url: this.o.url,
      identity: this.o.id,
      protocols: [this.o.protocol.name],
      password: this.o.password,
      onCall: this.o.onCall,
      callTimeoutMs: this.o.callTimeoutMs,
      keepFrames: false,
    })
    if (this.#closed) {
      await client.close(1000, 'charger stopped')
      return
    }
    this.#client = client
    this.#backoffMs = this.o.reconnectMs
    void client.closed.then((c) => this.#onClose(client, c.code))
    this.o.emit({ type: 'connected', chargerId: this.o.id })
  }

  /** Sends BootNotification; Accepted makes the link ready, Pending/Rejected retry after the interval. */
  async boot(): Promise<RegistrationStatus | undefined> {
    const client = this.#client
    if (!client) return undefined
    this.#clear('boot')
    this.outbox.setReady(false)
    const answer = await this.#call(client, 'BootNotification', this.o.bootPayload())
    if (client !== this.#client) return undefined
    if (!answer.ok) {
      this.#schedule('boot', DEFAULT_RETRY_S * 1000, () => void this.boot())
      return undefined
    }
    const { status, interval } = answer.payload
    this.#registration = status
    this.o.emit({ type: 'booted', chargerId: this.o.id, status, intervalS: interval })
    if (status === 'Accepted') {
      this.#accepted = true
      this.#forceBoot = false
      if (interval > 0) this.o.setHeartbeatS(interval)
      this.#ready()
    } else {
      this.#schedule('boot', (interval > 0 ? interval : DEFAULT_RETRY_S) * 1000, () => void this.boot())
    }
    return status
  }

  /** Queues a call (see {@link Outbox}); checks the answer against the schema. */
  async send<A extends keyof RQ & keyof RS & string>(
    action: A,
    payload: RQ[A],
    durable = false,
  ): Promise<Sent<RS[A]>> {
    this.#checkOut(action, payload)
    const out = await this.outbox.enqueue(action, payload, durable)
    if (out.kind === 'dropped') return { ok: false, error: out.description }
    if (out.kind === 'error') {
      this.#protocolError(action, 'in', `CALLERROR ${out.code}: ${out.description}`)
      return { ok: false, error: `${out.code}: ${out.description}` }
    }
    return this.#checkIn(action, out.payload)
  }

  /** (Re)starts heartbeats at the HeartbeatInterval. */
  restartHeartbeat(): void {
    this.#clear('heartbeat')
    const seconds = this.o.heartbeatS()
    if (seconds <= 0 || !this.online) return
    this.#schedule('heartbeat', seconds * 1000, () => {
      void this.send('Heartbeat', {} as RQ['Heartbeat'])
      this.restartHeartbeat()
    })
  }

  /** A restart: the socket closes, and after `downMs` (simulated) the charger reconnects and boots. */
  async reboot(downMs: number): Promise<void> {
    this.#forceBoot = true
    this.#rebootMs = downMs
    await this.#client?.close(1000, 'rebooting')
  }

  /** Drops the socket as a network failure would; the charger reconnects. */
  async dropConnection(): Promise<void> {
    await this.#client?.close(4000, 'network lost')
  }

  /** Switches off: no more reconnects; queued calls are dropped; the socket closes normally. */
  async close(): Promise<void> {
    this.#closed = true
    for (const key of [...this.#timers.keys()]) this.#clear(key)
    this.outbox.close()
    const client = this.#client
    this.#client = undefined
    if (client && client.ws.readyState <= 1) await client.close(1000, 'charger stopped')
  }

  #ready(): void {
    this.outbox.setReady(true)
    this.restartHeartbeat()
    this.o.onOnline()
  }

  #onClose(client: OcppClient, code: number): void {
    if (client !== this.#client) return
    this.#client = undefined
    this.outbox.setReady(false)
    this.#clear('heartbeat')
    this.#clear('boot')
    this.o.emit({ type: 'disconnected', chargerId: this.o.id, code })
    this.o.onOffline()
    if (!this.#closed) this.#scheduleReconnect()
  }

  /** Backoff with jitter (±50 %, seeded by the id), so a fleet does not reconnect in one burst. */
  #scheduleReconnect(): void {
    const delay = this.#rebootMs ?? this.#backoffMs * this.#jitter.uniform(0.5, 1.5)
    this.#rebootMs = undefined
    this.#backoffMs = Math.min(this.#backoffMs * 2, this.o.reconnectMs * 10)
    this.#schedule('reconnect', delay, async () => {
      try {
        await this.connect()
      } catch {
        if (!this.#closed) this.#scheduleReconnect()
        return
      }
      if (!this.#client) return
      if (this.#accepted && !this.#forceBoot && !this.o.bootOnReconnect) this.#ready()
      else await this.boot()
    })
  }

  async #call<A extends keyof RQ & keyof RS & string>(
    client: OcppClient,
    action: A,
    payload: RQ[A],
  ): Promise<Sent<RS[A]>> {
    this.#checkOut(action, payload)
    try {
      const out = await client.call(action, payload)
      if (out.kind === 'result') return this.#checkIn(action, out.payload)
      this.#protocolError(action, 'in', `CALLERROR ${out.code}: ${out.description}`)
      return { ok: false, error: out.code }
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : 'failed' }
    }
  }

  #checkOut(action: keyof RQ & string, payload: unknown): void {
    if (!this.o.validate) return
    const parsed = this.o.protocol.requestSchemas[action].safeParse(payload)
    if (!parsed.success) this.#protocolError(action, 'out', parsed.error.message)
  }

  #checkIn<A extends keyof RS & string>(action: A, payload: Record<string, unknown>): Sent<RS[A]> {
    if (!this.o.validate) return { ok: true, payload: payload as RS[A] }
    const parsed = this.o.protocol.responseSchemas[action].safeParse(payload)
    if (parsed.success) return { ok: true, payload: parsed.data }
    this.#protocolError(action, 'in', `invalid ${action} response: ${parsed.error.message}`)
    return { ok: false, error: 'invalid response' }
  }

  #protocolError(action: string, direction: 'in' | 'out', detail: string): void {
    this.o.emit({ type: 'protocolError', chargerId: this.o.id, action, direction, detail })
  }

  #schedule(key: 'heartbeat' | 'boot' | 'reconnect', ms: number, fn: () => void): void {
    this.#clear(key)
    this.#timers.set(
      key,
      this.o.clock.setTimeout(() => {
        this.#timers.delete(key)
        fn()
      }, ms),
    )
  }

  #clear(key: 'heartbeat' | 'boot' | 'reconnect'): void {
    const handle = this.#timers.get(key)
    if (handle !== undefined) this.o.clock.clearTimeout(handle)
    this.#timers.delete(key)
  }
}
