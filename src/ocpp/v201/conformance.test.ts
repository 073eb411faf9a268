import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { type ClientOutcome, OcppClient } from '@src/sim/ocpp-client'
import { startTestNode, type TestNode } from '@src/testing/node'
import { expectConforms, official } from '../oracle'

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, s)).toISOString()
const token = { idToken: 'ID-201', type: 'ISO14443' }
const energy = (s: number, wh: number, context = 'Sample.Periodic') => ({
  timestamp: t(s),
  sampledValue: [
    { value: wh, context, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } },
    { value: 11_000, context, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W' } },
    { value: 16, context, measurand: 'Current.Import', phase: 'L1', unitOfMeasure: { unit: 'A' } },
  ],
})

async function conformingCall(
  cp: OcppClient,
  action: string,
  payload: unknown,
): Promise<Record<string, unknown>> {
  expectConforms('2.0.1', action, 'request', payload)
  const outcome: ClientOutcome = await cp.call(action, payload)
  if (outcome.kind !== 'result') throw new Error(`${action} failed: ${outcome.code} ${outcome.description}`)
  expectConforms('2.0.1', action, 'response', outcome.payload)
  return outcome.payload
}

describe.skipIf(!official)('OCPP 2.0.1 conformance against the official JSON schemas', () => {
  let node: TestNode
  beforeAll(async () => {
    node = await startTestNode()
    await node.deps.writer.write([
      node.deps.repos.tokens.upsert(
        'ID-201',
        { type: 'ISO14443', status: 'Accepted', parentUid: 'GROUP' },
        Date.now(),
      ),
    ])
  })
  afterAll(() => node.dispose())

  test('B01, G01, C01, E01, E06, J01 a full session: boot, status, authorize, TransactionEvent Started/Updated/Ended, meter values', async () => {
    const cp = await OcppClient.connect({ url: node.ocppUrl, identity: 'CONF-201', protocols: ['ocpp2.0.1'] })
    expect(cp.protocol).toBe('ocpp2.0.1')
    const boot = await conformingCall(cp, 'BootNotification', {
      chargingStation: {
        vendorName: 'ACME',
        model: 'DC50',
        serialNumber: 'S-1',
        firmwareVersion: '2.1',
        modem: { iccid: '8946', imsi: '2400' },
      },
      reason: 'PowerUp',
    })
    expect(boot.status).toBe('Accepted')
    await conformingCall(cp, 'Heartbeat', {})
    await conformingCall(cp, 'StatusNotification', {
      timestamp: t(0),
      connectorStatus: 'Occupied',
      evseId: 1,
      connectorId: 1,
    })
    const auth = await conformingCall(cp, 'Authorize', { idToken: token })
    expect(auth.idTokenInfo).toEqual({
      status: 'Accepted',
      groupIdToken: { idToken: 'GROUP', type: 'Central' },
    })
    const base = { transactionInfo: { transactionId: 'TX-1' }, evse: { id: 1, connectorId: 1 } }
    await conformingCall(cp, 'TransactionEvent', {
      ...base,
      eventType: 'Started',
      timestamp: t(1),
      triggerReason: 'Authorized',
      seqNo: 0,
      idToken: token,
      transactionInfo: { transactionId: 'TX-1', chargingState: 'Charging' },
      meterValue: [energy(1, 10_000, 'Transaction.Begin')],
    })
    await conformingCall(cp, 'TransactionEvent', {
      ...base,
      eventType: 'Updated',
      timestamp: t(60),
      triggerReason: 'MeterValuePeriodic',
      seqNo: 1,
      meterValue: [energy(60, 10_180)],
    })
    await conformingCall(cp, 'MeterValues', { evseId: 0, meterValue: [energy(61, 99_999)] })
    const ended = await conformingCall(cp, 'TransactionEvent', {
      ...base,
      eventType: 'Ended',
      timestamp: t(120),
      triggerReason: 'StopAuthorized',
      seqNo: 2,
      idToken: token,
      transactionInfo: { transactionId: 'TX-1', stoppedReason: 'Local' },
      meterValue: [energy(120, 10_400, 'Transaction.End')],
    })
    expect(ended.idTokenInfo).toMatchObject({ status: 'Accepted' })
    const tx = await node.deps.repos.transactions.findByWireId('CONF-201', 'TX-1')
    expect(tx).toMatchObject({
      meterStartWh: 10_000,
      meterStopWh: 10_400,
      energyWh: 400,
      stopReason: 'Local',
      idTag: 'ID-201',
      chargingState: 'Charging',
    })
    expect(await node.deps.repos.transactions.meterValuesOf(tx!.id)).toHaveLength(9)
    await cp.close()
  })

  test('every other station → CSMS message is answered conformingly and kept', async () => {
    const cp = await OcppClient.connect({
      url: node.ocppUrl,
      identity: 'CONF-201B',
      protocols: ['ocpp2.0.1'],
    })
    await conformingCall(cp, 'BootNotification', {
      chargingStation: { vendorName: 'ACME', model: 'AC11' },
      reason: 'PowerUp',
    })
    const component = { name: 'SmartChargingCtrlr' }
    const calls: [string, unknown][] = [
      [
        'NotifyReport',
        {
          requestId: 1,
          generatedAt: t(0),
          seqNo: 0,
          tbc: false,
          reportData: [
            {
              component,
              variable: { name: 'Enabled' },
              variableAttribute: [{ type: 'Actual', value: 'true', mutability: 'ReadWrite' }],
              variableCharacteristics: { dataType: 'boolean', supportsMonitoring: false },
            },
          ],
        },
      ],
      [
        'NotifyEvent',
        {
          generatedAt: t(0),
          seqNo: 0,
          eventData: [
            {
              eventId: 1,
              timestamp: t(0),
              trigger: 'Alerting',
              actualValue: 'Faulted',
              component: { name: 'Connector' },
              variable: { name: 'Problem' },
              eventNotificationType: 'HardWiredNotification',
            },
          ],
        },
      ],
      [
        'NotifyChargingLimit',
        { chargingLimit: { chargingLimitSource: 'EMS', isGridCritical: false }, evseId: 1 },
      ],
      ['ClearedChargingLimit', { chargingLimitSource: 'EMS', evseId: 1 }],
      [
        'NotifyEVChargingNeeds',
        {
          evseId: 1,
          chargingNeeds: {
            requestedEnergyTransfer: 'AC_three_phase',
            departureTime: t(7200),
            acChargingParameters: {
              energyAmount: 22_000,
              evMinCurrent: 6,
              evMaxCurrent: 16,
              evMaxVoltage: 400,
            },
          },
        },
      ],
      [
        'ReportChargingProfiles',
        {
          requestId: 5,
          chargingLimitSource: 'CSO',
          evseId: 1,
          chargingProfile: [
            {
              id: 1,
              stackLevel: 0,
              chargingProfilePurpose: 'TxDefaultProfile',
              chargingProfileKind: 'Absolute',
              chargingSchedule: [
                { id: 1, chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
              ],
            },
          ],
        },
      ],
      ['FirmwareStatusNotification', { status: 'Downloading', requestId: 3 }],
      ['LogStatusNotification', { status: 'Uploaded', requestId: 4 }],
      ['SecurityEventNotification', { type: 'FirmwareUpdated', timestamp: t(0) }],
      [
        'SignCertificate',
        { csr: '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----' },
      ],
      ['ReservationStatusUpdate', { reservationId: 12, reservationUpdateStatus: 'Expired' }],
      ['NotifyCustomerInformation', { data: 'nothing stored', seqNo: 0, generatedAt: t(0), requestId: 6 }],
      ['NotifyMonitoringReport', { requestId: 7, seqNo: 0, generatedAt: t(0) }],
      ['DataTransfer', { vendorId: 'com.acme', messageId: 'm', data: { any: ['json'] } }],
    ]
    for (const [action, payload] of calls) await conformingCall(cp, action, payload)
    expect(
      (await node.deps.repos.device.variables('CONF-201B')).map(
        (v) => `${v.component}.${v.variable}=${v.value}`,
      ),
    ).toEqual(['SmartChargingCtrlr.Enabled=true'])
    expect(await node.deps.repos.device.needsOf('CONF-201B')).toEqual([
      expect.objectContaining({
        evseId: 1,
        energyWh: 22_000,
        maxCurrentA: 16,
        departureAt: Date.parse(t(7200)),
        transferMode: 'AC_three_phase',
      }),
    ])
    const kinds = (await node.deps.repos.chargers.recentEvents('CONF-201B', 50)).map((e) => e.kind).sort()
    expect(kinds).toEqual(
      [
        'ChargingLimit',
        'ChargingLimitCleared',
        'ChargingProfiles',
        'CertificateSigningRequest',
        'CustomerInformation',
        'DataTransfer',
        'Event',
        'FirmwareStatus',
        'LogStatus',
        'MonitoringReport',
        'ReservationStatus',
        'SecurityEvent',
      ].sort(),
    )
    await cp.close()
  })
})
