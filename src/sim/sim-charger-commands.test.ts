import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { FakeClock } from '@src/lib/fake-clock'
import { SimCharger } from './sim-charger'
import { eventually, protocolErrors, type SimHarness, startHarness, testEv } from './sim-test-kit'

let h: SimHarness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.dispose())

describe('SimCharger answers CSMS commands like a real charger', () => {
  test('remote start and remote stop', async () => {
    const { cp, clock, events } = await h.charger('SIM-IT-05', 2)
    const start = { idTag: h.token(5), connectorId: 2 }
    expect(await h.call('SIM-IT-05', 'RemoteStartTransaction', start)).toEqual({ status: 'Accepted' })
    const started = await eventually('a started transaction', () =>
      events.find((e) => e.type === 'transactionStarted'),
    )
    expect(started).toMatchObject({ connectorId: 2 })
    expect(await h.call('SIM-IT-05', 'RemoteStartTransaction', start)).toEqual({ status: 'Rejected' })
    await clock.advance(60_000)
    const txId = started.type === 'transactionStarted' ? started.transactionId : 0
    expect(await h.call('SIM-IT-05', 'RemoteStopTransaction', { transactionId: txId + 1000 })).toEqual({
      status: 'Rejected',
    })
    expect(await h.call('SIM-IT-05', 'RemoteStopTransaction', { transactionId: txId })).toEqual({
      status: 'Accepted',
    })
    const tx = await eventually('the stop stored', async () => {
      const row = await h.node.deps.repos.transactions.find(txId)
      return row?.endedAt ? row : undefined
    })
    expect(tx).toMatchObject({ stopReason: 'Remote', energyWh: 184 })
    expect(cp.connector(2).status).toBe('Finishing')
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('GetConfiguration and ChangeConfiguration', async () => {
    const { cp, events } = await h.charger('SIM-IT-06')
    const keys = await h.call('SIM-IT-06', 'GetConfiguration', { key: ['MeterValueSampleInterval', 'Foo'] })
    expect(keys).toEqual({
      configurationKey: [{ key: 'MeterValueSampleInterval', readonly: false, value: '60' }],
      unknownKey: ['Foo'],
    })
    const change = (key: string, value: string) => h.call('SIM-IT-06', 'ChangeConfiguration', { key, value })
    expect(await change('MeterValueSampleInterval', '15')).toEqual({ status: 'Accepted' })
    expect(await change('NumberOfConnectors', '4')).toEqual({ status: 'Rejected' })
    expect(await change('Foo', '1')).toEqual({ status: 'NotSupported' })
    expect(cp.configuration.int('MeterValueSampleInterval')).toBe(15)
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('ClearCache, DataTransfer, UnlockConnector, TriggerMessage, ChangeAvailability', async () => {
    const { cp, clock, events } = await h.charger('SIM-IT-10')
    expect(await h.call('SIM-IT-10', 'ClearCache', {})).toEqual({ status: 'Accepted' })
    expect(await h.call('SIM-IT-10', 'DataTransfer', { vendorId: 'acme' })).toEqual({
      status: 'UnknownVendorId',
    })
    expect(await h.call('SIM-IT-10', 'UnlockConnector', { connectorId: 1 })).toEqual({ status: 'Unlocked' })
    expect(await h.call('SIM-IT-10', 'UnlockConnector', { connectorId: 9 })).toEqual({
      status: 'NotSupported',
    })
    expect(await h.call('SIM-IT-10', 'TriggerMessage', { requestedMessage: 'Heartbeat' })).toEqual({
      status: 'Accepted',
    })
    const inoperative = { connectorId: 1, type: 'Inoperative' }
    expect(await h.call('SIM-IT-10', 'ChangeAvailability', inoperative)).toEqual({ status: 'Accepted' })
    await clock.advance(0)
    const connectors = await eventually('the stored status', async () => {
      const rows = await h.node.deps.repos.chargers.connectorsOf('SIM-IT-10')
      return rows.some((r) => r.status === 'Unavailable') ? rows : undefined
    })
    expect(connectors.find((r) => r.evseId === 1)?.status).toBe('Unavailable')
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('unknown actions are NotImplemented, unsupported feature profiles NotSupported', async () => {
    const { cp } = await h.charger('SIM-IT-11')
    const link = h.node.deps.gateway.link('SIM-IT-11')
    expect(await link?.rpc.call('NoSuchAction', {}, h.node.deps.clock.now() + 5000)).toMatchObject({
      kind: 'error',
      code: 'NotImplemented',
    })
    const reserve = { connectorId: 1, expiryDate: new Date().toISOString(), idTag: 'X', reservationId: 1 }
    expect(await link?.rpc.call('ReserveNow', reserve, h.node.deps.clock.now() + 5000)).toMatchObject({
      kind: 'error',
      code: 'NotSupported',
    })
    await cp.stop()
  })

  test('Reset: the transaction ends with SoftReset, the charger reconnects and boots again', async () => {
    const { cp, clock, events } = await h.charger('SIM-IT-07')
    cp.plugIn(1, testEv())
    const s = await cp.startCharging(1, h.token(7))
    if (s.status !== 'Accepted') throw new Error('start refused')
    expect(await h.call('SIM-IT-07', 'Reset', { type: 'Soft' })).toEqual({ status: 'Accepted' })
    await clock.advance(0)
    await eventually('the socket closed', () => events.some((e) => e.type === 'disconnected'))
    expect((await h.node.deps.repos.transactions.find(s.transactionId))?.stopReason).toBe('SoftReset')
    await clock.advance(5000)
    await eventually('a second boot', () => events.filter((e) => e.type === 'booted').length === 2)
    expect(cp.online).toBe(true)
    await cp.stop()
    await eventually('closed at the node', () => h.node.deps.gateway.link('SIM-IT-07') === undefined)
  })

  test('a dropped connection: the charger reconnects without booting and keeps its transaction', async () => {
    const { cp, clock, events } = await h.charger('SIM-IT-12')
    cp.plugIn(1, testEv())
    const s = await cp.startCharging(1, h.token(9))
    if (s.status !== 'Accepted') throw new Error('start refused')
    await cp.dropConnection()
    await clock.advance(10_000) // the first reconnect comes 2.5-7.5 s later (5 s ± jitter)
    await eventually(
      'reconnected',
      () => events.filter((e) => e.type === 'connected').length === 2 && cp.online,
    )
    await cp.stopCharging(1)
    const tx = await h.node.deps.repos.transactions.find(s.transactionId)
    expect(tx).toMatchObject({ stopReason: 'Local', energyWh: Math.round((11040 * 10) / 3600) })
    expect(events.filter((e) => e.type === 'booted')).toHaveLength(1)
    await cp.stop()
  })
})

describe('SimCharger boot', () => {
  test('a Rejected boot is retried after the interval the CSMS gave, until Accepted', async () => {
    const { chargers } = h.node.deps.repos
    await h.node.deps.writer.write([
      chargers.upsert({ id: 'SIM-IT-13', registration: 'Rejected', now: Date.now() }),
    ])
    const clock = new FakeClock(Date.now())
    const cp = new SimCharger({ url: h.node.ocppUrl, id: 'SIM-IT-13', clock })
    const boots: string[] = []
    cp.subscribe((e) => e.type === 'booted' && boots.push(`${e.status}/${e.intervalS}`))
    expect(await cp.start()).toBe('Rejected')
    await h.node.deps.writer.write([
      chargers.upsert({ id: 'SIM-IT-13', registration: 'Accepted', now: Date.now() }),
    ])
    await clock.advance(299_000)
    expect(boots).toEqual(['Rejected/300'])
    await clock.advance(1000)
    await eventually('an accepted boot', () => cp.online)
    expect(boots).toEqual(['Rejected/300', 'Accepted/300'])
    await cp.stop()
  })
})
