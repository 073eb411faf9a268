import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { sendChargerCommand } from '@actors/charger/client'
import { subjects } from '@src/bus/subjects'
import type { ChargerEvent } from '@src/domain/charger/events'
import { OcppClient } from '@src/sim/ocpp-client'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
const events: ChargerEvent[] = []
beforeAll(async () => {
  node = await startTestNode()
  node.deps.bus.subscribe(subjects.allChargerEvents, (e) => events.push(e as ChargerEvent))
  const { tokens } = node.deps.repos
  const t = Date.now()
  await node.deps.writer.write([
    ...['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'BUSY'].map((uid) =>
      tokens.upsert(uid, { type: 'RFID', status: 'Accepted' }, t),
    ),
    tokens.upsert('BLOCKED', { type: 'RFID', status: 'Blocked' }, t),
    tokens.upsert('OLD', { type: 'RFID', status: 'Accepted', expiresAt: t - 1000 }, t),
    tokens.upsert(
      'FLEET',
      { type: 'RFID', status: 'Accepted', allowConcurrentTx: true, parentUid: 'ACME-FLEET' },
      t,
    ),
  ])
})
afterAll(() => node.dispose())

let n = 0
async function charger(id = `ACT-${++n}`): Promise<OcppClient> {
  const cp = await OcppClient.connect({ url: node.ocppUrl, identity: id, protocols: ['ocpp1.6'] })
  await cp.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'M' })
  return cp
}

async function result(cp: OcppClient, action: string, payload: unknown): Promise<Record<string, unknown>> {
  const o = await cp.call(action, payload)
  if (o.kind !== 'result') throw new Error(`${action}: ${o.code} ${o.description}`)
  return o.payload
}

const at = (offsetS: number) => new Date(Date.UTC(2026, 0, 1, 12) + offsetS * 1000).toISOString()
const energy = (wh: number, ts: string) => ({
  timestamp: ts,
  sampledValue: [{ value: String(wh), unit: 'Wh' }],
})

