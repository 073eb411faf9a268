import type { ChargerMsg } from '@actors/charger/protocol'
import type { KindHandle } from '@actors/runtime/system'
import type { ChargersRepo } from '@src/db/repos/chargers'
import type { DbWriter } from '@src/db/writer'
import { addressKey, type RequestPeers } from '@src/lib/client-address'
import type { Clock, TimerHandle } from '@src/lib/clock'
import type { Logger } from '@src/lib/log'
import type { Metrics } from '@src/lib/metrics'
import { RateLimitedLog } from '@src/lib/rate-limited-log'
import type { Server, ServerWebSocket, WebSocketHandler } from 'bun'
import type { ChargerAuth } from './charger-auth'
import { chooseSubprotocol, IDENTITY_RULE, identityFromPath } from './identity'
import { REFUSALS, type RefusalReason } from './refusals'
import { RpcError } from './rpc/errors'
import { OcppSession, type SessionConfig } from './session'
import type { OcppVersion } from './version'

/** Per-socket data Bun keeps for us. */
export interface SocketData {
  chargerId: string
  version: OcppVersion
  /** The client's address, as {@link RequestPeers} resolved it. */
  address: string
  /** Accepted at an earlier boot: it may carry on without booting again. */
  bootedBefore: boolean
  session?: OcppSession
  /** Closes the socket if no BootNotification arrives in time. */
  bootTimer?: TimerHandle
}

/** What the gateway needs. */
export interface GatewayDeps {
  versions: readonly OcppVersion[]
  chargerActors: KindHandle<ChargerMsg>
  chargers: ChargersRepo
  writer: DbWriter
  auth: ChargerAuth
  clock: Clock
  log: Logger
  metrics: Metrics
  /** Where each handshake came from (socket peer, or trusted proxies' `X-Forwarded-For`). */
  peers: RequestPeers
  /** How long a charger that has not booted (and was not accepted before) may stay connected. */
  bootTimeoutMs: number
  unknownChargers: 'accept' | 'reject'
  maxFrameBytes: number
  callTimeoutMs: number
  askTimeoutMs: number
}

/** Frames up to this many times the configured limit are read and refused; larger ones close the socket. */
const HARD_LIMIT_FACTOR = 4

/** WebSocket close code for a charger closed for not booting (RFC 6455: policy violation). */
const CLOSE_POLICY = 1008

/**
 * The OCPP-J endpoint `ws://host/ocpp/{chargerId}`: handshake checks (identity, subprotocol,
 * registration policy, Basic auth), then one {@link OcppSession} per socket. Why a handshake was
 * refused, and that a charger connected, is logged at info (rate-limited per address and reason, and
 * per charger), so a person connecting a charger can read it.
 */
export class OcppGateway {
  readonly #sockets = new Set<ServerWebSocket<SocketData>>()
  /** The newest session of each charger connected here. */
  readonly #sessions = new Map<string, OcppSession>()
  /** Numbers connections in the order they open (an actor keeps the newest of a charger's). */
  #opened = 0
  readonly #refused
  readonly #frames
  readonly #byId: Map<string, OcppVersion>
  /** One session configuration per protocol version, shared by all its sessions. */
  readonly #configs: Map<string, SessionConfig>
  readonly #refusalLog: RateLimitedLog
  readonly #connectLog: RateLimitedLog
  /** Bun WebSocket handlers and options for the OCPP endpoint (frame size hard limit included). */
  readonly websocket: WebSocketHandler<SocketData>

