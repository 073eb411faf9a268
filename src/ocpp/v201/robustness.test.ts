import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { OcppClient } from '@src/sim/ocpp-client'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
beforeAll(async () => {
  node = await startTestNode()
  await node.deps.writer.write([
    node.deps.repos.tokens.upsert('T201', { type: 'ISO14443', status: 'Accepted' }, Date.now()),
  ])
})
afterAll(() => node.dispose())

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, s)).toISOString()
let n = 0

async function station(id = `R201-${++n}`): Promise<OcppClient> {
  const cp = await OcppClient.connect({ url: node.ocppUrl, identity: id, protocols: ['ocpp2.0.1'] })
  await cp.call('BootNotification', { chargingStation: { vendorName: 'A', model: 'B' }, reason: 'PowerUp' })
  return cp
}

/** A TransactionEvent with one energy reading. */
function event(
  txId: string,
  eventType: 'Started' | 'Updated' | 'Ended',
  seqNo: number,
  s: number,
  wh: number,
  extra: Record<string, unknown> = {},
) {
  return {
    eventType,
    timestamp: t(s),
    triggerReason:
      eventType === 'Started'
        ? 'Authorized'
        : eventType === 'Ended'
          ? 'EVCommunicationLost'
          : 'MeterValuePeriodic',
    seqNo,
    transactionInfo: {
      transactionId: txId,
      ...(eventType === 'Ended' ? { stoppedReason: 'EVDisconnected' } : {}),
    },
    evse: { id: 1, connectorId: 1 },
    meterValue: [
      { timestamp: t(s), sampledValue: [{ value: wh, measurand: 'Energy.Active.Import.Register' }] },
    ],
    ...extra,
  }
}

async function ok(cp: OcppClient, payload: unknown) {
  const r = await cp.call('TransactionEvent', payload)
  if (r.kind !== 'result') throw new Error(`${r.code}: ${r.description}`)
  return r.payload
}

const tx = (chargerId: string, wire: string) => node.deps.repos.transactions.findByWireId(chargerId, wire)

describe('TransactionEvents that arrive twice, late or out of order never double-count or reopen', () => {
  test('E13 a replayed TransactionEvent (same seqNo) is answered again but stored once', async () => {
    const cp = await station()
    await ok(cp, event('A', 'Started', 1, 0, 1000, { idToken: { idToken: 'T201', type: 'ISO14443' } }))
    const first = await ok(cp, event('A', 'Updated', 2, 60, 1500))
    const again = await ok(cp, event('A', 'Updated', 2, 60, 1500))
    expect(again).toEqual(first)
    const row = (await tx(`R201-${n}`, 'A'))!
    expect(await node.deps.repos.transactions.meterValuesOf(row.id)).toHaveLength(2)
    expect(row).toMatchObject({ meterStartWh: 1000, lastMeterWh: 1500 })
  })

  test('E04 events out of order end with the same transaction as in order', async () => {
    const cp = await station()
    await ok(cp, event('B', 'Updated', 2, 60, 1500))
    await ok(cp, event('B', 'Ended', 3, 120, 2000))
    await ok(cp, event('B', 'Started', 1, 0, 1000, { idToken: { idToken: 'T201', type: 'ISO14443' } }))
    expect(await tx(`R201-${n}`, 'B')).toMatchObject({
      startedAt: Date.parse(t(0)),
      idTag: 'T201',
      meterStartWh: 1000,
      meterStopWh: 2000,
      energyWh: 1000,
      stopReason: 'EVDisconnected',
    })
    const { total } = await node.deps.repos.transactions.list({ chargerId: `R201-${n}`, limit: 5, offset: 0 })
    expect(total).toBe(1)
  })

  test('E12 a late event for an ended transaction adds its samples but never reopens it or moves its end', async () => {
    const cp = await station()
    await ok(cp, event('C', 'Started', 1, 0, 1000))
    await ok(cp, event('C', 'Ended', 3, 120, 2000))
    await ok(cp, event('C', 'Updated', 2, 60, 1500))
    await ok(cp, event('C', 'Updated', 4, 300, 9000))
    const row = (await tx(`R201-${n}`, 'C'))!
    expect(row).toMatchObject({ endedAt: Date.parse(t(120)), energyWh: 1000, lastMeterWh: 2000 })
    expect(await node.deps.repos.transactions.meterValuesOf(row.id)).toHaveLength(4)
    await ok(cp, event('C', 'Ended', 5, 400, 9500))
    expect(await tx(`R201-${n}`, 'C')).toMatchObject({ endedAt: Date.parse(t(120)), energyWh: 1000 })
  })

  test('E08 a transaction whose first event is Ended is created and ended at once', async () => {
    const cp = await station()
    await ok(cp, event('D', 'Ended', 9, 120, 2000))
    expect(await tx(`R201-${n}`, 'D')).toMatchObject({
      endedAt: Date.parse(t(120)),
      stopReason: 'EVDisconnected',
    })
  })

  test('E11 after a reconnect, events queued offline carry on the same transaction', async () => {
    const id = `R201-${++n}`
    const first = await station(id)
    await ok(first, event('E', 'Started', 1, 0, 1000, { idToken: { idToken: 'T201', type: 'ISO14443' } }))
    await first.close()
    const again = await OcppClient.connect({ url: node.ocppUrl, identity: id, protocols: ['ocpp2.0.1'] })
    await ok(again, event('E', 'Updated', 2, 60, 1400, { offline: true }))
    await ok(again, event('E', 'Ended', 3, 90, 1800, { offline: true }))
    expect(await tx(id, 'E')).toMatchObject({ energyWh: 800, idTag: 'T201' })
    await again.close()
  })
})

describe('2.0.1 spells RPC errors its own way', () => {
  const cases: [string, string, string][] = [
    ['invalid JSON', '[2,"e1","Heartbeat",', 'RpcFrameworkError'],
    ['an unknown message type', '[5,"e2","Heartbeat",{}]', 'MessageTypeNotSupported'],
    [
      'a missing required field',
      '[2,"e3","StatusNotification",{"timestamp":"2026-01-01T00:00:00Z","evseId":1,"connectorId":1}]',
      'OccurrenceConstraintViolation',
    ],
    ['an unknown field', '[2,"e4","Heartbeat",{"x":1}]', 'FormatViolation'],
    ['an action only the CSMS sends', '[2,"e5","RequestStartTransaction",{}]', 'NotSupported'],
  ]
  for (const [name, frame, code] of cases) {
    test(`${name} → ${code}`, async () => {
      const cp = await station()
      const before = cp.frames.length
      cp.sendRaw(frame)
      const err = await cp.waitFrame((f) => cp.frames.indexOf(f) >= before && f[0] === 4)
      expect(err[2]).toBe(code)
      await cp.close()
    })
  }
})