describe('transactions', () => {
  test('1.6 §4.8 StartTransaction retried with a new message id gets the same transaction id and is stored once', async () => {
    const cp = await charger()
    const start = { connectorId: 1, idTag: 'A1', meterStart: 0, timestamp: at(0) }
    const a = await result(cp, 'StartTransaction', start)
    const b = await result(cp, 'StartTransaction', start)
    expect(b.transactionId).toBe(a.transactionId)
    const { total } = await node.deps.repos.transactions.list({ chargerId: `ACT-${n}`, limit: 5, offset: 0 })
    expect(total).toBe(1)
    await cp.close()
  })

  test('1.6 §4.8 StartTransaction on a connector with an open transaction ends the lost one first', async () => {
    const cp = await charger()
    const first = await result(cp, 'StartTransaction', {
      connectorId: 1,
      idTag: 'A2',
      meterStart: 0,
      timestamp: at(0),
    })
    await result(cp, 'MeterValues', {
      connectorId: 1,
      transactionId: first.transactionId,
      meterValue: [energy(800, at(60))],
    })
    await result(cp, 'StartTransaction', { connectorId: 1, idTag: 'A2', meterStart: 900, timestamp: at(120) })
    expect(await node.deps.repos.transactions.find(first.transactionId as number)).toMatchObject({
      stopReason: 'Superseded',
      energyWh: 800,
      endedAt: Date.parse(at(60)),
    })
    await cp.close()
  })

  test('1.6 §4.7 late MeterValues are stored but never rewind the running energy; §4.10 a repeated stop changes nothing', async () => {
    const cp = await charger()
    const { transactionId } = await result(cp, 'StartTransaction', {
      connectorId: 1,
      idTag: 'A3',
      meterStart: 1000,
      timestamp: at(0),
    })
    await result(cp, 'MeterValues', { connectorId: 1, transactionId, meterValue: [energy(3000, at(120))] })
    await result(cp, 'MeterValues', { connectorId: 1, transactionId, meterValue: [energy(2000, at(60))] })
    const repo = node.deps.repos.transactions
    expect(await repo.find(transactionId as number)).toMatchObject({ lastMeterWh: 3000 })
    expect(await repo.meterValuesOf(transactionId as number)).toHaveLength(2)
    const stop = { transactionId, meterStop: 4000, timestamp: at(180), reason: 'Local' }
    await result(cp, 'StopTransaction', stop)
    await result(cp, 'StopTransaction', { ...stop, meterStop: 9999 })
    expect(await repo.find(transactionId as number)).toMatchObject({ energyWh: 3000, meterStopWh: 4000 })
    await cp.close()
  })

  test('1.6 §4.7 a charger that reconnects mid-transaction carries on with the same transaction', async () => {
    const first = await charger('ACT-RECONNECT')
    const { transactionId } = await result(first, 'StartTransaction', {
      connectorId: 2,
      idTag: 'A4',
      meterStart: 0,
      timestamp: at(0),
    })
    await first.close()
    const again = await OcppClient.connect({
      url: node.ocppUrl,
      identity: 'ACT-RECONNECT',
      protocols: ['ocpp1.6'],
    })
    await result(again, 'MeterValues', { connectorId: 2, transactionId, meterValue: [energy(1500, at(60))] })
    await result(again, 'StopTransaction', { transactionId, meterStop: 2500, timestamp: at(120) })
    expect(await node.deps.repos.transactions.find(transactionId as number)).toMatchObject({ energyWh: 2500 })
    await again.close()
  })

  test('1.6 §4.8, §4.7, §4.10 start, meter values and stop are published as domain events', async () => {
    const cp = await charger()
    const id = `ACT-${n}`
    const ended = new Promise<void>((resolve) => {
      const off = node.deps.bus.subscribe(subjects.chargerEvent(id, 'transactionEnded'), () => {
        off()
        resolve()
      })
    })
    const { transactionId } = await result(cp, 'StartTransaction', {
      connectorId: 1,
      idTag: 'A5',
      meterStart: 0,
      timestamp: at(0),
    })
    await result(cp, 'MeterValues', {
      connectorId: 1,
      transactionId,
      meterValue: [
        {
          timestamp: at(30),
          sampledValue: [{ value: '500' }, { value: '7000', measurand: 'Power.Active.Import', unit: 'W' }],
        },
      ],
    })
    await result(cp, 'StopTransaction', { transactionId, meterStop: 600, timestamp: at(60) })
    await ended
    const mine = events.filter((e) => e.chargerId === id).map((e) => e.type)
    expect(mine).toEqual([
      'charger.connected',
      'charger.booted',
      'charger.transactionStarted',
      'charger.meterSampled',
      'charger.transactionEnded',
    ])
    expect(events.find((e) => e.chargerId === id && e.type === 'charger.meterSampled')).toMatchObject({
      energyWh: 500,
      readings: { powerW: 7000 },
    })
    await cp.close()
  })
})

