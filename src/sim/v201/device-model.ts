import type {
  ComponentType,
  GetVariableDataType,
  GetVariableResultType,
  ReportBaseEnumType,
  ReportDataType,
  SetVariableDataType,
  SetVariableResultType,
  VariableType,
} from '@src/ocpp/v201/generated/messages'
import { type DeviceDefaults, initialVariables, type VariableSpec } from './device-variables'

export type { DeviceDefaults, VariableSpec } from './device-variables'

/** Which variable: a component (with instance and EVSE) and a variable (with instance). */
export interface VariableKey {
  component: string
  variable: string
  instance?: string
  evseId?: number
  connectorId?: number
  variableInstance?: string
}

/** Summary components: what SummaryInventory reports (availability of the station, EVSEs, connectors). */
const SUMMARY = new Set(['AvailabilityState', 'Available'])

/**
 * A 2.0.1 station's device model: components, variables and their Actual values, as GetVariables,
 * SetVariables and GetBaseReport see them (unknown ones UnknownComponent/UnknownVariable, read-only
 * ones Rejected, values checked against their data type, list and limits).
 *
 * @example
 * const dm = new SimDeviceModel({ evses: 2, heartbeatIntervalS: 300, txUpdatedIntervalS: 60, maxCurrentA: 32, phases: 3, voltage: 230 })
 * dm.int({ component: 'SampledDataCtrlr', variable: 'TxUpdatedInterval' }) // 60
 */
export class SimDeviceModel {
  readonly #vars: VariableSpec[]

  constructor(defaults: DeviceDefaults) {
    this.#vars = initialVariables(defaults)
  }

  /** GetVariables, one entry. */
  get(d: GetVariableDataType): GetVariableResultType {
    const found = this.#find(d.component, d.variable)
    const base = {
      component: d.component,
      variable: d.variable,
      ...(d.attributeType ? { attributeType: d.attributeType } : {}),
    }
    if (typeof found === 'string') return { ...base, attributeStatus: found }
    if (d.attributeType && d.attributeType !== 'Actual')
      return { ...base, attributeStatus: 'NotSupportedAttributeType' }
    if (found.mutability === 'WriteOnly') return { ...base, attributeStatus: 'Rejected' }
    return { ...base, attributeStatus: 'Accepted', attributeValue: found.value }
  }

  /** SetVariables, one entry: stored when valid and writable. */
  set(d: SetVariableDataType): SetVariableResultType {
    const found = this.#find(d.component, d.variable)
    const base = {
      component: d.component,
      variable: d.variable,
      ...(d.attributeType ? { attributeType: d.attributeType } : {}),
    }
    if (typeof found === 'string') return { ...base, attributeStatus: found }
    if (d.attributeType && d.attributeType !== 'Actual')
      return { ...base, attributeStatus: 'NotSupportedAttributeType' }
    if (found.mutability === 'ReadOnly' || !valid(found, d.attributeValue))
      return { ...base, attributeStatus: 'Rejected' }
    found.value = d.attributeValue
    return { ...base, attributeStatus: 'Accepted' }
  }

  /** The variables a GetBaseReport of this kind lists, in NotifyReport form. */
  report(base: ReportBaseEnumType): ReportDataType[] {
    const picked = this.#vars.filter((v) => {
      if (base === 'ConfigurationInventory') return v.mutability !== 'ReadOnly'
      if (base === 'SummaryInventory') return SUMMARY.has(v.variable)
      return true
    })
    return picked.map(reportData)
  }

  /** A variable's value from inside the station (undefined if it has none). */
  value(k: VariableKey): string | undefined {
    return this.#vars.find((v) => matches(v, k))?.value
  }

  /** An integer variable (0 if absent). */
  int(k: VariableKey): number {
    return Number.parseInt(this.value(k) ?? '0', 10)
  }

  /** A boolean variable (false if absent). */
  bool(k: VariableKey): boolean {
    return this.value(k) === 'true'
  }

  /** Writes a value from inside the station (read-only ones too, e.g. AvailabilityState). */
  update(k: VariableKey, value: string | number): void {
    const v = this.#vars.find((x) => matches(x, k))
    if (v) v.value = String(value)
  }

  #find(
    component: ComponentType,
    variable: VariableType,
  ): VariableSpec | 'UnknownComponent' | 'UnknownVariable' {
    const k: VariableKey = {
      component: component.name,
      instance: component.instance,
      evseId: component.evse?.id,
      connectorId: component.evse?.connectorId,
      variable: variable.name,
      variableInstance: variable.instance,
    }
    const ofComponent = this.#vars.filter((v) => sameComponent(v, k))
    if (ofComponent.length === 0) return 'UnknownComponent'
    return ofComponent.find((v) => sameVariable(v, k)) ?? 'UnknownVariable'
  }
}

function sameComponent(v: VariableSpec, k: VariableKey): boolean {
  if (v.component !== k.component || (v.instance ?? '') !== (k.instance ?? '')) return false
  if (v.evseId !== k.evseId) return false
  return k.connectorId === undefined || v.connectorId === k.connectorId
}

function sameVariable(v: VariableSpec, k: VariableKey): boolean {
  return v.variable === k.variable && (v.variableInstance ?? '') === (k.variableInstance ?? '')
}

const matches = (v: VariableSpec, k: VariableKey) => sameComponent(v, k) && sameVariable(v, k)

function valid(v: VariableSpec, value: string): boolean {
  const allowed = (v.valuesList ?? '').split(',')
  switch (v.dataType) {
    case 'integer':
      return /^-?\d{1,9}$/.test(value) && inLimits(v, Number(value))
    case 'decimal':
      return value.trim() !== '' && Number.isFinite(Number(value)) && inLimits(v, Number(value))
    case 'boolean':
      return value === 'true' || value === 'false'
    case 'OptionList':
      return allowed.includes(value)
    case 'MemberList':
    case 'SequenceList':
      return value === '' || value.split(',').every((x) => allowed.includes(x))
    default:
      return value.length <= 1000
  }
}

function inLimits(v: VariableSpec, n: number): boolean {
  return (v.minLimit === undefined || n >= v.minLimit) && (v.maxLimit === undefined || n <= v.maxLimit)
}

function reportData(v: VariableSpec): ReportDataType {
  const component: ComponentType = { name: v.component }
  if (v.instance) component.instance = v.instance
  if (v.evseId !== undefined)
    component.evse = { id: v.evseId, ...(v.connectorId === undefined ? {} : { connectorId: v.connectorId }) }
  const variable: VariableType = {
    name: v.variable,
    ...(v.variableInstance ? { instance: v.variableInstance } : {}),
  }
  const value = v.mutability === 'WriteOnly' ? {} : { value: v.value }
  return {
    component,
    variable,
    variableAttribute: [{ type: 'Actual', mutability: v.mutability, ...value }],
    variableCharacteristics: {
      dataType: v.dataType,
      supportsMonitoring: false,
      ...(v.unit ? { unit: v.unit } : {}),
      ...(v.valuesList ? { valuesList: v.valuesList } : {}),
      ...(v.minLimit === undefined ? {} : { minLimit: v.minLimit }),
      ...(v.maxLimit === undefined ? {} : { maxLimit: v.maxLimit }),
    },
  }
}
