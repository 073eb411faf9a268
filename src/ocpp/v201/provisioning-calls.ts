import type { VariableInput } from '@src/db/repos/device'
import { type CommandOutcome, outcome, type VariableRef } from '@src/domain/charger/commands'
import type { CallBuilders, CommandOf } from '../call-builders'
import { nextRequestId } from '../request-ids'
import type { Call } from './calls'
import type { ComponentType } from './generated/messages'

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

/** GetBaseReport: the report itself arrives later as NotifyReport parts carrying the request id. */
function baseReportCall(reportBase: CommandOf<'getBaseReport'>['reportBase']): Call {
  const requestId = nextRequestId()
  return {
    action: 'GetBaseReport',
    payload: { requestId, reportBase },
    read: () => ({ data: { requestId } }),
  }
}

/** B06 GetVariables; with no variables named, the whole configuration (B07 ConfigurationInventory). */
function getVariablesCall({ variables }: CommandOf<'getVariables'>): Call | CommandOutcome {
  if (!variables) return baseReportCall('ConfigurationInventory')
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

/**
 * B05 SetVariables. The outcome is the first refusal, else RebootRequired if any setting needs one;
 * the accepted settings come back as device-model rows with the values that were set.
 */
function setVariablesCall({ variables: settings }: CommandOf<'setVariables'>): Call | CommandOutcome {
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

/**
 * OCPP 2.0.1 functional block B, Provisioning: Reset (B11/B12), GetVariables (B06), SetVariables (B05)
 * and GetBaseReport (B07), the device model read and written as component/variable pairs.
 */
export const provisioningCalls = {
  reset: (c) => ({
    action: 'Reset',
    payload: {
      type: c.kind === 'Hard' ? 'Immediate' : 'OnIdle',
      ...(c.evseId === undefined ? {} : { evseId: c.evseId }),
    },
  }),
  getVariables: getVariablesCall,
  setVariables: setVariablesCall,
  getBaseReport: (c) => baseReportCall(c.reportBase),
} satisfies CallBuilders<Call>
