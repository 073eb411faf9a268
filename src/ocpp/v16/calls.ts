import type { CommandOutcome } from '@src/domain/charger/commands'
import type { Action, RequestMap, ResponseMap } from './generated/messages'

/** One OCPP 1.6 CALL, and how to read its answer beyond the status. */
export type Call = {
  [A in Action]: { action: A; payload: RequestMap[A]; read?: (r: ResponseMap[A]) => Partial<CommandOutcome> }
}[Action]
