import type { CommandOutcome, WireCommand } from '@src/domain/charger/commands'
import { buildCall, type CallTable, composeCalls } from '../call-builders'
import { readOutcome } from '../outcome'
import type { RpcCaller } from '../version'
import type { Call } from './calls'
import { coreCalls } from './core-calls'
import { firmwareManagementCalls } from './firmware-management-calls'
import { responseSchemas } from './generated/messages'
import { localAuthListCalls } from './local-auth-list-calls'
import { remoteTriggerCalls } from './remote-trigger-calls'
import { reservationCalls } from './reservation-calls'
import { securityCalls } from './security-calls'
import { smartChargingCalls } from './smart-charging-calls'

/**
 * Every neutral command as OCPP 1.6 sends it, joined from the feature profiles (and the security
 * extension) that define its messages. Typed as a whole table, so a new command type does not compile
 * until some profile builds it or states that 1.6 cannot.
 */
export const calls16: CallTable<Call> = composeCalls(
  coreCalls,
  firmwareManagementCalls,
  localAuthListCalls,
  reservationCalls,
  smartChargingCalls,
  remoteTriggerCalls,
  securityCalls,
)

/** A neutral command as an OCPP 1.6 CALL, or why 1.6 cannot do it. */
export function toCall16(c: WireCommand): Call | CommandOutcome {
  return buildCall(calls16, c, '1.6')
}

/** Sends a neutral command to an OCPP 1.6 charger and reads its answer. */
export async function sendCommand16(rpc: RpcCaller, command: WireCommand): Promise<CommandOutcome> {
  if (command.type === 'setVariables') return setEach(rpc, command)
  const call = toCall16(command)
  if ('status' in call) return call
  const answer = await rpc.call(call.action, call.payload)
  const result = readOutcome(call.action, answer, responseSchemas[call.action])
  if (answer.kind !== 'result' || result.status === 'Failed' || !call.read) return result
  const extra = (call.read as (r: unknown) => Partial<CommandOutcome>)(result.data)
  return { ...result, ...extra }
}

/** 1.6 changes one configuration key per call: each in turn, the first refusal is the outcome. */
async function setEach(
  rpc: RpcCaller,
  c: Extract<WireCommand, { type: 'setVariables' }>,
): Promise<CommandOutcome> {
  const results: { key: string; status: string }[] = []
  for (const v of c.variables) {
    const answer = await rpc.call('ChangeConfiguration', { key: v.variable, value: v.value })
    const result = readOutcome('ChangeConfiguration', answer, responseSchemas.ChangeConfiguration)
    results.push({ key: v.variable, status: result.status })
  }
  const refused = results.find((r) => r.status !== 'Accepted' && r.status !== 'RebootRequired')
  const status =
    refused?.status ?? (results.some((r) => r.status === 'RebootRequired') ? 'RebootRequired' : 'Accepted')
  const accepted = results
    .filter((r) => r.status === 'Accepted' || r.status === 'RebootRequired')
    .map((r) => r.key)
  const variables = c.variables
    .filter((v) => accepted.includes(v.variable))
    .map((v) => ({ component: 'Configuration', variable: v.variable, value: v.value }))
  return { status, data: { results, variables } }
}
