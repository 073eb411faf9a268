import type { MeterValueType, RequestMap, ResponseMap } from '../../../src/ocpp/v201/generated/types.ts'
import type { Tx, Version } from './charger.ts'

type Req<A extends keyof RequestMap> = RequestMap[A]
type Answers = { [A in keyof ResponseMap]?: (req: RequestMap[A]) => ResponseMap[A] }

/** Valid answers to the CSMS → charging station calls of OCPP 2.0.1. */
const answers: Answers = {
  RequestStartTransaction: () => ({ status: 'Accepted' }),
  RequestStopTransaction: () => ({ status: 'Accepted' }),
  Reset: () => ({ status: 'Accepted' }),
  UnlockConnector: () => ({ status: 'Unlocked' }),
  ChangeAvailability: () => ({ status: 'Accepted' }),
  GetVariables: (req) => ({
    getVariableResult: req.getVariableData.map((d) => ({
      attributeStatus: 'UnknownVariable' as const,
      component: d.component,
      variable: d.variable,
    })),
  }),
  SetVariables: (req) => ({
    setVariableResult: req.setVariableData.map((d) => ({
      attributeStatus: 'Accepted' as const,
      component: d.component,
      variable: d.variable,
    })),
  }),
  GetBaseReport: () => ({ status: 'EmptyResultSet' }),
  GetReport: () => ({ status: 'EmptyResultSet' }),
  ClearCache: () => ({ status: 'Accepted' }),
  SetChargingProfile: () => ({ status: 'Accepted' }),
  ClearChargingProfile: () => ({ status: 'Accepted' }),
  GetChargingProfiles: () => ({ status: 'NoProfiles' }),
  GetCompositeSchedule: () => ({ status: 'Rejected' }),
  TriggerMessage: () => ({ status: 'Accepted' }),
  DataTransfer: () => ({ status: 'UnknownVendorId' }),
  GetLocalListVersion: () => ({ versionNumber: 0 }),
  SendLocalList: () => ({ status: 'Accepted' }),
  ReserveNow: () => ({ status: 'Accepted' }),
  CancelReservation: () => ({ status: 'Accepted' }),
  GetLog: () => ({ status: 'Accepted', filename: 'log.txt' }),
  UpdateFirmware: () => ({ status: 'Accepted' }),
  GetInstalledCertificateIds: () => ({ status: 'NotFound' }),
  CertificateSigned: () => ({ status: 'Accepted' }),
  InstallCertificate: () => ({ status: 'Accepted' }),
  DeleteCertificate: () => ({ status: 'NotFound' }),
  GetTransactionStatus: () => ({ messagesInQueue: false }),
  CustomerInformation: () => ({ status: 'Accepted' }),
  SetNetworkProfile: () => ({ status: 'Rejected' }),
  CostUpdated: () => ({}),
}

const now = () => new Date().toISOString()

const reading = (tx: Tx): MeterValueType[] => [
  {
    timestamp: now(),
    sampledValue: [
      { value: tx.meterWh, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } },
      { value: 16, measurand: 'Current.Import', phase: 'L1', unitOfMeasure: { unit: 'A' } },
    ],
  },
]

const idToken = (tx: Tx) => ({ idToken: tx.idTag, type: 'ISO14443' as const })

function txEvent(tx: Tx, eventType: 'Started' | 'Updated' | 'Ended'): Req<'TransactionEvent'> {
  const base = { eventType, timestamp: now(), seqNo: tx.seqNo++, meterValue: reading(tx) }
  if (eventType === 'Started')
    return {
      ...base,
      triggerReason: 'Authorized',
      transactionInfo: { transactionId: tx.id, chargingState: 'Charging' },
      evse: { id: tx.connector, connectorId: 1 },
      idToken: idToken(tx),
    }
  if (eventType === 'Updated')
    return { ...base, triggerReason: 'MeterValuePeriodic', transactionInfo: { transactionId: tx.id } }
  return {
    ...base,
    triggerReason: 'StopAuthorized',
    transactionInfo: { transactionId: tx.id, stoppedReason: 'Local' },
    idToken: idToken(tx),
  }
}

/** OCPP 2.0.1 as a k6 charging station speaks it (EVSE n has one connector). */
export const v201: Version = {
  protocol: 'ocpp2.0.1',
  boot: (chargerId) => [
    'BootNotification',
    {
      reason: 'PowerUp',
      chargingStation: {
        vendorName: 'k6',
        model: 'LoadTest-201',
        serialNumber: chargerId.slice(-25),
        firmwareVersion: '1.0.0',
      },
    } satisfies Req<'BootNotification'>,
  ],
  status: (evseId, status) => [
    'StatusNotification',
    {
      timestamp: now(),
      connectorStatus: status === 'Charging' ? 'Occupied' : 'Available',
      evseId,
      connectorId: 1,
    } satisfies Req<'StatusNotification'>,
  ],
  heartbeat: () => ['Heartbeat', {} satisfies Req<'Heartbeat'>],
  start: (tx) => ['TransactionEvent', txEvent(tx, 'Started')],
  started: (_tx, payload) => {
    const info = payload.idTokenInfo as { status?: string } | undefined
    return info?.status === 'Accepted'
  },
  meter: (tx) => ['TransactionEvent', txEvent(tx, 'Updated')],
  stop: (tx) => ['TransactionEvent', txEvent(tx, 'Ended')],
  answer: (action, payload) => {
    const fn = answers[action as keyof Answers] as ((req: unknown) => object) | undefined
    return fn?.(payload)
  },
}
