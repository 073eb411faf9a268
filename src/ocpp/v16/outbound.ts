import type { ChargerCommand, CommandOutcome } from '@src/domain/charger/commands'
import { readOutcome } from '../outcome'
import type { OcppSession } from '../session'
import { type Action, type RequestMap, responseSchemas } from './generated/messages'

type Call = { [A in Action]: { action: A; payload: RequestMap[A] } }[Action]

/** A neutral command as an OCPP 1.6 CALL. */
export function toCall16(c: ChargerCommand): Call {
  switch (c.type) {
    case 'reset':
      return { action: 'Reset', payload: { type: c.kind } }
    case 'remoteStart':
      return {
        action: 'RemoteStartTransaction',
        payload: { idTag: c.idTag, ...(c.evseId === undefined ? {} : { connectorId: c.evseId }) },
      }
    case 'remoteStop':
      return { action: 'RemoteStopTransaction', payload: { transactionId: c.transactionId } }
    case 'unlock':
      return { action: 'UnlockConnector', payload: { connectorId: c.evseId } }
    case 'changeAvailability':
      return {
        action: 'ChangeAvailability',
        payload: { connectorId: c.evseId, type: c.operative ? 'Operative' : 'Inoperative' },
      }
    case 'getConfiguration':
      return { action: 'GetConfiguration', payload: c.keys?.length ? { key: c.keys } : {} }
    case 'changeConfiguration':
      return { action: 'ChangeConfiguration', payload: { key: c.key, value: c.value } }
    case 'triggerMessage':
      return {
        action: 'TriggerMessage',
        payload: {
          requestedMessage: c.message,
          ...(c.evseId === undefined ? {} : { connectorId: c.evseId }),
        },
      }
    case 'clearCache':
      return { action: 'ClearCache', payload: {} }
    case 'dataTransfer':
      return {
        action: 'DataTransfer',
        payload: { vendorId: c.vendorId, messageId: c.messageId, data: c.data },
      }
  }
}

/** Sends a neutral command to an OCPP 1.6 charger and reads its answer. */
export async function sendCommand16(s: OcppSession, command: ChargerCommand): Promise<CommandOutcome> {
  const { action, payload } = toCall16(command)
  const answer = await s.rpc.call(action, dropUndefined(payload))
  return readOutcome(action, answer, responseSchemas[action])
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}
