import type { VariableInput } from '@src/db/repos/device'
import {
  type CommandOutcome,
  outcome,
  type VariableRef,
  type WireCommand,
} from '@src/domain/charger/commands'
import { readOutcome } from '../outcome'
import { nextRequestId } from '../request-ids'
import type { RpcCaller } from '../version'
import { type Call, central } from './calls'
import type { ComponentType, RequestMap } from './generated/messages'
import { responseSchemas } from './generated/messages'
import { toCall201More } from './outbound-more'
import { profile201 } from './profiles'

function component(v: VariableRef): ComponentType {
  const evse =
    v.evseId === undefined
      ? undefined
      : { id: v.evseId, ...(v.connectorId === undefined ? {} : { connectorId: v.connectorId }) }
  return {
    name: v.component!,
    ...(v.componentInstance ? { instance: v.componentInstance } : {}),
    ...(evse ? { evse } : {}),
  }
}
const variable = (v: VariableRef) => ({
  name: v.variable,
  ...(v.variableInstance ? { instance: v.variableInstance } : {}),
})

/** Device-model rows from Get/SetVariables results that the station accepted. */
function acceptedVariables(
  results: {
    attributeStatus: string
    component: ComponentType
    variable: { name: string; instance?: string }
    attributeType?: string
    attributeValue?: string
  }[],
): VariableInput[] {
  return results
    .filter((r) => r.attributeStatus === 'Accepted')
    .map((r) => ({
      component: r.component.name,
      componentInstance: r.component.instance,
      evseId: r.component.evse?.id,
      connectorId: r.component.evse?.connectorId,
      variable: r.variable.name,
      variableInstance: r.variable.instance,
      attributeType: r.attributeType ?? 'Actual',
      value: r.attributeValue ?? null,
    }))
}

/** A neutral command as an OCPP 2.0.1 CALL, or why 2.0.1 cannot do it. */
export function toCall201(c: WireCommand): Call | CommandOutcome {
  switch (c.type) {
    case 'reset':
      return {
        action: 'Reset',
        payload: {
          type: c.kind === 'Hard' ? 'Immediate' : 'OnIdle',
          ...(c.evseId === undefined ? {} : { evseId: c.evseId }),
        },
      }
    case 'remoteStart': {
      const remoteStartId = nextRequestId()
      const payload: RequestMap['RequestStartTransaction'] = { idToken: central(c.idTag), remoteStartId }
      if (c.evseId !== undefined) payload.evseId = c.evseId
      if (c.chargingProfile) payload.chargingProfile = profile201(c.chargingProfile)
      return { action: 'RequestStartTransaction', payload, read: (r) => ({ data: { ...r, remoteStartId } }) }
    }
    case 'remoteStop':
      return { action: 'RequestStopTransaction', payload: { transactionId: c.wireTxId } }
    case 'unlock':
      return { action: 'UnlockConnector', payload: { evseId: c.evseId, connectorId: c.connectorId ?? 1 } }
    case 'changeAvailability': {
      const evse =
        c.evseId > 0
          ? { evse: { id: c.evseId, ...(c.connectorId ? { connectorId: c.connectorId } : {}) } }
          : {}
      return {
        action: 'ChangeAvailability',
        payload: { operationalStatus: c.operative ? 'Operative' : 'Inoperative', ...evse },
      }
    }
    case 'getVariables':
      return getVariablesCall(c.variables)
    case 'setVariables':
      return setVariablesCall(c.variables)
    case 'getBaseReport': {
      const requestId = nextRequestId()
      return {
        action: 'GetBaseReport',
        payload: { requestId, reportBase: c.reportBase },
        read: () => ({ data: { requestId } }),
      }
    }
    case 'triggerMessage':
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
    case 'clearCache':
      return { action: 'ClearCache', payload: {} }
    default:
      return toCall201More(c)
  }
}

function getVariablesCall(variables: VariableRef[] | undefined): Call | CommandOutcome {
  if (!variables) {
    const requestId = nextRequestId()
    return {
      action: 'GetBaseReport',
      payload: { requestId, reportBase: 'ConfigurationInventory' },
      read: () => ({ data: { requestId } }),
    }
  }
  if (variables.some((v) => !v.component)) return outcome.rejected('OCPP 2.0.1 variables need a component')
  const payload = {
    getVariableData: variables.map((v) => ({ component: component(v), variable: variable(v) })),
  }
  return {
    action: 'GetVariables',
    payload,
    read: (r) => ({ status: 'Accepted', data: { ...r, variables: acceptedVariables(r.getVariableResult) } }),
  }
}

function setVariablesCall(
  settings: Extract<WireCommand, { type: 'setVariables' }>['variables'],
): Call | CommandOutcome {
  if (settings.some((v) => !v.component)) return outcome.rejected('OCPP 2.0.1 variables need a component')
  const payload = {
    setVariableData: settings.map((v) => ({
      component: component(v),
      variable: variable(v),
      attributeValue: v.value,
    })),
  }
  return {
    action: 'SetVariables',
    payload,
    read: (r) => {
      const statuses = r.setVariableResult.map((x) => x.attributeStatus)
      const refused = statuses.find((st) => st !== 'Accepted' && st !== 'RebootRequired')
      const status = refused ?? (statuses.includes('RebootRequired') ? 'RebootRequired' : 'Accepted')
      const values = new Map(settings.map((v) => [`${v.component}/${v.variable}`, v.value]))
      const variables = acceptedVariables(r.setVariableResult).map((v) => ({
        ...v,
        value: values.get(`${v.component}/${v.variable}`) ?? null,
      }))
      return { status, data: { ...r, variables } }
    },
  }
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
