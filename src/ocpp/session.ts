import type { ChargerLink, ChargerMsg } from '@actors/charger/protocol'
import type { ActorRef } from '@actors/runtime/types'
import type { CommandOutcome, WireCommand } from '@src/domain/charger/commands'
import type { RegistrationStatus } from '@src/domain/charger/types'
import { type CallAnswer, type RpcConfig, RpcConnection, type Transport } from './rpc/connection'
import type { OcppVersion } from './version'

/** What all sessions of one protocol version share (one object per version, not per charger). */
export interface SessionConfig {
  version: OcppVersion
  rpc: RpcConfig
  /** How long a charger's call may wait for the actor (database included) before InternalError. */
  askTimeoutMs: number
}

/**
 * One connected charger: its RPC session and the link its actor talks through. The version adapter
 * maps each call to a neutral message (or a CALLERROR); the session asks the actor and sends the answer.
 *
 * `registration` is what the last boot was answered (or the stored registration on a reconnect);
 * until it is Accepted, the adapter refuses every call but a boot, at the edge.
 */
export class OcppSession implements ChargerLink {
  readonly rpc: RpcConnection
  registration: RegistrationStatus = 'Pending'
  /** When this connection's BootNotification was answered (the gateway closes one that never boots). */
  bootedAt: number | undefined
  #ready: Promise<void> | undefined

  constructor(
    readonly chargerId: string,
    private readonly transport: Transport,
    private readonly charger: ActorRef<ChargerMsg>,
    private readonly config: SessionConfig,
    readonly seq: number,
  ) {
    this.rpc = new RpcConnection(transport, this, config.rpc)
  }

  get protocol(): string {
    return this.config.version.protocol
  }

  /** Attaches the session to its charger actor; calls that arrive meanwhile wait for it. */
  open(): Promise<void> {
    this.#ready = this.charger
      .ask<{ registration: RegistrationStatus }>(
        (reply) => ({ type: 'charger.connect', link: this, reply }),
        this.config.askTimeoutMs,
      )
      .then((r) => {
        this.registration = r.registration
        this.#ready = undefined
      })
    return this.#ready
  }

  /**
   * A call from the charger: mapped by the version adapter, asked of the actor (a slow or failed actor
   * rejects, which the RPC layer answers InternalError), answered in the version's words.
   */
  async onCall(action: string, payload: Record<string, unknown>): Promise<CallAnswer> {
    if (this.#ready) await this.#ready
    const decoded = this.config.version.decodeCall(action, payload, this.registration)
    if (!decoded.ok) return decoded
    const { message, answer, registers } = decoded.inbound
    const reply = await this.charger.ask<unknown>(message, this.config.askTimeoutMs)
    if (registers) {
      this.registration = registers(reply)
      this.bootedAt = this.config.rpc.clock.now()
    }
    return { ok: true, payload: answer(reply) }
  }

  send(command: WireCommand, deadline: number): Promise<CommandOutcome> {
    return this.config.version.sendCommand({ call: (a, p) => this.rpc.call(a, p, deadline) }, command)
  }

  close(code: number, reason: string): void {
    this.transport.close(code, reason)
  }

  /** The socket closed: fail waiting calls and tell the actor. */
  closed(): void {
    this.rpc.close()
    this.charger.tell({ type: 'charger.disconnect', link: this })
  }
}
