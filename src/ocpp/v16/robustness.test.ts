import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { OcppClient } from '@src/sim/ocpp-client'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
beforeAll(async () => {
  node = await startTestNode({ CSMS_OCPP_MAX_FRAME_BYTES: '8192' })
  const { tokens } = node.deps.repos
  await node.deps.writer.write(
    ['T1', 'T2', 'T3'].map((uid) => tokens.upsert(uid, { type: 'RFID', status: 'Accepted' }, Date.now())),
  )
})
afterAll(() => node.dispose())

let n = 0
async function bootedCharger(): Promise<OcppClient> {
  const cp = await OcppClient.connect({ url: node.ocppUrl, identity: `ROB-${++n}`, protocols: ['ocpp1.6'] })
  await cp.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'R' })
  return cp
}

/** Sends a raw frame and returns the CALLERROR that answers it (matched by message id). */
async function rawError(cp: OcppClient, frame: string, id: string): Promise<unknown[]> {
  const before = cp.frames.length
  cp.sendRaw(frame)
  return cp.waitFrame((f) => cp.frames.indexOf(f) >= before && f[0] === 4 && f[1] === id)
}

const iso = () => new Date().toISOString()

describe('malformed frames get the OCPP 1.6 CALLERROR and the connection lives on', () => {
  const cases: [string, string, string, string][] = [
    ['invalid JSON', '[2,"x1","Heartbeat",{', '-1', 'FormationViolation'],
    ['a JSON object instead of an array', '{"a":1}', '-1', 'FormationViolation'],
    ['a CALL with a missing payload', '[2,"x2","Heartbeat"]', 'x2', 'FormationViolation'],
    ['a payload that is not an object', '[2,"x3","Heartbeat","now"]', 'x3', 'FormationViolation'],
    ['an unknown message type', '[9,"x4","Heartbeat",{}]', 'x4', 'ProtocolError'],
    ['an unknown action', '[2,"x5","MakeCoffee",{}]', 'x5', 'NotImplemented'],
    ['an action only the central system sends', '[2,"x6","Reset",{"type":"Soft"}]', 'x6', 'NotSupported'],
    [
      'a missing required field',
      '[2,"x7","StartTransaction",{"connectorId":1,"idTag":"T1","timestamp":"2026-01-01T00:00:00Z"}]',
      'x7',
      'OccurenceConstraintViolation',
    ],
    [
      'a field of the wrong type',
      '[2,"x8","StatusNotification",{"connectorId":"1","errorCode":"NoError","status":"Available"}]',
      'x8',
      'TypeConstraintViolation',
    ],
    [
      'a value outside its enum',
      '[2,"x9","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Sleeping"}]',
      'x9',
      'PropertyConstraintViolation',
    ],
    [
      'a string over its length',
      `[2,"x10","Authorize",{"idTag":"${'A'.repeat(21)}"}]`,
      'x10',
      'PropertyConstraintViolation',
    ],
    [
      'a timestamp without a time zone',
      '[2,"x11","StartTransaction",{"connectorId":1,"idTag":"T1","meterStart":0,"timestamp":"2026-01-01T00:00:00"}]',
      'x11',
      'PropertyConstraintViolation',
    ],
    ['an unknown field', '[2,"x12","Heartbeat",{"hello":1}]', 'x12', 'FormationViolation'],
  ]
  for (const [name, frame, id, code] of cases) {
    test(`${name} → ${code}`, async () => {
      const cp = await bootedCharger()
      const err = await rawError(cp, frame, id)
      expect(err[2]).toBe(code)
      expect(await cp.call('Heartbeat', {})).toMatchObject({ kind: 'result' })
      await cp.close()
    })
  }

  test('a frame over the size limit is refused with its own message id; the socket stays usable', async () => {
    const cp = await bootedCharger()
    const err = await rawError(
      cp,
      `[2,"big1","DataTransfer",{"vendorId":"x","data":"${'z'.repeat(9000)}"}]`,
      'big1',
    )
    expect(err[2]).toBe('FormationViolation')
    expect(await cp.call('Heartbeat', {})).toMatchObject({ kind: 'result' })
    await cp.close()
  })

  test('a frame far over the limit closes only that socket (1009); others carry on', async () => {
    const other = await bootedCharger()
    const cp = await bootedCharger()
    cp.sendRaw(`[2,"huge","DataTransfer",{"vendorId":"x","data":"${'z'.repeat(40_000)}"}]`)
    expect((await cp.closed).code).toBe(1009)
    expect(await other.call('Heartbeat', {})).toMatchObject({ kind: 'result' })
    await other.close()
  })

  test('a binary frame is refused as not OCPP-J', async () => {
    const cp = await bootedCharger()
    const before = cp.frames.length
    cp.ws.send(new Uint8Array([1, 2, 3]))
    const err = await cp.waitFrame((f) => cp.frames.indexOf(f) >= before && f[0] === 4)
    expect(err.slice(1, 3)).toEqual(['-1', 'FormationViolation'])
    await cp.close()
  })
})

