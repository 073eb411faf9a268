import { outcome } from '@src/domain/charger/commands'
import type { CallBuilders } from '../call-builders'
import type { Call } from './calls'
import type { RequestMap } from './generated/messages'
import { extendedTriggerCall } from './security-calls'

type Triggerable = RequestMap['TriggerMessage']['requestedMessage']

/** The messages 1.6 TriggerMessage can ask for. */
const triggers = new Set<string>([
  'BootNotification',
  'DiagnosticsStatusNotification',
  'FirmwareStatusNotification',
  'Heartbeat',
  'MeterValues',
  'StatusNotification',
] satisfies Triggerable[])

/**
 * OCPP 1.6 Remote Trigger profile: TriggerMessage, or the security extension's
 * ExtendedTriggerMessage for the messages that extension added.
 */
export const remoteTriggerCalls = {
  triggerMessage: (c) => {
    if (triggers.has(c.message)) {
      const connector = c.evseId === undefined ? {} : { connectorId: c.evseId }
      return {
        action: 'TriggerMessage',
        payload: { requestedMessage: c.message as Triggerable, ...connector },
      }
    }
    return (
      extendedTriggerCall(c.message, c.evseId) ?? outcome.notSupported(`OCPP 1.6 cannot trigger ${c.message}`)
    )
  },
} satisfies CallBuilders<Call>
