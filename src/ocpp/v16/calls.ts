import type { CommandOutcome } from '@src/domain/charger/commands'
import type { Action, RequestMap, ResponseMap } from './generated/messages'

/** One OCPP 1.6 CALL, and how to read its answer beyond the status. */
export type Call = {
  [A in Action]: { action: A; payload: RequestMap[A]; read?: (r: ResponseMap[A]) => Partial<CommandOutcome> }
}[Action]

/** Retry settings of an upload or download (diagnostics, logs, firmware), when given. */
export const retries = (c: { retries?: number; retryIntervalS?: number }) => ({
  ...(c.retries === undefined ? {} : { retries: c.retries }),
  ...(c.retryIntervalS === undefined ? {} : { retryInterval: c.retryIntervalS }),
})
