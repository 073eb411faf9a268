import { type CommandOutcome, outcome, type WireCommand } from '@src/domain/charger/commands'
import { readOutcome } from '../outcome'
import { nextRequestId } from '../request-ids'
import type { RpcCaller } from '../version'
import { formatWireTime } from '../wire-time'
import type { Call } from './calls'
import { type RequestMap, type ResponseMap, responseSchemas } from './generated/messages'
import { firmwareCall, toCall16Rest } from './outbound-more'
import { profile16 } from './profiles'

/** One CALL, and how to read its answer beyond the status. */

const triggers16 = new Set([
  'BootNotification',
  'DiagnosticsStatusNotification',
  'FirmwareStatusNotification',
  'Heartbeat',
  'MeterValues',
  'StatusNotification',
])
const extendedTriggers16: Record<string, 'LogStatusNotification' | 'SignChargePointCertificate'> = {
  LogStatusNotification: 'LogStatusNotification',
  SignChargingStationCertificate: 'SignChargePointCertificate',
}

/** 1.6 configuration keys read back as device-model variables (component `Configuration`). */
function configurationVariables(r: ResponseMap['GetConfiguration']): Partial<CommandOutcome> {
  const variables = (r.configurationKey ?? []).map((k) => ({
    component: 'Configuration',
    variable: k.key,
    value: k.value ?? null,
    mutability: k.readonly ? 'ReadOnly' : 'ReadWrite',
  }))
  return { data: { ...r, variables } }
}

/** A neutral command as an OCPP 1.6 CALL, or why 1.6 cannot do it. */
export function toCall16(c: WireCommand): Call | CommandOutcome {
  switch (c.type) {
    case 'reset':
      return { action: 'Reset', payload: { type: c.kind } }
    case 'remoteStart': {
      const payload: RequestMap['RemoteStartTransaction'] = { idTag: c.idTag }
      if (c.evseId !== undefined) payload.connectorId = c.evseId
      if (c.chargingProfile) payload.chargingProfile = profile16(c.chargingProfile)
      return { action: 'RemoteStartTransaction', payload }
    }
    case 'remoteStop':
      return { action: 'RemoteStopTransaction', payload: { transactionId: Number(c.wireTxId) } }
    case 'unlock':
      return { action: 'UnlockConnector', payload: { connectorId: c.evseId } }
    case 'changeAvailability':
      return {
        action: 'ChangeAvailability',
        payload: { connectorId: c.evseId, type: c.operative ? 'Operative' : 'Inoperative' },
      }
    case 'getVariables':
      return {
        action: 'GetConfiguration',
        payload: c.variables ? { key: c.variables.map((v) => v.variable) } : {},
        read: configurationVariables,
      }
    case 'getBaseReport':
      return { action: 'GetConfiguration', payload: {}, read: configurationVariables }
    case 'setVariables':
      return outcome.notSupported('setVariables is sent one key at a time to 1.6')
    case 'triggerMessage':
      return triggerCall(c.message, c.evseId)
    case 'clearCache':
      return { action: 'ClearCache', payload: {} }
    default:
      return toCall16More(c)
  }
}

function triggerCall(message: string, evseId: number | undefined): Call | CommandOutcome {
  const connector = evseId === undefined ? {} : { connectorId: evseId }
  if (triggers16.has(message)) {
    return {
      action: 'TriggerMessage',
      payload: {
        requestedMessage: message as RequestMap['TriggerMessage']['requestedMessage'],
        ...connector,
      },
    }
  }
  const extended = extendedTriggers16[message]
  if (extended)
    return { action: 'ExtendedTriggerMessage', payload: { requestedMessage: extended, ...connector } }
  return outcome.notSupported(`OCPP 1.6 cannot trigger ${message}`)
}

function toCall16More(c: WireCommand): Call | CommandOutcome {
  switch (c.type) {
    case 'setChargingProfile':
      return {
        action: 'SetChargingProfile',
        payload: { connectorId: c.evseId, csChargingProfiles: profile16(c.profile, c.wireTxId) },
      }
    case 'clearChargingProfile': {
      const payload: RequestMap['ClearChargingProfile'] = {}
      if (c.profileId !== undefined) payload.id = c.profileId
      if (c.evseId !== undefined) payload.connectorId = c.evseId
      if (c.purpose)
        payload.chargingProfilePurpose =
          c.purpose === 'ChargingStationMaxProfile' ? 'ChargePointMaxProfile' : c.purpose
      if (c.stackLevel !== undefined) payload.stackLevel = c.stackLevel
      return { action: 'ClearChargingProfile', payload }
    }
    case 'getChargingProfiles':
      return outcome.notSupported('OCPP 1.6 has no GetChargingProfiles; use getCompositeSchedule')
    case 'getCompositeSchedule':
      return {
        action: 'GetCompositeSchedule',
        payload: {
          connectorId: c.evseId,
          duration: c.durationS,
          ...(c.rateUnit ? { chargingRateUnit: c.rateUnit } : {}),
        },
        read: (r) => ({ data: { ...r } }),
      }
    case 'getLog':
      return logCall(c)
    case 'updateFirmware':
      return firmwareCall(c)
    default:
      return toCall16Rest(c)
  }
}

function logCall(c: Extract<WireCommand, { type: 'getLog' }>): Call {
  const retries = {
    ...(c.retries === undefined ? {} : { retries: c.retries }),
    ...(c.retryIntervalS === undefined ? {} : { retryInterval: c.retryIntervalS }),
  }
  if (c.logType === 'DiagnosticsLog') {
    const window = {
      ...(c.oldest === undefined ? {} : { startTime: formatWireTime(c.oldest) }),
      ...(c.latest === undefined ? {} : { stopTime: formatWireTime(c.latest) }),
    }
    return {
      action: 'GetDiagnostics',
      payload: { location: c.location, ...retries, ...window },
      read: (r) => ({ status: 'Accepted', data: { ...r } }),
    }
  }
  const requestId = nextRequestId()
  const log = {
    remoteLocation: c.location,
    ...(c.oldest === undefined ? {} : { oldestTimestamp: formatWireTime(c.oldest) }),
    ...(c.latest === undefined ? {} : { latestTimestamp: formatWireTime(c.latest) }),
  }
  return {
    action: 'GetLog',
    payload: { log, logType: 'SecurityLog', requestId, ...retries },
    read: (r) => ({ data: { ...r, requestId } }),
  }
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
