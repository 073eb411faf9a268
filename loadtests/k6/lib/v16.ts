import type { RequestMap, ResponseMap } from '../../../src/ocpp/v16/generated/types.ts'
import type { Tx, Version } from './charger.ts'
import type { Payload } from './ocpp-socket.ts'

type Req<A extends keyof RequestMap> = RequestMap[A]
type Answers = { [A in keyof ResponseMap]?: (req: RequestMap[A]) => ResponseMap[A] }

/** Valid answers to the CSMS → charge point calls of OCPP 1.6J (and the security extension). */
const answers: Answers = {
  RemoteStartTransaction: () => ({ status: 'Accepted' }),
  RemoteStopTransaction: () => ({ status: 'Accepted' }),
  Reset: () => ({ status: 'Accepted' }),
  UnlockConnector: () => ({ status: 'Unlocked' }),
  ChangeAvailability: () => ({ status: 'Accepted' }),
  GetConfiguration: () => ({
    configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }],
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

const now = () => new Date().toISOString()

function meterValues(tx: Tx): Req<'MeterValues'> {
  return {
    connectorId: tx.connector,
    transactionId: Number(tx.id),
    meterValue: [
      {
        timestamp: now(),
        sampledValue: [
          {
            value: String(tx.meterWh),
            context: 'Sample.Periodic',
            measurand: 'Energy.Active.Import.Register',
            unit: 'Wh',
          },
          { value: '16', context: 'Sample.Periodic', measurand: 'Current.Import', phase: 'L1', unit: 'A' },
        ],
      },
    ],
  }
}

/** OCPP 1.6J as a k6 charger speaks it. */
export const v16: Version = {
  protocol: 'ocpp1.6',
  boot: (chargerId) => [
    'BootNotification',
    {
      chargePointVendor: 'k6',
      chargePointModel: 'LoadTest-16',
      chargePointSerialNumber: chargerId.slice(-25),
      firmwareVersion: '1.0.0',
    } satisfies Req<'BootNotification'>,
  ],
  status: (connectorId, status) => [
    'StatusNotification',
    { connectorId, errorCode: 'NoError', status, timestamp: now() } satisfies Req<'StatusNotification'>,
  ],
  heartbeat: () => ['Heartbeat', {} satisfies Req<'Heartbeat'>],
  start: (tx) => [
    'StartTransaction',
    {
      connectorId: tx.connector,
      idTag: tx.idTag,
      meterStart: tx.meterWh,
      timestamp: now(),
    } satisfies Req<'StartTransaction'>,
  ],
  started: (tx, payload: Payload) => {
    if (typeof payload.transactionId === 'number') tx.id = String(payload.transactionId)
    const info = payload.idTagInfo as { status?: string } | undefined
    return info?.status === 'Accepted'
  },
  meter: (tx) => ['MeterValues', meterValues(tx)],
  stop: (tx) => [
    'StopTransaction',
    {
      transactionId: Number(tx.id),
      idTag: tx.idTag,
      meterStop: tx.meterWh,
      timestamp: now(),
      reason: 'Local',
    } satisfies Req<'StopTransaction'>,
  ],
  answer: (action, payload) => {
    const fn = answers[action as keyof Answers] as ((req: unknown) => object) | undefined
    return fn?.(payload)
  },
}
