import type { ChargerLink, ChargerMsg } from '@actors/charger/protocol'
import type { ActorRef } from '@actors/runtime/types'
import type { CommandOutcome, WireCommand } from '@src/domain/charger/commands'
import type { RegistrationStatus } from '@src/domain/charger/types'
import type { Clock } from '@src/lib/clock'
import { RpcConnection, type Transport } from './rpc/connection'
import type { Frame } from './rpc/frame'
import type { OcppVersion } from './version'

/** What a session needs. */
export interface SessionDeps {
  chargerId: string
  version: OcppVersion
  transport: Transport
  charger: ActorRef<ChargerMsg>
  clock: Clock
  callTimeoutMs: number
  /** How long a charger's call may wait for the actor (database included) before InternalError. */
  askTimeoutMs: number
  onStray?: (frame: Frame) => void
}

/**
 * One connected charger: its RPC session and the link its actor talks through. Protocol-neutral: the
 * version object does the translating.
 *
 * `registration` is what the last boot was answered (or the stored registration on a reconnect);
 * until it is Accepted, the version adapter refuses every call but a boot, at the edge.
 */
export class OcppSession implements ChargerLink {
  readonly rpc: RpcConnection
  readonly protocol: string
  registration: RegistrationStatus = 'Pending'
  #ready: Promise<void> | undefined

  constructor(readonly deps: SessionDeps) {
    this.protocol = deps.version.protocol
    this.rpc = new RpcConnection({
      transport: deps.transport,
      clock: deps.clock,
      wireCode: deps.version.wireCode,
      callTimeoutMs: deps.callTimeoutMs,
      onStray: deps.onStray,
      onCall: async (action, payload) => {
        await this.#ready
        return deps.version.handleCall(this, action, payload)
      },
    })
  }

  get chargerId(): string {
    return this.deps.chargerId
  }

  /** Attaches the session to its charger actor; calls that arrive meanwhile wait for it. */
  open(): Promise<void> {
    this.#ready = this.deps.charger
      .ask<{ registration: RegistrationStatus }>(
        (reply) => ({ type: 'charger.connect', link: this, reply }),
        this.deps.askTimeoutMs,
      )
      .then((r) => {
        this.registration = r.registration
      })
    return this.#ready
  }

  /** Asks the charger actor; a slow or failed actor rejects, which the RPC layer answers InternalError. */
  ask<R>(make: (reply: (value: R) => void) => ChargerMsg): Promise<R> {
    return this.deps.charger.ask<R>(make, this.deps.askTimeoutMs)
  }

  send(command: WireCommand): Promise<CommandOutcome> {
    return this.deps.version.sendCommand(this, command)
  }

  close(code: number, reason: string): void {
    this.deps.transport.close(code, reason)
  }

  /** The socket closed: fail waiting calls and tell the actor. */
  closed(): void {
    this.rpc.close()
    this.deps.charger.tell({ type: 'charger.disconnect', link: this })
  }
}
