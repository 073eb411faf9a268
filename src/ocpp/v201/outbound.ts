import type { CommandOutcome, WireCommand } from '@src/domain/charger/commands'
import { buildCall, type CallTable, composeCalls } from '../call-builders'
import { readOutcome } from '../outcome'
import type { RpcCaller } from '../version'
import { authorizationCalls } from './authorization-calls'
import { availabilityCalls } from './availability-calls'
import type { Call } from './calls'
import { certificateCalls } from './certificate-calls'
import { dataTransferCalls } from './data-transfer-calls'
import { diagnosticsCalls } from './diagnostics-calls'
import { firmwareCalls } from './firmware-calls'
import { responseSchemas } from './generated/messages'
import { provisioningCalls } from './provisioning-calls'
import { remoteControlCalls } from './remote-control-calls'
import { reservationCalls } from './reservation-calls'
import { smartChargingCalls } from './smart-charging-calls'
import { tariffCostCalls } from './tariff-cost-calls'

/**
 * Every neutral command as OCPP 2.0.1 sends it, joined from the functional blocks that define its
 * messages. Typed as a whole table, so a new command type does not compile until some block builds it
 * or states that 2.0.1 cannot.
 */
export const calls201: CallTable<Call> = composeCalls(
  provisioningCalls,
  authorizationCalls,
  remoteControlCalls,
  availabilityCalls,
  reservationCalls,
  smartChargingCalls,
  firmwareCalls,
  diagnosticsCalls,
  certificateCalls,
  dataTransferCalls,
  tariffCostCalls,
)

/** A neutral command as an OCPP 2.0.1 CALL, or why 2.0.1 cannot do it. */
export function toCall201(c: WireCommand): Call | CommandOutcome {
  return buildCall(calls201, c, '2.0.1')
}

/** Sends a neutral command to an OCPP 2.0.1 station and reads its answer. */
export async function sendCommand201(rpc: RpcCaller, command: WireCommand): Promise<CommandOutcome> {
  const call = toCall201(command)
  if ('status' in call) return call
  const answer = await rpc.call(call.action, call.payload)
  const result = readOutcome(call.action, answer, responseSchemas[call.action])
  if (answer.kind !== 'result' || result.status === 'Failed' || !call.read) return result
  return { ...result, ...(call.read as (r: unknown) => Partial<CommandOutcome>)(result.data) }
}
