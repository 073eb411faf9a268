import type { VariableInput } from '@src/db/repos/device'
import type { ConnectorStatus, IdTokenInfo } from '@src/domain/charger/types'
import { bootAnswer, heartbeatAnswer } from '../common-calls'
import { type CallHandlers, makeCallHandler, recordAs } from '../dispatch'
import type { OcppSession } from '../session'
import { idToken, idTokenInfo, samples } from './convert'
import {
  type Action,
  actions,
  type NotifyReportRequest,
  type RequestMap,
  type ResponseMap,
  requestSchemas,
} from './generated/messages'

type Handler<A extends Action> = (s: OcppSession, req: RequestMap[A]) => Promise<ResponseMap[A]>

/** NotifyReport attributes → device-model rows. */
function reportVariables(req: NotifyReportRequest): VariableInput[] {
  return (req.reportData ?? []).flatMap((d) =>
    d.variableAttribute.map((a) => ({
      component: d.component.name,
      componentInstance: d.component.instance,
      evseId: d.component.evse?.id,
      connectorId: d.component.evse?.connectorId,
      variable: d.variable.name,
      variableInstance: d.variable.instance,
      attributeType: a.type ?? 'Actual',
      value: a.value ?? null,
      mutability: a.mutability ?? null,
      dataType: d.variableCharacteristics?.dataType ?? null,
      unit: d.variableCharacteristics?.unit ?? null,
    })),
  )
}

/** Every charging station → CSMS call of OCPP 2.0.1 that this CSMS handles. */
const handlers: { [A in Action]?: Handler<A> } = {
  BootNotification: async (s, req) => {
    const cs = req.chargingStation
    const station = {
      vendor: cs.vendorName,
      model: cs.model,
      serialNumber: cs.serialNumber,
      firmwareVersion: cs.firmwareVersion,
      iccid: cs.modem?.iccid,
      imsi: cs.modem?.imsi,
    }
    return bootAnswer(s, station)
  },
  Heartbeat: heartbeatAnswer,
  StatusNotification: async (s, req) => {
    await s.ask<void>((reply) => ({
      type: 'charger.statusNotification',
      evseId: req.evseId,
      connectorId: req.connectorId,
      status: req.connectorStatus as ConnectorStatus,
      timestamp: Date.parse(req.timestamp),
      reply,
    }))
    return {}
  },
  Authorize: async (s, req) => {
    const info = await s.ask<IdTokenInfo>((reply) => ({
      type: 'charger.authorize',
      idToken: idToken(req.idToken),
      reply,
    }))
    return { idTokenInfo: idTokenInfo(info) }
  },
  TransactionEvent: async (s, req) => {
    const t = req.transactionInfo
    const answer = await s.ask<{ idTokenInfo?: IdTokenInfo }>((reply) => ({
      type: 'charger.transactionEvent',
      eventType: req.eventType,
      wireTxId: t.transactionId,
      seqNo: req.seqNo,
      timestamp: Date.parse(req.timestamp),
      triggerReason: req.triggerReason,
      offline: req.offline ?? false,
      evseId: req.evse?.id,
      connectorId: req.evse?.connectorId,
      idToken: req.idToken ? idToken(req.idToken) : undefined,
      samples: samples(req.meterValue ?? []),
      chargingState: t.chargingState,
      stoppedReason: t.stoppedReason,
      remoteStartId: t.remoteStartId,
      reservationId: req.reservationId,
      reply,
    }))
    return answer.idTokenInfo ? { idTokenInfo: idTokenInfo(answer.idTokenInfo) } : {}
  },
  MeterValues: async (s, req) => {
    await s.ask<void>((reply) => ({
      type: 'charger.meterValues',
      evseId: req.evseId,
      samples: samples(req.meterValue),
      reply,
    }))
    return {}
  },
  NotifyReport: async (s, req) => {
    await s.ask<void>((reply) => ({ type: 'charger.deviceModel', variables: reportVariables(req), reply }))
    return {}
  },
  NotifyEVChargingNeeds: async (s, req) => {
    const needs = req.chargingNeeds
    const ac = needs.acChargingParameters
    const status = await s.ask<'Accepted' | 'Rejected' | 'Processing'>((reply) => ({
      type: 'charger.chargingNeeds',
      evseId: req.evseId,
      departureAt: needs.departureTime ? Date.parse(needs.departureTime) : undefined,
      energyWh: ac?.energyAmount ?? needs.dcChargingParameters?.energyAmount,
      minCurrentA: ac?.evMinCurrent,
      maxCurrentA: ac?.evMaxCurrent,
      transferMode: needs.requestedEnergyTransfer,
      payload: req as unknown as Record<string, unknown>,
      reply,
    }))
    return { status }
  },
  SignCertificate: async (s, req) => {
    const status = await s.ask<'Accepted' | 'Rejected'>((reply) => ({
      type: 'charger.certificateRequest',
      csr: req.csr,
      certificateType: req.certificateType,
      reply,
    }))
    return { status }
  },
  ReservationStatusUpdate: async (s, req) => {
    await s.ask<void>((reply) => ({
      type: 'charger.reservationStatus',
      reservationId: req.reservationId,
      status: req.reservationUpdateStatus,
      reply,
    }))
    return {}
  },
  DataTransfer: async (s, req) => {
    const data =
      req.data === undefined ? undefined : typeof req.data === 'string' ? req.data : JSON.stringify(req.data)
    const answer = await s.ask<{
      status: 'Accepted' | 'Rejected' | 'UnknownMessageId' | 'UnknownVendorId'
      data?: string
    }>((reply) => ({
      type: 'charger.dataTransfer',
      vendorId: req.vendorId,
      messageId: req.messageId,
      data,
      reply,
    }))
    return answer
  },
  NotifyEvent: recordAs('Event'),
  NotifyChargingLimit: recordAs('ChargingLimit'),
  ClearedChargingLimit: recordAs('ChargingLimitCleared'),
  ReportChargingProfiles: recordAs('ChargingProfiles'),
  FirmwareStatusNotification: recordAs('FirmwareStatus'),
  LogStatusNotification: recordAs('LogStatus'),
  SecurityEventNotification: recordAs('SecurityEvent'),
  NotifyCustomerInformation: recordAs('CustomerInformation'),
  NotifyMonitoringReport: recordAs('MonitoringReport'),
  NotifyDisplayMessages: recordAs('DisplayMessages'),
  PublishFirmwareStatusNotification: recordAs('PublishFirmwareStatus'),
}

/** Handles one OCPP 2.0.1 call from a charging station (see {@link makeCallHandler} for the edge rules). */
export const handleCall201 = makeCallHandler({ actions, requestSchemas, handlers: handlers as CallHandlers })
