import type { ChargerMsg } from '@actors/charger/protocol'
import type { KindHandle } from '@actors/runtime/system'
import type { ChargersRepo } from '@src/db/repos/chargers'
import type { DbWriter } from '@src/db/writer'
import type { Clock } from '@src/lib/clock'
import type { Logger } from '@src/lib/log'
import type { Metrics } from '@src/lib/metrics'
import type { Server, ServerWebSocket, WebSocketHandler } from 'bun'
import type { ChargerAuth } from './charger-auth'
import { chooseSubprotocol, identityFromPath } from './identity'
import { RpcError } from './rpc/errors'
import { OcppSession, type SessionConfig } from './session'
import type { OcppVersion } from './version'

/** Per-socket data Bun keeps for us. */
export interface SocketData {
  chargerId: string
  version: OcppVersion
  session?: OcppSession
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
  unknownChargers: 'accept' | 'reject'
  maxFrameBytes: number
  callTimeoutMs: number
  askTimeoutMs: number
}

/** Frames up to this many times the configured limit are read and refused; larger ones close the socket. */
const HARD_LIMIT_FACTOR = 4

/**
 * The OCPP-J endpoint `ws://host/ocpp/{chargerId}`: handshake checks (identity, subprotocol,
 * registration policy, Basic auth), then one {@link OcppSession} per socket.
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
    this.#frames = deps.metrics.counter('ocpp_frames_received_total', 'OCPP frames received')
    deps.metrics.gauge('ocpp_connections', 'Open charger connections', [], () => this.#sockets.size)
  }

  /** Open charger connections on this node. */
  get connections(): number {
    return this.#sockets.size
  }

  /** Checks a handshake and upgrades it; returns the refusal response otherwise. */
  async upgrade(req: Request, server: Server<SocketData>): Promise<Response | undefined> {
    const chargerId = identityFromPath(new URL(req.url).pathname)
    if (!chargerId)
      return this.#refuse(400, 'bad-identity', 'the URL must be /ocpp/{chargerId} (1-48 characters, no ":")')
    if (req.headers.get('upgrade')?.toLowerCase() !== 'websocket')
      return this.#refuse(426, 'not-websocket', 'OCPP-J needs a WebSocket upgrade')
    const protocols = this.deps.versions.map((v) => v.protocol)
    const chosen = chooseSubprotocol(req.headers.get('sec-websocket-protocol'), protocols)
    if (!chosen)
      return this.#refuse(
        400,
        'subprotocol',
        `no supported OCPP subprotocol offered; we speak ${protocols.join(', ')}`,
      )
    const refusal = await this.#admit(chargerId, req.headers.get('authorization'))
    if (refusal) return refusal
    const data: SocketData = { chargerId, version: this.#byId.get(chosen)! }
    if (server.upgrade(req, { headers: { 'Sec-WebSocket-Protocol': chosen }, data })) return undefined
    return this.#refuse(400, 'upgrade-failed', 'WebSocket upgrade failed')
  }

  /** Registration policy and Basic auth; undefined when the charger may connect. */
  async #admit(chargerId: string, authorization: string | null): Promise<Response | undefined> {
    const row = await this.deps.chargers.find(chargerId)
    if (!row) {
      if (this.deps.unknownChargers === 'reject')
        return this.#refuse(404, 'unknown', `unknown charger ${chargerId}`)
      await this.deps.writer.write([this.deps.chargers.upsert({ id: chargerId, now: this.deps.clock.now() })])
      this.deps.log.info('registered an unknown charger on first connection', { charger: chargerId })
      return undefined
    }
    if (!row.passwordHash) return undefined
    const result = await this.deps.auth.check(chargerId, authorization, row.passwordHash)
    if (result === 'ok') return undefined
    if (result === 'locked') return this.#refuse(429, 'locked', 'too many failed attempts; try again later')
    const res = this.#refuse(
      401,
      `auth-${result}`,
      'HTTP Basic authentication with the charger password is required',
    )
    res.headers.set('WWW-Authenticate', 'Basic realm="OCPP", charset="UTF-8"')
    return res
  }

  #refuse(status: number, reason: string, message: string): Response {
    this.#refused.with(reason).inc()
    return new Response(message, { status, headers: { 'content-type': 'text/plain' } })
  }

  #open(ws: ServerWebSocket<SocketData>): void {
    this.#sockets.add(ws)
    const { chargerId, version } = ws.data
    const config = this.#configs.get(version.protocol)!
    const actor = this.deps.chargerActors.get(chargerId)
    const session = new OcppSession(chargerId, ws, actor, config, ++this.#opened)
    ws.data.session = session
    this.#sessions.set(chargerId, session)
    session.open().catch((err: unknown) => {
      this.deps.log.error('could not attach a charger connection to its actor', { charger: chargerId, err })
      ws.close(1011, 'internal error')
    })
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
