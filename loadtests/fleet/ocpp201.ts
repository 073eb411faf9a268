import type { MeterValueType, RequestMap, ResponseMap } from '../../src/ocpp/v201/generated/types'
import {
  type CallAnswer,
  type ChargerFacts,
  type Dialect,
  isoNow,
  SAMPLE_CURRENT_A,
  type Step,
  tokenStatus,
  WH_PER_SAMPLE,
} from './dialect'

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
  SetDisplayMessage: () => ({ status: 'Rejected' }),
  GetDisplayMessages: () => ({ status: 'Unknown' }),
  ClearDisplayMessage: () => ({ status: 'Unknown' }),
  CostUpdated: () => ({}),
}

function meterValue(f: ChargerFacts): MeterValueType {
  return {
    timestamp: isoNow(),
    sampledValue: [
      { value: f.meterWh, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } },
      { value: SAMPLE_CURRENT_A, measurand: 'Current.Import', phase: 'L1', unitOfMeasure: { unit: 'A' } },
    ],
  }
}

const status = (f: ChargerFacts, s: 'Available' | 'Occupied'): Req<'StatusNotification'> => ({
  timestamp: isoNow(),
  connectorStatus: s,
  evseId: f.connector,
  connectorId: 1,
})

const boot = (f: ChargerFacts): Req<'BootNotification'> => ({
  reason: 'PowerUp',
  chargingStation: {
    vendorName: 'FleetDriver',
    model: 'Lean-201',
    serialNumber: f.id.slice(-25),
    firmwareVersion: '1.0.0',
  },
})

function txEvent(f: ChargerFacts, kind: 'Started' | 'Updated' | 'Ended'): Req<'TransactionEvent'> {
  const base = {
    eventType: kind,
    timestamp: isoNow(),
    seqNo: f.seqNo++,
    meterValue: [meterValue(f)],
  }
  if (kind === 'Started')
    return {
      ...base,
      triggerReason: 'Authorized',
      transactionInfo: { transactionId: f.txId!, chargingState: 'Charging' },
      evse: { id: f.connector, connectorId: 1 },
      idToken: { idToken: f.idTag, type: 'ISO14443' },
    }
  if (kind === 'Updated')
    return { ...base, triggerReason: 'MeterValuePeriodic', transactionInfo: { transactionId: f.txId! } }
  return {
    ...base,
    triggerReason: 'StopAuthorized',
    transactionInfo: { transactionId: f.txId!, stoppedReason: 'Local' },
    idToken: { idToken: f.idTag, type: 'ISO14443' },
  }
}

let txCounter = 0

function request(step: Step, f: ChargerFacts): [string, unknown] {
  switch (step) {
    case 'boot':
      return ['BootNotification', boot(f)]
    case 'available':
      return ['StatusNotification', status(f, 'Available')]
    case 'charging':
      return ['StatusNotification', status(f, 'Occupied')]
    case 'heartbeat':
      return ['Heartbeat', {} satisfies Req<'Heartbeat'>]
    case 'start':
      f.txId = `${f.id.slice(-20)}-${process.pid.toString(36)}-${(txCounter++).toString(36)}`
      f.seqNo = 0
      return ['TransactionEvent', txEvent(f, 'Started')]
    case 'meter':
      f.meterWh += WH_PER_SAMPLE
      return ['TransactionEvent', txEvent(f, 'Updated')]
    case 'stop':
      return ['TransactionEvent', txEvent(f, 'Ended')]
  }
}

function accept(step: Step, f: ChargerFacts, payload: Record<string, unknown>): string | undefined {
  if (step === 'boot') return payload.status === 'Accepted' ? undefined : `boot ${String(payload.status)}`
  if (step === 'stop') f.txId = undefined
  if (step !== 'start') return undefined
  const s = tokenStatus(payload, 'idTokenInfo')
  return s === 'Accepted' ? undefined : `start: token ${String(s)}`
}

/** OCPP 2.0.1. */
export const ocpp201: Dialect = {
  protocol: 'ocpp2.0.1',
  request,
  accept,
  answer: (action, payload): CallAnswer => {
    const fn = answers[action as keyof Answers] as ((req: unknown) => CallAnswer) | undefined
    return fn?.(payload)
  },
}
