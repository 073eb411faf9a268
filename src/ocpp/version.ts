import type { CommandOutcome, WireCommand } from '@src/domain/charger/commands'
import type { RegistrationStatus } from '@src/domain/charger/types'
import type { Decoded } from './dispatch'
import type { CallOutcome } from './rpc/connection'
import type { RpcErrorCode } from './rpc/errors'

/**
 * What a version needs of a connection to send one command's CALLs: the connection's `call` with the
 * command's deadline already bound, so every CALL of the command (1.6 sends several for one
 * `setVariables`) gives up when its requester does.
 */
export interface RpcCaller {
  call(action: string, payload: unknown): Promise<CallOutcome>
}

/**
 * One OCPP version: how it spells RPC errors, how it maps a charger's call to a neutral message for
 * the charger's actor, and how it sends a neutral command as its own CALLs.
 */
export interface OcppVersion {
  /** The WebSocket subprotocol, e.g. `ocpp1.6`. */
  readonly protocol: string
  readonly wireCode: Record<RpcErrorCode, string>
  /** Validates a call from the charger and maps it, or says which CALLERROR answers it. */
  decodeCall(action: string, payload: Record<string, unknown>, registration: RegistrationStatus): Decoded
  /** Sends a neutral command as this version's CALL(s) and reads the answer back. */
  sendCommand(rpc: RpcCaller, command: WireCommand): Promise<CommandOutcome>
}