describe('status notifications', () => {
  test('1.6 §4.9 StatusNotification older than the one held is not applied', async () => {
    const cp = await charger()
    await result(cp, 'StatusNotification', {
      connectorId: 1,
      errorCode: 'NoError',
      status: 'Charging',
      timestamp: at(100),
    })
    await result(cp, 'StatusNotification', {
      connectorId: 1,
      errorCode: 'NoError',
      status: 'Available',
      timestamp: at(50),
    })
    const [conn] = await node.deps.repos.chargers.connectorsOf(`ACT-${n}`)
    expect(conn).toMatchObject({ status: 'Charging', evseId: 1, connectorId: 1 })
    await cp.close()
  })

  test("1.6 §4.9 after a reconnect the first status is taken even if the station's clock went back", async () => {
    const id = `ACT-${++n}`
    const first = await charger(id)
    await result(first, 'StatusNotification', {
      connectorId: 1,
      errorCode: 'NoError',
      status: 'Charging',
      timestamp: at(500),
    })
    await first.close()
    const again = await OcppClient.connect({ url: node.ocppUrl, identity: id, protocols: ['ocpp1.6'] })
    await result(again, 'StatusNotification', {
      connectorId: 1,
      errorCode: 'NoError',
      status: 'Available',
      timestamp: at(10),
    })
    expect((await node.deps.repos.chargers.connectorsOf(id))[0]).toMatchObject({ status: 'Available' })
    await again.close()
  })

  test('1.6 §4.9 a status stamped far in our future does not block the statuses after it', async () => {
    const cp = await charger()
    const future = new Date(Date.now() + 3600_000).toISOString()
    await result(cp, 'StatusNotification', {
      connectorId: 1,
      errorCode: 'NoError',
      status: 'Charging',
      timestamp: future,
    })
    await result(cp, 'StatusNotification', {
      connectorId: 1,
      errorCode: 'NoError',
      status: 'Finishing',
      timestamp: new Date().toISOString(),
    })
    expect((await node.deps.repos.chargers.connectorsOf(`ACT-${n}`))[0]).toMatchObject({
      status: 'Finishing',
    })
    await cp.close()
  })

  test('1.6 §4.9 a status on a connector with a transaction is kept as its charging state', async () => {
    const cp = await charger()
    const { transactionId } = await result(cp, 'StartTransaction', {
      connectorId: 1,
      idTag: 'A5',
      meterStart: 0,
      timestamp: at(2000),
    })
    await result(cp, 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'SuspendedEV' })
    expect(await node.deps.repos.transactions.find(transactionId as number)).toMatchObject({
      chargingState: 'SuspendedEV',
    })
    await cp.close()
  })

  test('1.6 §4.9 error codes and vendor details are kept', async () => {
    const cp = await charger()
    await result(cp, 'StatusNotification', {
      connectorId: 2,
      errorCode: 'GroundFailure',
      status: 'Faulted',
      info: 'RCD',
      vendorId: 'acme',
      vendorErrorCode: 'E42',
    })
    const [conn] = await node.deps.repos.chargers.connectorsOf(`ACT-${n}`)
    expect(conn).toMatchObject({
      status: 'Faulted',
      errorCode: 'GroundFailure',
      info: 'RCD',
      vendorId: 'acme',
      vendorErrorCode: 'E42',
    })
    await cp.close()
  })
})

describe('authorisation', () => {
  test('1.6 §4.8 a token charging on one connector cannot start on another connector of the same charger', async () => {
    const cp = await charger()
    await result(cp, 'StartTransaction', { connectorId: 1, idTag: 'A6', meterStart: 0, timestamp: at(1000) })
    const second = await result(cp, 'StartTransaction', {
      connectorId: 2,
      idTag: 'A6',
      meterStart: 0,
      timestamp: at(1001),
    })
    expect(second.idTagInfo).toEqual({ status: 'ConcurrentTx' })
    expect(((await result(cp, 'Authorize', { idTag: 'A6' })).idTagInfo as { status: string }).status).toBe(
      'Accepted',
    )
    await cp.close()
  })

  test('1.6 §4.1 Authorize: Invalid, Blocked, Expired, Accepted with the group; busy elsewhere is refused at the start, not here', async () => {
    const busy = await charger()
    await result(busy, 'StartTransaction', { connectorId: 1, idTag: 'BUSY', meterStart: 0, timestamp: at(0) })
    await result(busy, 'StartTransaction', {
      connectorId: 2,
      idTag: 'FLEET',
      meterStart: 0,
      timestamp: at(0),
    })
    const cp = await charger()
    const status = async (idTag: string) =>
      ((await result(cp, 'Authorize', { idTag })).idTagInfo as { status: string }).status
    expect(await status('NOBODY')).toBe('Invalid')
    expect(await status('BLOCKED')).toBe('Blocked')
    expect(await status('OLD')).toBe('Expired')
    expect(await status('BUSY')).toBe('Accepted')
    const start = await result(cp, 'StartTransaction', {
      connectorId: 1,
      idTag: 'BUSY',
      meterStart: 0,
      timestamp: at(5),
    })
    expect(start.idTagInfo).toEqual({ status: 'ConcurrentTx' })
    expect((await result(cp, 'Authorize', { idTag: 'FLEET' })).idTagInfo).toEqual({
      status: 'Accepted',
      parentIdTag: 'ACME-FLEET',
    })
    expect(
      ((await result(busy, 'Authorize', { idTag: 'BUSY' })).idTagInfo as { status: string }).status,
    ).toBe('Accepted')
    await busy.close()
    await cp.close()
  })
})

