import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { type ClientOutcome, OcppClient } from '@src/sim/ocpp-client'
import { startTestNode, type TestNode } from '@src/testing/node'
import { expectConforms, official } from '../oracle'

const now = () => new Date().toISOString()

/** Calls, asserts a CALLRESULT, and checks it against the official response schema. */
async function conformingCall(
  client: OcppClient,
  action: string,
  payload: unknown,
): Promise<Record<string, unknown>> {
  expectConforms('1.6', action, 'request', payload)
  const outcome: ClientOutcome = await client.call(action, payload)
  if (outcome.kind !== 'result') throw new Error(`${action} failed: ${outcome.code} ${outcome.description}`)
  expectConforms('1.6', action, 'response', outcome.payload)
  return outcome.payload
}

describe.skipIf(!official)('OCPP 1.6 conformance against the official JSON schemas', () => {
  let node: TestNode
  beforeAll(async () => {
    node = await startTestNode()
    await node.deps.writer.write([
      node.deps.repos.tokens.upsert('RFID-1', { type: 'RFID', status: 'Accepted' }, Date.now()),
    ])
  })
  afterAll(() => node.dispose())

  test('1.6 §4.2, §4.6, §4.9, §4.1, §4.8, §4.7, §4.10 a full charge session: boot, heartbeat, status, authorize, start, meter values, stop', async () => {
    const cp = await OcppClient.connect({ url: node.ocppUrl, identity: 'CONF-1', protocols: ['ocpp1.6'] })
    const boot = await conformingCall(cp, 'BootNotification', {
      chargePointVendor: 'ACME',
      chargePointModel: 'AC22',
      firmwareVersion: '1.0',
    })
    expect(boot.status).toBe('Accepted')
    await conformingCall(cp, 'Heartbeat', {})
    await conformingCall(cp, 'StatusNotification', {
      connectorId: 0,
      errorCode: 'NoError',
      status: 'Available',
    })
    await conformingCall(cp, 'StatusNotification', {
      connectorId: 1,
      errorCode: 'NoError',
      status: 'Preparing',
      timestamp: now(),
    })
    const auth = await conformingCall(cp, 'Authorize', { idTag: 'RFID-1' })
    expect(auth.idTagInfo).toEqual({ status: 'Accepted' })
    const start = await conformingCall(cp, 'StartTransaction', {
      connectorId: 1,
      idTag: 'RFID-1',
      meterStart: 10_000,
      timestamp: now(),
    })
    const transactionId = start.transactionId as number
    await conformingCall(cp, 'StatusNotification', {
      connectorId: 1,
      errorCode: 'NoError',
      status: 'Charging',
    })
    await conformingCall(cp, 'MeterValues', {
      connectorId: 1,
      transactionId,
      meterValue: [
        {
          timestamp: now(),
          sampledValue: [
            {
              value: '12.5',
              measurand: 'Energy.Active.Import.Register',
              unit: 'kWh',
              context: 'Sample.Periodic',
            },
            { value: '7360', measurand: 'Power.Active.Import', unit: 'W' },
            { value: '32.0', measurand: 'Current.Import', phase: 'L1', unit: 'A' },
            { value: '61', measurand: 'SoC', unit: 'Percent', location: 'EV' },
          ],
        },
      ],
    })
    const stop = await conformingCall(cp, 'StopTransaction', {
      transactionId,
      idTag: 'RFID-1',
      meterStop: 15_000,
      timestamp: now(),
      reason: 'EVDisconnected',
      transactionData: [{ timestamp: now(), sampledValue: [{ value: '15000', context: 'Transaction.End' }] }],
    })
    expect(stop.idTagInfo).toEqual({ status: 'Accepted' })
    await conformingCall(cp, 'DataTransfer', { vendorId: 'com.acme', messageId: 'hello', data: 'x' })
    await conformingCall(cp, 'FirmwareStatusNotification', { status: 'Idle' })
    await conformingCall(cp, 'DiagnosticsStatusNotification', { status: 'Idle' })
    const tx = await node.deps.repos.transactions.find(transactionId)
    expect(tx).toMatchObject({
      meterStartWh: 10_000,
      meterStopWh: 15_000,
      energyWh: 5000,
      stopReason: 'EVDisconnected',
    })
    expect(await node.deps.repos.transactions.meterValuesOf(transactionId)).toHaveLength(5)
    await cp.close()
  })
})