describe('replayed and unknown messages never double-count and lose nothing', () => {
  test('1.6 §4.8 a retransmitted StartTransaction (same message id) is answered again but stored once', async () => {
    const cp = await bootedCharger()
    const frame = JSON.stringify([
      2,
      'same',
      'StartTransaction',
      { connectorId: 1, idTag: 'T2', meterStart: 100, timestamp: iso() },
    ])
    cp.sendRaw(frame)
    cp.sendRaw(frame)
    await cp.waitFrame(() => cp.frames.filter((f) => f[0] === 3 && f[1] === 'same').length === 2)
    const [a, b] = cp.frames.filter((f) => f[1] === 'same')
    expect(a).toEqual(b!)
    const { rows } = await node.deps.repos.transactions.list({ chargerId: `ROB-${n}`, limit: 10, offset: 0 })
    expect(rows).toHaveLength(1)
    await cp.close()
  })

  test('a message id reused for a different message is a ProtocolError', async () => {
    const cp = await bootedCharger()
    await cp.callWithId('dup', 'Heartbeat', {})
    const err = await rawError(cp, '[2,"dup","Authorize",{"idTag":"T1"}]', 'dup')
    expect(err[2]).toBe('ProtocolError')
    await cp.close()
  })

  test('1.6 §4.10 StopTransaction for an unknown transaction is accepted and recorded with its meter values', async () => {
    const cp = await bootedCharger()
    const stop = await cp.call('StopTransaction', {
      transactionId: 987_654,
      idTag: 'T1',
      meterStop: 5000,
      timestamp: iso(),
      transactionData: [{ timestamp: iso(), sampledValue: [{ value: '5000', context: 'Transaction.End' }] }],
    })
    expect(stop).toEqual({ kind: 'result', payload: { idTagInfo: { status: 'Accepted' } } })
    const events = await node.deps.repos.chargers.recentEvents(`ROB-${n}`, 5)
    expect(events[0]).toMatchObject({
      kind: 'UnknownTransactionStopped',
      payload: { transactionId: '987654', meterStopWh: 5000 },
    })
    const values = await node.deps.repos.transactions.recentMeterValuesOfCharger(`ROB-${n}`, 5)
    expect(values.map((v) => v.raw)).toEqual(['5000'])
    await cp.close()
  })

  test('1.6 §4.2 a charge point that is not accepted may only boot: anything else is a SecurityError', async () => {
    await node.deps.writer.write([
      node.deps.repos.chargers.upsert({ id: 'ROB-PENDING', registration: 'Pending', now: Date.now() }),
    ])
    const cp = await OcppClient.connect({
      url: node.ocppUrl,
      identity: 'ROB-PENDING',
      protocols: ['ocpp1.6'],
    })
    expect(await cp.call('Heartbeat', {})).toMatchObject({ kind: 'error', code: 'SecurityError' })
    expect(
      await cp.call('BootNotification', { chargePointVendor: 'A', chargePointModel: 'B' }),
    ).toMatchObject({
      kind: 'result',
      payload: { status: 'Pending' },
    })
    expect(
      await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' }),
    ).toMatchObject({
      kind: 'error',
      code: 'SecurityError',
    })
    await cp.close()
  })

  test('a flood of garbage from one charger does not disturb another one charging', async () => {
    const noisy = await bootedCharger()
    const good = await bootedCharger()
    for (let i = 0; i < 300; i++) noisy.sendRaw(i % 2 ? '][' : `[2,"g${i}","Nope",{}]`)
    const start = await good.call('StartTransaction', {
      connectorId: 1,
      idTag: 'T3',
      meterStart: 0,
      timestamp: iso(),
    })
    expect(start).toMatchObject({ kind: 'result', payload: { idTagInfo: { status: 'Accepted' } } })
    await noisy.close()
    await good.close()
  })
})
