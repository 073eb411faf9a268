import type { MeterValue, RequestMap, ResponseMap } from '../../src/ocpp/v16/generated/types'
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

/** Valid answers to every CSMS → charge point call of OCPP 1.6J and its security extension. */
const answers: Answers = {
  RemoteStartTransaction: () => ({ status: 'Accepted' }),
  RemoteStopTransaction: () => ({ status: 'Accepted' }),
  Reset: () => ({ status: 'Accepted' }),
  UnlockConnector: () => ({ status: 'Unlocked' }),
  ChangeAvailability: () => ({ status: 'Accepted' }),
  GetConfiguration: (req) => ({
    configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }],
    ...(req.key?.length ? { unknownKey: req.key.filter((k) => k !== 'HeartbeatInterval') } : {}),
  }),
  ChangeConfiguration: () => ({ status: 'Accepted' }),
  ClearCache: () => ({ status: 'Accepted' }),
  SetChargingProfile: () => ({ status: 'Accepted' }),
  ClearChargingProfile: () => ({ status: 'Accepted' }),
  GetCompositeSchedule: () => ({ status: 'Rejected' }),
  TriggerMessage: () => ({ status: 'Accepted' }),
  ExtendedTriggerMessage: () => ({ status: 'Accepted' }),
  DataTransfer: () => ({ status: 'UnknownVendorId' }),
  GetLocalListVersion: () => ({ listVersion: 0 }),
  SendLocalList: () => ({ status: 'Accepted' }),
  ReserveNow: () => ({ status: 'Accepted' }),
  CancelReservation: () => ({ status: 'Accepted' }),
  GetDiagnostics: () => ({ fileName: 'diagnostics.log' }),
  UpdateFirmware: () => ({}),
  SignedUpdateFirmware: () => ({ status: 'Accepted' }),
  GetLog: () => ({ status: 'Accepted', filename: 'log.txt' }),
  GetInstalledCertificateIds: () => ({ status: 'NotFound' }),
  CertificateSigned: () => ({ status: 'Accepted' }),
  InstallCertificate: () => ({ status: 'Accepted' }),
  DeleteCertificate: () => ({ status: 'NotFound' }),
}

function meterValue(f: ChargerFacts, context: 'Sample.Periodic' | 'Transaction.Begin'): MeterValue {
  return {
    timestamp: isoNow(),
    sampledValue: [
      {
        value: String(f.meterWh),
        context,
        measurand: 'Energy.Active.Import.Register',
        unit: 'Wh',
      },
      { value: String(SAMPLE_CURRENT_A), context, measurand: 'Current.Import', phase: 'L1', unit: 'A' },
    ],
  }
}

function status(f: ChargerFacts, s: 'Available' | 'Charging'): Req<'StatusNotification'> {
  return { connectorId: f.connector, errorCode: 'NoError', status: s, timestamp: isoNow() }
}

function request(step: Step, f: ChargerFacts): [string, unknown] {
  switch (step) {
    case 'boot':
      return ['BootNotification', boot(f)]
    case 'available':
      return ['StatusNotification', status(f, 'Available')]
    case 'charging':
      return ['StatusNotification', status(f, 'Charging')]
    case 'heartbeat':
      return ['Heartbeat', {} satisfies Req<'Heartbeat'>]
    case 'start':
      return ['StartTransaction', start(f)]
    case 'meter':
      f.meterWh += WH_PER_SAMPLE
      return ['MeterValues', meter(f)]
    case 'stop':
      return ['StopTransaction', stop(f)]
  }
}

const boot = (f: ChargerFacts): Req<'BootNotification'> => ({
  chargePointVendor: 'FleetDriver',
  chargePointModel: 'Lean-16',
  chargePointSerialNumber: f.id.slice(-25),
  firmwareVersion: '1.0.0',
})

const start = (f: ChargerFacts): Req<'StartTransaction'> => ({
  connectorId: f.connector,
  idTag: f.idTag,
  meterStart: f.meterWh,
  timestamp: isoNow(),
})

const meter = (f: ChargerFacts): Req<'MeterValues'> => ({
  connectorId: f.connector,
  ...(f.txId === undefined ? {} : { transactionId: Number(f.txId) }),
  meterValue: [meterValue(f, 'Sample.Periodic')],
})

const stop = (f: ChargerFacts): Req<'StopTransaction'> => ({
  transactionId: Number(f.txId ?? 0),
  idTag: f.idTag,
  meterStop: f.meterWh,
  timestamp: isoNow(),
  reason: 'Local',
})

function accept(step: Step, f: ChargerFacts, payload: Record<string, unknown>): string | undefined {
  if (step === 'boot') return payload.status === 'Accepted' ? undefined : `boot ${String(payload.status)}`
  if (step === 'start') {
    if (typeof payload.transactionId !== 'number') return 'StartTransaction without transactionId'
    f.txId = String(payload.transactionId)
    const s = tokenStatus(payload, 'idTagInfo')
    return s === 'Accepted' ? undefined : `start: token ${String(s)}`
  }
  if (step === 'stop') f.txId = undefined
  return undefined
}

/** OCPP 1.6J. */
export const ocpp16: Dialect = {
  protocol: 'ocpp1.6',
  request,
  accept,
  answer: (action, payload): CallAnswer => {
    const fn = answers[action as keyof Answers] as ((req: unknown) => CallAnswer) | undefined
    return fn?.(payload)
  },
}
