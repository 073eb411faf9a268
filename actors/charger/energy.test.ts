import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { ChargerEvent } from '@src/domain/charger/events'
import { OcppClient } from '@src/sim/ocpp-client'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
beforeAll(async () => {
  node = await startTestNode()
  await node.deps.writer.write([node.deps.repos.tokens.upsert('E1', { type: 'RFID', status: 'Accepted' }, 0)])
})
afterAll(() => node.dispose())

let n = 0
const T0 = Date.UTC(2026, 0, 1, 12)
const at = (s: number) => new Date(T0 + s * 1000).toISOString()

async function connect(id: string, protocol: 'ocpp1.6' | 'ocpp2.0.1'): Promise<OcppClient> {
  const cp = await OcppClient.connect({ url: node.ocppUrl, identity: id, protocols: [protocol] })
  const boot =
    protocol === 'ocpp1.6'
      ? { chargePointVendor: 'ACME', chargePointModel: 'E' }
      : { chargingStation: { vendorName: 'ACME', model: 'E' }, reason: 'PowerUp' }
  await ok(cp, 'BootNotification', boot)
  return cp
}

async function ok(cp: OcppClient, action: string, payload: unknown): Promise<Record<string, unknown>> {
  const o = await cp.call(action, payload)
  if (o.kind !== 'result') throw new Error(`${action}: ${o.code} ${o.description}`)
  return o.payload
}

const register16 = (wh: number, ts: string, context?: string) => ({
  timestamp: ts,
  sampledValue: [{ value: String(wh), unit: 'Wh', ...(context ? { context } : {}) }],
})
const register201 = (wh: number, ts: string, context?: string) => ({
  timestamp: ts,
  sampledValue: [{ value: wh, measurand: 'Energy.Active.Import.Register', ...(context ? { context } : {}) }],
})

/** Stops the charger's actor (as passivation does) and waits until it is gone. */
async function rebuildActor(id: string): Promise<void> {
  const cell = node.deps.chargerActors.find(id)
  node.deps.chargerActors.stop(id)
  while (cell?.alive) await Bun.sleep(1)
}

describe('1.6 energy', () => {
  test('4.8 StartTransaction: meterStart survives an actor rebuilt before the first MeterValues', async () => {
    const id = `EN16-${++n}`
    const cp = await connect(id, 'ocpp1.6')
    const start = await ok(cp, 'StartTransaction', {
      connectorId: 1,
      idTag: 'E1',
      meterStart: 1000,
      timestamp: at(0),
    })
    await cp.close()
    await rebuildActor(id)
    const again = await connect(id, 'ocpp1.6')
    const txId = start.transactionId as number
    await ok(again, 'MeterValues', {
      connectorId: 1,
      transactionId: txId,
      meterValue: [register16(5000, at(600))],
    })
    await ok(again, 'StopTransaction', { transactionId: txId, meterStop: 8000, timestamp: at(900) })
    expect(await node.deps.repos.transactions.find(txId)).toMatchObject({
      meterStartWh: 1000,
      meterStopWh: 8000,
      energyWh: 7000,
    })
    await again.close()
  })

  test('4.7 MeterValues: samples stamped 9999 or 1970 are kept but decide nothing', async () => {
    const cp = await connect(`EN16-${++n}`, 'ocpp1.6')
    const start = await ok(cp, 'StartTransaction', {
      connectorId: 1,
      idTag: 'E1',
      meterStart: 100,
      timestamp: at(0),
    })
    const txId = start.transactionId as number
    const values = [register16(500, '9999-12-31T23:59:59Z'), register16(5, '1970-01-01T00:00:00Z')]
    await ok(cp, 'MeterValues', { connectorId: 1, transactionId: txId, meterValue: values })
    await ok(cp, 'StopTransaction', { transactionId: txId, meterStop: 2100, timestamp: at(600) })
    const row = await node.deps.repos.transactions.find(txId)
    expect(row).toMatchObject({ meterStartWh: 100, meterStopWh: 2100, energyWh: 2000 })
    expect(row?.meterFlags).toContain('clockOutsideWindow')
    expect(await node.deps.repos.transactions.meterValuesOf(txId)).toHaveLength(2)
    const shown = await apiClient(node)('GET', `/transactions/${txId}`)
    expect(shown.body).toMatchObject({ meterFlags: ['clockOutsideWindow'], energyWh: 2000 })
    await cp.close()
  })

  test('4.7 MeterValues retried after a reconnect, with a new message id, is stored once', async () => {
    const id = `EN16-${++n}`
    const cp = await connect(id, 'ocpp1.6')
    const start = await ok(cp, 'StartTransaction', {
      connectorId: 1,
      idTag: 'E1',
      meterStart: 0,
      timestamp: at(0),
    })
    const values = {
      connectorId: 1,
      transactionId: start.transactionId,
      meterValue: [register16(700, at(60))],
    }
    await ok(cp, 'MeterValues', values)
    await cp.close()
    const again = await connect(id, 'ocpp1.6')
    await ok(again, 'MeterValues', values)
    expect(await node.deps.repos.transactions.meterValuesOf(start.transactionId as number)).toHaveLength(1)
    await again.close()
  })

  test('4.10 StopTransaction without a reason is stored as Local', async () => {
    const cp = await connect(`EN16-${++n}`, 'ocpp1.6')
    const start = await ok(cp, 'StartTransaction', {
      connectorId: 1,
      idTag: 'E1',
      meterStart: 0,
      timestamp: at(0),
    })
    await ok(cp, 'StopTransaction', { transactionId: start.transactionId, meterStop: 10, timestamp: at(5) })
    expect(await node.deps.repos.transactions.find(start.transactionId as number)).toMatchObject({
      stopReason: 'Local',
    })
    await cp.close()
  })

  test('a StopTransaction for a transaction taken as lost replaces the assumed end with its own', async () => {
    const cp = await connect(`EN16-${++n}`, 'ocpp1.6')
    const first = await ok(cp, 'StartTransaction', {
      connectorId: 1,
      idTag: 'E1',
      meterStart: 0,
      timestamp: at(0),
    })
    await ok(cp, 'StartTransaction', { connectorId: 1, idTag: 'E1', meterStart: 900, timestamp: at(120) })
    const lost = first.transactionId as number
    expect(await node.deps.repos.transactions.find(lost)).toMatchObject({ stopReason: 'Superseded' })
    await ok(cp, 'StopTransaction', {
      transactionId: lost,
      meterStop: 850,
      timestamp: at(100),
      reason: 'EVDisconnected',
    })
    expect(await node.deps.repos.transactions.find(lost)).toMatchObject({
      stopReason: 'EVDisconnected',
      endedAt: T0 + 100_000,
      energyWh: 850,
    })
    await cp.close()
  })
})

