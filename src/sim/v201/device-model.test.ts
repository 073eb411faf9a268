import { describe, expect, test } from 'bun:test'
import { SimDeviceModel } from './device-model'

const model = () =>
  new SimDeviceModel({
    evses: 2,
    heartbeatIntervalS: 300,
    txUpdatedIntervalS: 60,
    maxCurrentA: 32,
    phases: 3,
    voltage: 230,
  })
const ref = (name: string, variable: string, evseId?: number, instance?: string) => ({
  component: { name, ...(evseId === undefined ? {} : { evse: { id: evseId } }) },
  variable: { name: variable, ...(instance ? { instance } : {}) },
})

describe('SimDeviceModel', () => {
  test.each([
    ['OCPPCommCtrlr', 'HeartbeatInterval', undefined, undefined, 'Accepted', '300'],
    ['OCPPCommCtrlr', 'MessageAttempts', undefined, 'TransactionEvent', 'Accepted', '3'],
    ['OCPPCommCtrlr', 'MessageAttempts', undefined, undefined, 'UnknownVariable', undefined],
    ['EVSE', 'Power', 2, undefined, 'Accepted', '0'],
    ['EVSE', 'Power', 3, undefined, 'UnknownComponent', undefined],
    ['FooCtrlr', 'Enabled', undefined, undefined, 'UnknownComponent', undefined],
    ['SecurityCtrlr', 'BasicAuthPassword', undefined, undefined, 'Rejected', undefined],
  ])('B06 - get %s.%s (evse %p, instance %p): %s', (component, variable, evseId, instance, status, value) => {
    const r = model().get(ref(component, variable, evseId, instance))
    expect<string>(r.attributeStatus).toBe(status)
    expect(r.attributeValue).toBe(value)
  })

  test('B06 - only the Actual attribute is supported', () => {
    const r = model().get({ ...ref('AuthCtrlr', 'Enabled'), attributeType: 'MaxSet' })
    expect(r).toMatchObject({ attributeStatus: 'NotSupportedAttributeType', attributeType: 'MaxSet' })
  })

  test.each([
    ['SampledDataCtrlr', 'TxUpdatedInterval', '15', 'Accepted'],
    ['SampledDataCtrlr', 'TxUpdatedInterval', '-1', 'Rejected'],
    ['SampledDataCtrlr', 'TxUpdatedInterval', '1.5', 'Rejected'],
    ['AuthCtrlr', 'Enabled', 'yes', 'Rejected'],
    ['AuthCtrlr', 'Enabled', 'false', 'Accepted'],
    ['TxCtrlr', 'TxStartPoint', 'EVConnected,Authorized', 'Accepted'],
    ['TxCtrlr', 'TxStartPoint', 'Whenever', 'Rejected'],
    ['SmartChargingCtrlr', 'LimitChangeSignificance', '2.5', 'Accepted'],
    ['SmartChargingCtrlr', 'ProfileStackLevel', '3', 'Rejected'],
    ['SecurityCtrlr', 'BasicAuthPassword', 'secret-password-123', 'Accepted'],
    ['NoCtrlr', 'X', '1', 'UnknownComponent'],
  ])('B05 - set %s.%s = %p: %s', (component, variable, value, status) => {
    const dm = model()
    expect<string>(dm.set({ ...ref(component, variable), attributeValue: value }).attributeStatus).toBe(
      status,
    )
    if (status === 'Accepted' && variable !== 'BasicAuthPassword')
      expect(dm.value({ component, variable })).toBe(value)
  })

  test('B07 - reports: every variable, the writable ones, or the availability summary', () => {
    const dm = model()
    const full = dm.report('FullInventory')
    const config = dm.report('ConfigurationInventory')
    const summary = dm.report('SummaryInventory')
    expect(full.length).toBeGreaterThan(config.length)
    expect(config.every((d) => d.variableAttribute[0]?.mutability !== 'ReadOnly')).toBe(true)
    expect(
      summary.map((d) => `${d.component.name}${d.component.evse?.id ?? ''}.${d.variable.name}`),
    ).toContain('EVSE2.AvailabilityState')
    const password = full.find((d) => d.variable.name === 'BasicAuthPassword')
    expect(password?.variableAttribute).toEqual([{ type: 'Actual', mutability: 'WriteOnly' }])
  })
})
