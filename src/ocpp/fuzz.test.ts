import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { OcppClient } from '@src/sim/ocpp-client'
import { startTestNode, type TestNode } from '@src/testing/node'
import fc from 'fast-check'
import { official } from './oracle'

/**
 * Valid input never breaks an actor: a bounded corpus of messages that the official schemas accept,
 * built from the classes that broke actors before (every RFC 3339 form of every time field, numbers at
 * the edges of what the schemas allow, hostile strings, nested vendor data), sent over real sockets to
 * one node. Every message must be answered with a CALLRESULT, the connection must stay open, and no
 * actor may crash.
 */

let node: TestNode
beforeAll(async () => {
  node = await startTestNode()
})
afterAll(() => node.dispose())

const BASE = Date.UTC(2026, 5, 30, 23, 59, 0)
/** One instant written in every form `date-time` allows, plus a leap second and the calendar's ends. */
const times = [
  '2026-06-30T23:59:00Z',
  '2026-06-30t23:59:00z',
  '2026-06-30 23:59:00Z',
  '2026-06-30T23:59:00.123456789Z',
  '2026-07-01T01:59:00+02',
  '2026-07-01T01:59:00+0200',
  '2026-07-01T01:59:00+02:00',
  '2026-06-30T18:29:00-05:30',
  '2026-06-30T23:59:60Z',
  '2026-06-30T23:59:60.999Z',
  '9999-12-31T23:59:59.999Z',
  '0001-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
]
const hostile = fc.sample(
  fc.oneof(
    fc.constantFrom('\u202e<script>', '\u0000', '"><img src=x>', '💥'.repeat(5), ' ', 'Ω'.repeat(20)),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
  ),
  { numRuns: 20, seed: 42 },
)
const nested = (depth: number): Record<string, unknown> =>
  depth === 0 ? { vendorId: 'X' } : { vendorId: 'X', inner: nested(depth - 1) }

interface Case {
  action: string
  payload: Record<string, unknown>
}

function corpus16(txId: number): Case[] {
  const cases: Case[] = []
  for (const timestamp of times) {
    cases.push({
      action: 'StatusNotification',
      payload: { connectorId: 1, errorCode: 'NoError', status: 'Available', timestamp },
    })
    cases.push({
      action: 'MeterValues',
      payload: {
        connectorId: 1,
        transactionId: txId,
        meterValue: [{ timestamp, sampledValue: [{ value: '1234' }] }],
      },
    })
  }
  for (const value of ['1e308', '1e999', '-0', '-5', 'NaN', '', ' 12 ', '0x10', '١٢٣', '9'.repeat(400)])
    cases.push({
      action: 'MeterValues',
      payload: {
        connectorId: 1,
        transactionId: txId,
        meterValue: [{ timestamp: times[0]!, sampledValue: [{ value }] }],
      },
    })
  for (const connectorId of [0, 7, 2_147_483_647])
    cases.push({
      action: 'StatusNotification',
      payload: { connectorId, errorCode: 'OtherError', status: 'Faulted' },
    })
  for (const idTag of hostile) cases.push({ action: 'Authorize', payload: { idTag } })
  for (const [i, meterStart] of [0, -1, 2_147_483_647].entries())
    cases.push({
      action: 'StartTransaction',
      payload: { connectorId: 2, idTag: hostile[i]!, meterStart, timestamp: times[i * 4]! },
    })
  for (const [i, timestamp] of times.entries())
    cases.push({
      action: 'StopTransaction',
      payload: { transactionId: 900_000 + i, meterStop: i, timestamp },
    })
  cases.push({
    action: 'StopTransaction',
    payload: { transactionId: txId, meterStop: 2_147_483_647, timestamp: times[8]! },
  })
  for (const data of hostile.slice(0, 5))
    cases.push({ action: 'DataTransfer', payload: { vendorId: data, data } })
  return cases
}