describe('2.0.1 energy', () => {
  const event = (
    txId: string,
    eventType: 'Started' | 'Updated' | 'Ended',
    seqNo: number,
    s: number,
    meterValue: unknown[],
    extra: Record<string, unknown> = {},
  ) => ({
    eventType,
    timestamp: at(s),
    triggerReason:
      eventType === 'Started'
        ? 'CablePluggedIn'
        : eventType === 'Ended'
          ? 'EVDeparted'
          : 'MeterValuePeriodic',
    seqNo,
    transactionInfo: { transactionId: txId, ...(extra.transactionInfo as object) },
    evse: { id: 1, connectorId: 1 },
    meterValue,
  })

  test('E06 Ended: its own final reading counts even when stamped 1 ms after the event', async () => {
    const id = `EN201-${++n}`
    const cp = await connect(id, 'ocpp2.0.1')
    await ok(
      cp,
      'TransactionEvent',
      event('A', 'Started', 0, 0, [register201(0, at(0), 'Transaction.Begin')]),
    )
    await ok(cp, 'TransactionEvent', event('A', 'Updated', 1, 600, [register201(4000, at(600))]))
    const end = new Date(T0 + 1_200_001).toISOString()
    await ok(
      cp,
      'TransactionEvent',
      event('A', 'Ended', 2, 1200, [register201(8000, end, 'Sample.Periodic')]),
    )
    expect(await node.deps.repos.transactions.findByWireId(id, 'A')).toMatchObject({
      energyWh: 8000,
      stopReason: 'Local',
    })
    await cp.close()
  })

  test('E01 Started: the transaction, its event and its samples are one commit', async () => {
    const cp = await connect(`EN201-${++n}`, 'ocpp2.0.1')
    const writer = node.deps.writer
    const write = writer.write.bind(writer)
    let commits = 0
    writer.write = ((q: Parameters<typeof write>[0]) => {
      commits++
      return write(q)
    }) as typeof writer.write
    try {
      await ok(
        cp,
        'TransactionEvent',
        event('B', 'Started', 0, 0, [register201(10, at(0), 'Transaction.Begin')]),
      )
    } finally {
      writer.write = write as typeof writer.write
    }
    expect(commits).toBe(1)
    await cp.close()
  })

  test('E04 offline: replays and reorderings across reconnects and an actor rebuild give stop − start', async () => {
    const id = `EN201-${++n}`
    const events: ChargerEvent[] = []
    const off = node.deps.bus.subscribe(`csms.evt.charger.${id}.transactionEnded`, (e) =>
      events.push(e as ChargerEvent),
    )
    const cp = await connect(id, 'ocpp2.0.1')
    const started = event('C', 'Started', 0, 0, [register201(1000, at(0), 'Transaction.Begin')])
    const updated = event('C', 'Updated', 1, 300, [
      register201(9_000_000, '9999-12-31T00:00:00Z'),
      register201(3000, at(300)),
    ])
    const ended = event('C', 'Ended', 2, 600, [register201(6000, at(600), 'Transaction.End')])
    await ok(cp, 'TransactionEvent', updated)
    await cp.close()
    await rebuildActor(id)
    const again = await connect(id, 'ocpp2.0.1')
    await ok(again, 'TransactionEvent', ended)
    await ok(again, 'TransactionEvent', started)
    await ok(again, 'TransactionEvent', updated)
    await ok(again, 'TransactionEvent', started)
    const row = await node.deps.repos.transactions.findByWireId(id, 'C')
    expect(row).toMatchObject({ energyWh: 5000, meterStartWh: 1000, meterStopWh: 6000 })
    expect(await node.deps.repos.transactions.meterValuesOf(row!.id)).toHaveLength(4)
    off()
    expect(events.map((e) => e.type)).toEqual(['charger.transactionEnded'])
    await again.close()
  })
})
