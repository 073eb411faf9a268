import { outcome } from '@src/domain/charger/commands'
import type { CallBuilders } from '../call-builders'
import { nextRequestId } from '../request-ids'
import { type Call, central } from './calls'
import type { RequestMap } from './generated/messages'
import { profile201 } from './profiles'

/**
 * OCPP 2.0.1 functional block F, RemoteControl: RequestStartTransaction (F01/F02),
 * RequestStopTransaction (F03), UnlockConnector (F05) and TriggerMessage (F06). The remote start id
 * comes back in the outcome, to match the TransactionEvent that the start causes.
 */
export const remoteControlCalls = {
  remoteStart: (c) => {
    const remoteStartId = nextRequestId()
    const payload: RequestMap['RequestStartTransaction'] = { idToken: central(c.idTag), remoteStartId }
    if (c.evseId !== undefined) payload.evseId = c.evseId
    if (c.chargingProfile) payload.chargingProfile = profile201(c.chargingProfile)
    return { action: 'RequestStartTransaction', payload, read: (r) => ({ data: { ...r, remoteStartId } }) }
  },
  remoteStop: (c) => ({ action: 'RequestStopTransaction', payload: { transactionId: c.wireTxId } }),
  unlock: (c) => ({
    action: 'UnlockConnector',
    payload: { evseId: c.evseId, connectorId: c.connectorId ?? 1 },
  }),
  triggerMessage: (c) => {
    if (c.message === 'DiagnosticsStatusNotification')
      return outcome.notSupported(
        'OCPP 2.0.1 has no DiagnosticsStatusNotification; trigger LogStatusNotification',
      )
    return {
      action: 'TriggerMessage',
      payload: {
        requestedMessage: c.message,
        ...(c.evseId === undefined ? {} : { evse: { id: c.evseId } }),
      },
    }
  },
} satisfies CallBuilders<Call>