  constructor(private readonly deps: GatewayDeps) {
    this.websocket = {
      maxPayloadLength: deps.maxFrameBytes * HARD_LIMIT_FACTOR,
      idleTimeout: 180,
      sendPings: true,
      perMessageDeflate: false,
      open: (ws) => this.#open(ws),
      message: (ws, message) => this.#message(ws, message),
      close: (ws) => {
        this.#sockets.delete(ws)
        if (ws.data.bootTimer !== undefined) deps.clock.clearTimeout(ws.data.bootTimer)
        const session = ws.data.session
        if (!session) return
        if (this.#sessions.get(session.chargerId) === session) this.#sessions.delete(session.chargerId)
        session.closed()
      },
    }
    this.#byId = new Map(deps.versions.map((v) => [v.protocol, v]))
    this.#configs = new Map(
      deps.versions.map((version) => [
        version.protocol,
        {
          version,
          askTimeoutMs: deps.askTimeoutMs,
          rpc: { clock: deps.clock, wireCode: version.wireCode, callTimeoutMs: deps.callTimeoutMs },
        },
      ]),
    )
    this.#refused = deps.metrics.counter('ocpp_handshakes_refused_total', 'WebSocket handshakes refused', [
      'reason',
    ])
    this.#refusalLog = new RateLimitedLog({ log: deps.log, clock: deps.clock })
    this.#connectLog = new RateLimitedLog({ log: deps.log, clock: deps.clock })
    this.#frames = deps.metrics.counter('ocpp_frames_received_total', 'OCPP frames received')
    deps.metrics.gauge('ocpp_connections', 'Open charger connections', [], () => this.#sockets.size)
  }

  /** Open charger connections on this node. */
  get connections(): number {
    return this.#sockets.size
  }

  /** Checks a handshake and upgrades it; returns the refusal response otherwise. */
  async upgrade(req: Request, server: Server<SocketData>): Promise<Response | undefined> {
    const address = this.deps.peers.address(req)
    const path = new URL(req.url).pathname
    const chargerId = identityFromPath(path)
    const who = { address, charger: chargerId ?? path.slice('/ocpp/'.length, 100) }
    if (!chargerId)
      return this.#refuse(400, 'bad-identity', `the URL must be /ocpp/{id}, the id ${IDENTITY_RULE}`, who)
    if (req.headers.get('upgrade')?.toLowerCase() !== 'websocket')
      return this.#refuse(426, 'not-websocket', 'OCPP-J needs a WebSocket upgrade', who)
    const protocols = this.deps.versions.map((v) => v.protocol)
    const offered = req.headers.get('sec-websocket-protocol')
    const chosen = chooseSubprotocol(offered, protocols)
    if (!chosen)
      return this.#refuse(
        400,
        'subprotocol',
        `no supported OCPP subprotocol offered; we speak ${protocols.join(', ')}`,
        {
          ...who,
          offered: offered?.slice(0, 100) ?? null,
        },
      )
    const admitted = await this.#admit(chargerId, req.headers.get('authorization'), address)
    if (admitted instanceof Response) return admitted
    const data: SocketData = {
      chargerId,
      version: this.#byId.get(chosen)!,
      address,
      bootedBefore: admitted.bootedBefore,
    }
    if (server.upgrade(req, { headers: { 'Sec-WebSocket-Protocol': chosen }, data })) return undefined
    return this.#refuse(400, 'upgrade-failed', 'WebSocket upgrade failed', who)
  }

  /** Registration policy and Basic auth: the refusal, or whether the charger was accepted at an earlier boot. */
  async #admit(
    chargerId: string,
    authorization: string | null,
    address: string,
  ): Promise<Response | { bootedBefore: boolean }> {
    const who = { address, charger: chargerId }
    const row = await this.deps.chargers.find(chargerId)
    if (!row) {
      if (this.deps.unknownChargers === 'reject')
        return this.#refuse(404, 'unknown', `unknown charger ${chargerId}`, who)
      await this.deps.writer.write([this.deps.chargers.upsert({ id: chargerId, now: this.deps.clock.now() })])
      this.deps.log.info('registered an unknown charger on first connection', who)
      return { bootedBefore: false }
    }
    const bootedBefore = row.registration === 'Accepted' && row.lastBootAt !== null
    if (!row.passwordHash) return { bootedBefore }
    const result = await this.deps.auth.check(chargerId, authorization, row.passwordHash, addressKey(address))
    if (result === 'ok') return { bootedBefore }
    if (result === 'locked')
      return this.#refuse(429, 'locked', 'too many failed attempts; try again later', who)
    const res = this.#refuse(
      401,
      `auth-${result}`,
      'HTTP Basic authentication with the charger password is required',
      who,
    )
    res.headers.set('WWW-Authenticate', 'Basic realm="OCPP", charset="UTF-8"')
    return res
  }

  #refuse(
    status: number,
    reason: RefusalReason,
    message: string,
    who: { address: string; charger: string; offered?: string | null },
  ): Response {
    this.#refused.with(reason).inc()
    this.#logRefusal(reason, { ...who, status })
    return new Response(message, { status, headers: { 'content-type': 'text/plain' } })
  }

  #logRefusal(reason: RefusalReason, fields: Record<string, unknown> & { address: string }): void {
    this.#refusalLog.info(`${fields.address} ${reason}`, 'charger connection refused', {
      reason,
      why: REFUSALS[reason],
      ...fields,
    })
  }

  #open(ws: ServerWebSocket<SocketData>): void {
    this.#sockets.add(ws)
    const { chargerId, version, address } = ws.data
    const config = this.#configs.get(version.protocol)!
    const actor = this.deps.chargerActors.get(chargerId)
    const session = new OcppSession(chargerId, ws, actor, config, ++this.#opened)
    ws.data.session = session
    this.#sessions.set(chargerId, session)
    this.#connectLog.info(chargerId, 'charger connected', {
      charger: chargerId,
      protocol: version.protocol,
      address,
    })
    if (!ws.data.bootedBefore)
      ws.data.bootTimer = this.deps.clock.setTimeout(() => this.#bootDeadline(ws), this.deps.bootTimeoutMs)
    session.open().catch((err: unknown) => {
      this.deps.log.error('could not attach a charger connection to its actor', { charger: chargerId, err })
      ws.close(1011, 'internal error')
    })
  }

  /** The boot deadline passed: a charger that has still not booted is closed. */
  #bootDeadline(ws: ServerWebSocket<SocketData>): void {
    ws.data.bootTimer = undefined
    if (!this.#sockets.has(ws) || ws.data.session?.bootedAt !== undefined) return
    const { chargerId: charger, address } = ws.data
    this.#refused.with('boot-timeout').inc()
    this.#logRefusal('boot-timeout', { charger, address, afterMs: this.deps.bootTimeoutMs })
    ws.close(CLOSE_POLICY, 'no BootNotification')
  }

  #message(ws: ServerWebSocket<SocketData>, message: string | Buffer): void {
    const session = ws.data.session!
    this.#frames.inc()
    if (typeof message !== 'string') {
      session.rpc.refuse({ code: RpcError.RpcFrameworkError, description: 'OCPP-J frames must be text' })
    } else if (
      message.length > this.deps.maxFrameBytes &&
      Buffer.byteLength(message) > this.deps.maxFrameBytes
    ) {
      session.rpc.refuse(
        { code: RpcError.FormatViolation, description: `frame larger than ${this.deps.maxFrameBytes} bytes` },
        messageIdOf(message),
      )
    } else {
      session.rpc.receive(message)
    }
  }

  /** The live link of a charger connected to this node. */
  link(chargerId: string): OcppSession | undefined {
    return this.#sessions.get(chargerId)
  }

  /** Closes one charger's connection (e.g. its actor gave up): it will reconnect to a fresh actor. */
  closeCharger(chargerId: string, code: number, reason: string): void {
    this.#sessions.get(chargerId)?.close(code, reason)
  }

  /** Closes every charger connection (at shutdown: 1001 asks chargers to reconnect, to another node). */
  closeAll(code: number, reason: string): void {
    for (const ws of this.#sockets) ws.close(code, reason)
  }
}

/** The message id at the start of a frame too large to parse, so the CALLERROR can name it. */
function messageIdOf(frame: string): string | undefined {
  return /^\s*\[\s*2\s*,\s*"([^"\\]{1,36})"/.exec(frame.slice(0, 64))?.[1]
}