describe('the log a person connecting a charger reads', () => {
  test('1.6 §4.2 a boot is logged at info with how it was answered and why, once a minute per charger', async () => {
    const id = `ACT-${++n}`
    await node.deps.writer.write([
      node.deps.repos.chargers.upsert({ id, registration: 'Pending', now: Date.now() }),
    ])
    const cp = await OcppClient.connect({ url: node.ocppUrl, identity: id, protocols: ['ocpp1.6'] })
    for (let i = 0; i < 3; i++)
      await cp.call('BootNotification', {
        chargePointVendor: 'ACME',
        chargePointModel: 'L',
        firmwareVersion: '1.2',
      })
    const lines = node.logs
      .map((l) => JSON.parse(l))
      .filter((l) => l.charger === id && l.msg.startsWith('charger booted'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'charger booted: Pending',
      vendor: 'ACME',
      firmware: '1.2',
    })
    expect(lines[0].why).toContain('Pending')
    await cp.close()
  })
})

describe('other messages and commands', () => {
  test('1.6 §4.3 DataTransfer is recorded and answered UnknownVendorId', async () => {
    const cp = await charger()
    expect(
      await result(cp, 'DataTransfer', { vendorId: 'com.acme', messageId: 'ping', data: '{"a":1}' }),
    ).toEqual({ status: 'UnknownVendorId' })
    const [event] = await node.deps.repos.chargers.recentEvents(`ACT-${n}`, 1)
    expect(event).toMatchObject({
      kind: 'DataTransfer',
      payload: { vendorId: 'com.acme', messageId: 'ping', data: '{"a":1}' },
    })
    await cp.close()
  })

  test('a command to a charger connected nowhere is Offline at once', async () => {
    const started = performance.now()
    const outcome = await sendChargerCommand(
      node.deps.bus,
      'NOT-CONNECTED',
      { type: 'reset', kind: 'Soft' },
      60_000,
    )
    expect(outcome.status).toBe('Offline')
    expect(performance.now() - started).toBeLessThan(1000)
  })

  test('a command to a charger that does not answer times out, and the one queued behind it still goes through', async () => {
    const quick = await startTestNode({ CSMS_OCPP_CALL_TIMEOUT_MS: '300' })
    let answer = false
    const cp = await OcppClient.connect({
      url: quick.ocppUrl,
      identity: 'SILENT',
      protocols: ['ocpp1.6'],
      onCall: async () => (answer ? { status: 'Accepted' } : new Promise(() => undefined)),
    })
    await cp.call('BootNotification', { chargePointVendor: 'A', chargePointModel: 'B' })
    const first = sendChargerCommand(quick.deps.bus, 'SILENT', { type: 'reset', kind: 'Soft' }, 10_000)
    while (cp.frames.filter((f) => f[0] === 2).length < 1) await Bun.sleep(5)
    answer = true
    const queued = sendChargerCommand(quick.deps.bus, 'SILENT', { type: 'clearCache' }, 10_000)
    while (quick.deps.gateway.link('SILENT')!.rpc.queued < 1) await Bun.sleep(5)
    expect(await first).toMatchObject({ status: 'Timeout' })
    expect(await queued).toMatchObject({ status: 'Accepted' })
    await cp.close()
    await quick.dispose()
  })
})

describe('fencing', () => {
  test('a setpoint from an owner whose lease token is older than one already seen is refused', async () => {
    const seen: string[] = []
    const cp = await OcppClient.connect({
      url: node.ocppUrl,
      identity: 'FENCED',
      protocols: ['ocpp1.6'],
      onCall: async (action) => {
        seen.push(action)
        return { status: 'Accepted' }
      },
    })
    await cp.call('BootNotification', { chargePointVendor: 'A', chargePointModel: 'B' })
    const profile = {
      id: 1,
      stackLevel: 0,
      purpose: 'TxDefaultProfile' as const,
      kind: 'Relative' as const,
      schedule: { rateUnit: 'A' as const, periods: [{ startPeriodS: 0, limit: 10 }] },
    }
    const send = (token: number) =>
      sendChargerCommand(
        node.deps.bus,
        'FENCED',
        { type: 'setChargingProfile', evseId: 0, profile, fence: { key: 'site:X', token } },
        5000,
      )
    expect((await send(5)).status).toBe('Accepted')
    expect(await send(3)).toMatchObject({
      status: 'Rejected',
      detail: expect.stringContaining('newer owner'),
    })
    expect((await send(6)).status).toBe('Accepted')
    expect(seen).toEqual(['SetChargingProfile', 'SetChargingProfile'])
    await cp.close()
  })
})
