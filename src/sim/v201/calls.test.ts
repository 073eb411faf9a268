import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { eventually, protocolErrors, type SimHarness, startHarness, testEv } from '../sim-test-kit'

let h: SimHarness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.dispose())

const V201 = 'ocpp2.0.1'
const variable = (component: string, name: string, evseId?: number) => ({
  component: { name: component, ...(evseId === undefined ? {} : { evse: { id: evseId } }) },
  variable: { name },
})
const statuses = (r: Record<string, unknown>, key: string) =>
  (r[key] as { attributeStatus: string }[]).map((x) => x.attributeStatus)
const kinds = async (id: string) => (await h.node.deps.repos.chargers.recentEvents(id, 50)).map((e) => e.kind)

describe('2.0.1 device model', () => {
  test('B06/B05 - GetVariables and SetVariables over the device model', async () => {
    const { cp, events } = await h.charger('SIM201-D1', 2, V201)
    const got = await h.call('SIM201-D1', 'GetVariables', {
      getVariableData: [
        variable('OCPPCommCtrlr', 'HeartbeatInterval'),
        variable('EVSE', 'AvailabilityState', 2),
        variable('NoSuchCtrlr', 'Enabled'),
        variable('AuthCtrlr', 'NoSuchVariable'),
        variable('SecurityCtrlr', 'BasicAuthPassword'),
      ],
    })
    expect(statuses(got, 'getVariableResult')).toEqual([
      'Accepted',
      'Accepted',
      'UnknownComponent',
      'UnknownVariable',
      'Rejected',
    ])
    const set = await h.call('SIM201-D1', 'SetVariables', {
      setVariableData: [
        { ...variable('SampledDataCtrlr', 'TxUpdatedInterval'), attributeValue: '15' },
        { ...variable('SmartChargingCtrlr', 'ProfileStackLevel'), attributeValue: '3' },
        { ...variable('OCPPCommCtrlr', 'HeartbeatInterval'), attributeValue: 'soon' },
        { ...variable('TxCtrlr', 'TxStartPoint'), attributeValue: 'EVConnected,Authorized' },
      ],
    })
    expect(statuses(set, 'setVariableResult')).toEqual(['Accepted', 'Rejected', 'Rejected', 'Accepted'])
    expect(cp.deviceModel.int({ component: 'SampledDataCtrlr', variable: 'TxUpdatedInterval' })).toBe(15)
    expect(() => cp.configuration).toThrow(/deviceModel/)
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('B07 - GetBaseReport: Accepted, then NotifyReport parts the CSMS stores', async () => {
    const { cp, clock, events } = await h.charger('SIM201-D2', 1, V201)
    const report = await h.command('SIM201-D2', { type: 'getBaseReport', reportBase: 'FullInventory' })
    expect(report.status).toBe('Accepted')
    await clock.advance(0)
    const rows = await eventually('the device model stored', async () => {
      const r = await h.node.deps.repos.device.variables('SIM201-D2')
      return r.length >= 50 ? r : undefined
    })
    expect(
      rows.find((r) => r.component === 'SampledDataCtrlr' && r.variable === 'TxUpdatedInterval'),
    ).toMatchObject({
      value: '60',
      mutability: 'ReadWrite',
      dataType: 'integer',
    })
    expect(rows.find((r) => r.variable === 'BasicAuthPassword')?.value).toBeNull()
    const read = await h.command('SIM201-D2', {
      type: 'getVariables',
      variables: [{ component: 'AuthCtrlr', variable: 'AuthorizeRemoteStart' }],
    })
    expect(read).toMatchObject({ status: 'Accepted' })
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })
})

describe('2.0.1 availability, trigger and reset', () => {
  test('F06/G03/G04 - trigger, unlock, change availability, clear cache, data transfer', async () => {
    const { cp, clock, events } = await h.charger('SIM201-A1', 2, V201)
    const trigger = (requestedMessage: string, evse?: number) =>
      h.call('SIM201-A1', 'TriggerMessage', { requestedMessage, ...(evse ? { evse: { id: evse } } : {}) })
    expect(await trigger('Heartbeat')).toEqual({ status: 'Accepted' })
    expect(await trigger('MeterValues', 1)).toEqual({ status: 'Accepted' })
    expect(await trigger('BootNotification')).toEqual({ status: 'Rejected' })
    expect(await trigger('StatusNotification', 9)).toEqual({ status: 'Rejected' })
    expect(await trigger('PublishFirmwareStatusNotification')).toEqual({ status: 'NotImplemented' })
    expect(await trigger('SignChargingStationCertificate')).toEqual({ status: 'Accepted' })
    expect(await h.call('SIM201-A1', 'UnlockConnector', { evseId: 1, connectorId: 1 })).toEqual({
      status: 'Unlocked',
    })
    expect(await h.call('SIM201-A1', 'UnlockConnector', { evseId: 5, connectorId: 1 })).toEqual({
      status: 'UnknownConnector',
    })
    expect(await h.call('SIM201-A1', 'ClearCache', {})).toEqual({ status: 'Accepted' })
    expect(await h.call('SIM201-A1', 'DataTransfer', { vendorId: 'acme' })).toEqual({
      status: 'UnknownVendorId',
    })
    const off = await h.command('SIM201-A1', { type: 'changeAvailability', evseId: 2, operative: false })
    expect(off.status).toBe('Accepted')
    await clock.advance(0)
    await eventually('EVSE 2 Unavailable', async () => {
      const rows = await h.node.deps.repos.chargers.connectorsOf('SIM201-A1')
      return rows.find((r) => r.evseId === 2)?.status === 'Unavailable'
    })
    expect((await cp.startCharging(2, h.token(1))).status).toBe('Rejected')
    await eventually('a CSR logged', async () =>
      (await kinds('SIM201-A1')).includes('CertificateSigningRequest'),
    )
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('B11/B12 - Reset: Immediate ends the transaction (ImmediateReset); OnIdle waits for it', async () => {
    const { cp, clock, events } = await h.charger('SIM201-A2', 1, V201)
    cp.plugIn(1, testEv())
    const s1 = await cp.startCharging(1, h.token(2))
    if (s1.status !== 'Accepted') throw new Error('start refused')
    expect(await h.call('SIM201-A2', 'Reset', { type: 'OnIdle' })).toEqual({ status: 'Scheduled' })
    expect(await h.call('SIM201-A2', 'UnlockConnector', { evseId: 1, connectorId: 1 })).toEqual({
      status: 'OngoingAuthorizedTransaction',
    })
    await cp.stopCharging(1)
    await eventually('restarting', () => events.some((e) => e.type === 'disconnected'))
    await clock.advance(10_000)
    await eventually('a second boot', () => events.filter((e) => e.type === 'booted').length === 2)
    const s2 = await cp.startCharging(1, h.token(2))
    if (s2.status !== 'Accepted') throw new Error('start refused')
    expect(await h.call('SIM201-A2', 'Reset', { type: 'Immediate' })).toEqual({ status: 'Accepted' })
    await clock.advance(0)
    const ended = await eventually('the reset stop', async () => {
      const row = await h.node.deps.repos.transactions.findByWireId('SIM201-A2', s2.ocppTransactionId)
      return row?.endedAt ? row : undefined
    })
    expect(ended.stopReason).toBe('ImmediateReset')
    await eventually('restarting again', () => events.filter((e) => e.type === 'disconnected').length === 2)
    await clock.advance(10_000)
    await eventually('a third boot', () => events.filter((e) => e.type === 'booted').length === 3)
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('unknown actions are NotImplemented, unsupported ones NotSupported, bad payloads FormatViolation', async () => {
    const { cp } = await h.charger('SIM201-A3', 1, V201)
    const rpc = h.node.deps.gateway.link('SIM201-A3')?.rpc
    expect(await rpc?.call('NoSuchAction', {}, h.node.deps.clock.now() + 5000)).toMatchObject({
      kind: 'error',
      code: 'NotImplemented',
    })
    expect(
      await rpc?.call('SetDisplayMessage', { message: {} }, h.node.deps.clock.now() + 5000),
    ).toMatchObject({
      kind: 'error',
      code: 'NotSupported',
    })
    expect(await rpc?.call('Reset', { type: 'Sometime' }, h.node.deps.clock.now() + 5000)).toMatchObject({
      kind: 'error',
      code: 'FormatViolation',
    })
    await cp.stop()
  })
})
