import type { DataTransferAnswer, TxAnswer } from '@actors/charger/protocol'
import type { ConnectorStatus, IdTokenInfo } from '@src/domain/charger/types'
import { boot, heartbeat } from '../common-calls'
import { type CallMappings, type Inbound, inbound, makeDecoder, recordAs, wireTime } from '../dispatch'
import { connectorRef, idTagInfo, samples } from './convert'
import { type Action, actions, type RequestMap, requestSchemas } from './generated/messages'

type Mapping<A extends Action> = (req: RequestMap[A]) => Inbound

/** OCPP 1.6 §4.10: a StopTransaction without a reason was stopped locally. */
const DEFAULT_STOP_REASON = 'Local'

/** The idTagInfo of a transaction answer (1.6 requires one; a start always presents its token). */
const tagInfoOf = (a: TxAnswer): ReturnType<typeof idTagInfo> =>
  idTagInfo(a.idTokenInfo ?? ({ status: 'Invalid' } satisfies IdTokenInfo))

/** Every charge point → central system call of OCPP 1.6J and its security extension, in neutral words. */
const mappings: { [A in Action]?: Mapping<A> } = {
  BootNotification: (req) =>
    boot({
      vendor: req.chargePointVendor,
      model: req.chargePointModel,
      serialNumber: req.chargePointSerialNumber ?? req.chargeBoxSerialNumber,
      firmwareVersion: req.firmwareVersion,
      iccid: req.iccid,
      imsi: req.imsi,
      meterType: req.meterType,
      meterSerialNumber: req.meterSerialNumber,
    }),
  Heartbeat: heartbeat,
  StatusNotification: (req) => {
    const at = req.timestamp === undefined ? undefined : wireTime('timestamp', req.timestamp)
    return inbound<void>(
      (reply) => ({
        type: 'charger.statusChanged',
        ...connectorRef(req.connectorId),
        status: req.status as ConnectorStatus,
        errorCode: req.errorCode,
        info: req.info,
        vendorId: req.vendorId,
        vendorErrorCode: req.vendorErrorCode,
        ...(at === undefined ? {} : { at }),
        reply,
      }),
      () => ({}),
    )
  },
  Authorize: (req) =>
    inbound<IdTokenInfo>(
      (reply) => ({ type: 'charger.tokenPresented', idToken: { id: req.idTag }, reply }),
      (info) => ({ idTagInfo: idTagInfo(info) }),
    ),
  StartTransaction: (req) => {
    const at = wireTime('timestamp', req.timestamp)
    return inbound<TxAnswer>(
      (reply) => ({
        type: 'charger.transactionStarted',
        ...connectorRef(req.connectorId),
        idToken: { id: req.idTag },
        at,
        meterStartWh: req.meterStart,
        samples: [],
        ...(req.reservationId === undefined ? {} : { reservationId: req.reservationId }),
        reply,
      }),
      (a) => ({ transactionId: a.transactionId, idTagInfo: tagInfoOf(a) }),
    )
  },
  MeterValues: (req) => {
    const sampled = samples(req.meterValue)
    return inbound<void>(
      (reply) => ({
        type: 'charger.meterSampled',
        evseId: req.connectorId,
        ...(req.transactionId === undefined ? {} : { txId: String(req.transactionId) }),
        samples: sampled,
        reply,
      }),
      () => ({}),
    )
  },
  StopTransaction: (req) => {
    const at = wireTime('timestamp', req.timestamp)
    const sampled = samples(req.transactionData ?? [])
    return inbound<TxAnswer>(
      (reply) => ({
        type: 'charger.transactionEnded',
        txId: String(req.transactionId),
        idAssigned: true,
        ...(req.idTag === undefined ? {} : { idToken: { id: req.idTag } }),
        at,
        meterStopWh: req.meterStop,
        reason: req.reason ?? DEFAULT_STOP_REASON,
        samples: sampled,
        reply,
      }),
      (a) => (a.idTokenInfo ? { idTagInfo: idTagInfo(a.idTokenInfo) } : {}),
    )
  },
  DataTransfer: (req) =>
    inbound<DataTransferAnswer>(
      (reply) => ({
        type: 'charger.dataTransferred',
        vendorId: req.vendorId,
        messageId: req.messageId,
        data: req.data,
        reply,
      }),
      (a) => a,
    ),
  SignCertificate: (req) =>
    inbound<'Accepted' | 'Rejected'>(
      (reply) => ({ type: 'charger.certificateRequested', csr: req.csr, reply }),
      (status) => ({ status }),
    ),
  FirmwareStatusNotification: recordAs('FirmwareStatus'),
  DiagnosticsStatusNotification: recordAs('DiagnosticsStatus'),
  LogStatusNotification: recordAs('LogStatus'),
  SignedFirmwareStatusNotification: recordAs('FirmwareStatus'),
  SecurityEventNotification: recordAs('SecurityEvent'),
}

/** Decodes one OCPP 1.6 call from a charger (see {@link makeDecoder} for the edge rules). */
export const decodeCall16 = makeDecoder({ actions, requestSchemas, mappings: mappings as CallMappings })