function corpus201(): Case[] {
  const cases: Case[] = []
  const reading = (timestamp: string, value: number, multiplier = 0) => ({
    timestamp,
    sampledValue: [
      { value, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh', multiplier } },
    ],
  })
  for (const [i, timestamp] of times.entries()) {
    cases.push({
      action: 'StatusNotification',
      payload: { timestamp, connectorStatus: 'Occupied', evseId: 1, connectorId: 1 },
    })
    cases.push({
      action: 'TransactionEvent',
      payload: {
        eventType: i === 0 ? 'Started' : 'Updated',
        timestamp,
        triggerReason: 'MeterValuePeriodic',
        seqNo: i,
        transactionInfo: { transactionId: 'FZ-1' },
        evse: { id: 1, connectorId: 1 },
        meterValue: [reading(timestamp, 1000 + i)],
      },
    })
    cases.push({
      action: 'NotifyEVChargingNeeds',
      payload: {
        evseId: 1,
        chargingNeeds: {
          requestedEnergyTransfer: 'AC_three_phase',
          departureTime: timestamp,
          acChargingParameters: {
            energyAmount: 2_147_483_647,
            evMinCurrent: 0,
            evMaxCurrent: 32,
            evMaxVoltage: 400,
          },
        },
      },
    })
  }
  for (const [i, [value, multiplier]] of [
    [1.7e308, 3],
    [-1.7e308, 3],
    [1e-300, -9],
    [0, 9],
  ].entries())
    cases.push({
      action: 'MeterValues',
      payload: { evseId: 1, meterValue: [reading(times[i]!, value!, multiplier)] },
    })
  for (const [i, idToken] of hostile.entries())
    cases.push({
      action: 'Authorize',
      payload: { idToken: { idToken, type: i % 2 ? 'ISO14443' : 'Central' } },
    })
  cases.push({
    action: 'TransactionEvent',
    payload: {
      eventType: 'Ended',
      timestamp: times[8]!,
      triggerReason: 'EVDeparted',
      seqNo: 2_147_483_647,
      transactionInfo: { transactionId: 'FZ-1', stoppedReason: 'EVDisconnected', customData: nested(20) },
      meterValue: [reading('2026-06-30T23:59:60.5Z', 2_000_000, 0)],
      customData: nested(30),
    },
  })
  cases.push({
    action: 'DataTransfer',
    payload: {
      vendorId: 'X',
      messageId: hostile[0]!,
      data: { deep: nested(30), list: [1, 'a', null, true] },
    },
  })
  return cases
}

async function sendAll(cp: OcppClient, version: '1.6' | '2.0.1', cases: Case[]): Promise<string[]> {
  const problems: string[] = []
  for (const c of cases) {
    const valid = official!.validate(version, c.action, 'request', c.payload)
    if (!valid.ok) throw new Error(`the corpus is wrong: ${c.action} is not valid: ${valid.errors}`)
    const answer = await cp.call(c.action, c.payload)
    if (answer.kind !== 'result')
      problems.push(
        `${c.action} ${JSON.stringify(c.payload).slice(0, 120)}: ${answer.code} ${answer.description}`,
      )
  }
  return problems
}

describe.skipIf(!official)('valid input never breaks an actor', () => {
  test('1.6: every form of every time, edge numbers and hostile strings are answered, no actor crashes', async () => {
    const cp = await OcppClient.connect({ url: node.ocppUrl, identity: 'FUZZ-16', protocols: ['ocpp1.6'] })
    await cp.call('BootNotification', { chargePointVendor: 'F', chargePointModel: 'Z' })
    const start = await cp.call('StartTransaction', {
      connectorId: 1,
      idTag: 'F',
      meterStart: 0,
      timestamp: times[0]!,
    })
    const txId = start.kind === 'result' ? (start.payload.transactionId as number) : -1
    expect(await sendAll(cp, '1.6', corpus16(txId))).toEqual([])
    expect((await cp.call('Heartbeat', {})).kind).toBe('result')
    expect(node.deps.system.stats.restarts).toBe(0)
    await cp.close()
  }, 60_000)

  test('2.0.1: every form of every time, edge numbers, nested vendor data and hostile strings are answered, no actor crashes', async () => {
    const cp = await OcppClient.connect({ url: node.ocppUrl, identity: 'FUZZ-201', protocols: ['ocpp2.0.1'] })
    await cp.call('BootNotification', { chargingStation: { vendorName: 'F', model: 'Z' }, reason: 'PowerUp' })
    expect(await sendAll(cp, '2.0.1', corpus201())).toEqual([])
    expect((await cp.call('Heartbeat', {})).kind).toBe('result')
    expect(node.deps.system.stats.restarts).toBe(0)
    const row = await node.deps.repos.transactions.findByWireId('FUZZ-201', 'FZ-1')
    expect(row?.endedAt).toBe(BASE + 59_999)
    await cp.close()
  }, 60_000)
})
