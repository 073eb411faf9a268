import type { Reason } from '@src/ocpp/v16/generated/messages'
import type { ReasonEnumType, TriggerReasonEnumType } from '@src/ocpp/v201/generated/messages'
import type { ProtocolFlow } from '../sim-flow'
import { plugIn201, unplug201 } from './plug'
import type { Sim201 } from './station'
import { begin201, end201 } from './transactions'

/** A 1.6 stop reason as 2.0.1 names it, and what triggered the stop. */
const STOPS: Record<Reason, [ReasonEnumType, TriggerReasonEnumType]> = {
  Local: ['Local', 'StopAuthorized'],
  EVDisconnected: ['EVDisconnected', 'EVCommunicationLost'],
  Remote: ['Remote', 'RemoteStop'],
  DeAuthorized: ['DeAuthorized', 'Deauthorized'],
  SoftReset: ['ImmediateReset', 'ResetCommand'],
  HardReset: ['ImmediateReset', 'ResetCommand'],
  Reboot: ['Reboot', 'ResetCommand'],
  UnlockCommand: ['Other', 'UnlockCommand'],
  PowerLoss: ['PowerLoss', 'AbnormalCondition'],
  EmergencyStop: ['EmergencyStop', 'AbnormalCondition'],
  Other: ['Other', 'AbnormalCondition'],
}

/** The session flow `SimCharger` drives for a 2.0.1 station. */
export function flow201(s: Sim201): ProtocolFlow {
  return {
    plugIn: (c, ev, opts) => plugIn201(s, c, ev, opts),
    begin: (c, idTag) =>
      begin201(s, c, { idToken: idTag, type: 'ISO14443' }, { authorize: true, trigger: 'Authorized' }),
    end: (c, reason, idTag) => {
      const [stopped, trigger] = STOPS[reason]
      return end201(s, c, stopped, trigger, reason === 'Local' ? idTag : undefined)
    },
    unplug: (c) => unplug201(s, c),
  }
}
