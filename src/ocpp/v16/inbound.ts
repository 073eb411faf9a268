import type { ConnectorStatus, IdTokenInfo } from '@src/domain/charger/types'
import { bootAnswer, heartbeatAnswer } from '../common-calls'
import { type CallHandlers, makeCallHandler, recordAs } from '../dispatch'
import type { OcppSession } from '../session'
import { connectorRef, idTagInfo, samples } from './convert'
import { type Action, actions, type RequestMap, type ResponseMap, requestSchemas } from './generated/messages'

type Handler<A extends Action> = (s: OcppSession, req: RequestMap[A]) => Promise<ResponseMap[A]>

/** Every charge point → central system call of OCPP 1.6J and its security extension. */
const handlers: { [A in Action]?: Handler<A> } = {
  BootNotification: async (s, req) => {
    const station = {
      vendor: req.chargePointVendor,
      model: req.chargePointModel,
      serialNumber: req.chargePointSerialNumber ?? req.chargeBoxSerialNumber,
      firmwareVersion: req.firmwareVersion,
      iccid: req.iccid,
      imsi: req.imsi,
      meterType: req.meterType,
      meterSerialNumber: req.meterSerialNumber,
    }
    return bootAnswer(s, station)
  },
  Heartbeat: heartbeatAnswer,
  StatusNotification: async (s, req) => {
    await s.ask<void>((reply) => ({
      type: 'charger.statusNotification',
      ...connectorRef(req.connectorId),
      status: req.status as ConnectorStatus,
      errorCode: req.errorCode,
      info: req.info,
      vendorId: req.vendorId,
      vendorErrorCode: req.vendorErrorCode,
      timestamp: req.timestamp === undefined ? undefined : Date.parse(req.timestamp),
      reply,
    }))
    return {}
  },
  Authorize: async (s, req) => {
    const info = await s.ask<IdTokenInfo>((reply) => ({
      type: 'charger.authorize',
      idToken: { id: req.idTag },
      reply,
    }))
    return { idTagInfo: idTagInfo(info) }
  },
  StartTransaction: async (s, req) => {
    const answer = await s.ask<{ transactionId: number; idTokenInfo: IdTokenInfo }>((reply) => ({
      type: 'charger.startTransaction',
      ...connectorRef(req.connectorId),
      idToken: { id: req.idTag },
      meterStartWh: req.meterStart,
      timestamp: Date.parse(req.timestamp),
      reservationId: req.reservationId,
      reply,
    }))
    return { transactionId: answer.transactionId, idTagInfo: idTagInfo(answer.idTokenInfo) }
  },
  MeterValues: async (s, req) => {
    await s.ask<void>((reply) => ({
      type: 'charger.meterValues',
      evseId: req.connectorId,
      wireTxId: req.transactionId === undefined ? undefined : String(req.transactionId),
      samples: samples(req.meterValue),
      reply,
    }))
    return {}
  },
  StopTransaction: async (s, req) => {
    const answer = await s.ask<{ idTokenInfo?: IdTokenInfo }>((reply) => ({
      type: 'charger.stopTransaction',
      wireTxId: String(req.transactionId),
      idToken: req.idTag === undefined ? undefined : { id: req.idTag },
      meterStopWh: req.meterStop,
      timestamp: Date.parse(req.timestamp),
      reason: req.reason,
      samples: samples(req.transactionData ?? []),
      reply,
    }))
    return answer.idTokenInfo ? { idTagInfo: idTagInfo(answer.idTokenInfo) } : {}
  },
  DataTransfer: async (s, req) => {
    const answer = await s.ask<{
      status: 'Accepted' | 'Rejected' | 'UnknownMessageId' | 'UnknownVendorId'
      data?: string
    }>((reply) => ({
      type: 'charger.dataTransfer',
      vendorId: req.vendorId,
      messageId: req.messageId,
      data: req.data,
      reply,
    }))
    return answer
  },
  SignCertificate: async (s, req) => {
    const status = await s.ask<'Accepted' | 'Rejected'>((reply) => ({
      type: 'charger.certificateRequest',
      csr: req.csr,
      reply,
    }))
    return { status }
  },
  FirmwareStatusNotification: recordAs('FirmwareStatus'),
  DiagnosticsStatusNotification: recordAs('DiagnosticsStatus'),
  LogStatusNotification: recordAs('LogStatus'),
  SignedFirmwareStatusNotification: recordAs('FirmwareStatus'),
  SecurityEventNotification: recordAs('SecurityEvent'),
}

/** Handles one OCPP 1.6 call from a charger (see {@link makeCallHandler} for the edge rules). */
export const handleCall16 = makeCallHandler({ actions, requestSchemas, handlers: handlers as CallHandlers })
