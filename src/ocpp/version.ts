import type { CommandOutcome, WireCommand } from '@src/domain/charger/commands'
import type { CallAnswer } from './rpc/connection'
import type { RpcErrorCode } from './rpc/errors'
import type { OcppSession } from './session'

/**
 * One OCPP version: how it spells RPC errors, how it turns a charger's call into a charger-actor
 * message, and how it turns a neutral command into its own CALL.
 */
export interface OcppVersion {
  /** The WebSocket subprotocol, e.g. `ocpp1.6`. */
  readonly protocol: string
  readonly wireCode: Record<RpcErrorCode, string>
  /** Validates and handles a call from the charger. */
  handleCall(session: OcppSession, action: string, payload: Record<string, unknown>): Promise<CallAnswer>
  /** Sends a neutral command as this version's CALL and reads the answer back. */
  sendCommand(session: OcppSession, command: WireCommand): Promise<CommandOutcome>
}
