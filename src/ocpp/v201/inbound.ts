import type { DataTransferAnswer, TxAnswer } from '@actors/charger/protocol'
import type { VariableInput } from '@src/db/repos/device'
import type { ChargingState, ConnectorStatus, IdTokenInfo } from '@src/domain/charger/types'
import { displayCost } from '@src/domain/sessions/display-cost'
import { boot, heartbeat } from '../common-calls'
import { type CallMappings, type Inbound, inbound, makeDecoder, recordAs, wireTime } from '../dispatch'
import { idToken, idTokenInfo, samples } from './convert'
import {
  type Action,
  actions,
  type NotifyReportRequest,
  type RequestMap,
  requestSchemas,
  type TransactionEventRequest,
} from './generated/messages'

type Mapping<A extends Action> = (req: RequestMap[A]) => Inbound

/** OCPP 2.0.1 TransactionType: stoppedReason "may only be omitted when Reason is Local". */
const DEFAULT_STOP_REASON = 'Local'

const eventTypes = {
  Started: 'charger.transactionStarted',
  Updated: 'charger.transactionUpdated',
  Ended: 'charger.transactionEnded',
} as const

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

/**
 * The display part of a TransactionEventResponse: `totalCost` on Updated and Ended (the cost is exact
 * decimal text; the schema wants a number, so it is rounded half-up to 2 decimals first) and the
 * tariff in words as `updatedPersonalMessage` on Started.
 */
function displayed(a: TxAnswer, type: (typeof eventTypes)[keyof typeof eventTypes]) {
  const d = a.display
  if (!d) return {}
  if (type === 'charger.transactionStarted')
    return d.personalMessage
      ? { updatedPersonalMessage: { format: 'UTF8' as const, content: d.personalMessage } }
      : {}
  return d.totalCost === undefined ? {} : { totalCost: displayCost(d.totalCost) }
}

/**
 * A TransactionEvent in neutral words: the event type says whether the transaction started, carries on
 * or ended; the seqNo, trigger and offline flag identify the event, so a replay is recognised.
 */
function transactionEvent(req: TransactionEventRequest): Inbound {
  const t = req.transactionInfo
  const at = wireTime('timestamp', req.timestamp)
  const sampled = samples(req.meterValue ?? [])
  const facts = {
    txId: t.transactionId,
    ...(req.evse ? { evseId: req.evse.id } : {}),
    ...(req.evse?.connectorId === undefined ? {} : { connectorId: req.evse.connectorId }),
    ...(req.idToken ? { idToken: idToken(req.idToken) } : {}),
    at,
    samples: sampled,
    ...(t.chargingState ? { chargingState: t.chargingState as ChargingState } : {}),
    ...(t.remoteStartId === undefined ? {} : { remoteStartId: t.remoteStartId }),
    ...(req.reservationId === undefined ? {} : { reservationId: req.reservationId }),
    seq: { seqNo: req.seqNo, trigger: req.triggerReason, offline: req.offline ?? false },
  }
  const type = eventTypes[req.eventType]
  const answer = (a: TxAnswer) => ({
    ...(a.idTokenInfo ? { idTokenInfo: idTokenInfo(a.idTokenInfo) } : {}),
    ...displayed(a, type),
  })
  if (type === 'charger.transactionEnded') {
    const reason = t.stoppedReason ?? DEFAULT_STOP_REASON
    return inbound<TxAnswer>((reply) => ({ type, ...facts, reason, reply }), answer)
  }
  return inbound<TxAnswer>((reply) => ({ type, ...facts, reply }), answer)
}

/** Every charging station → CSMS call of OCPP 2.0.1 that this CSMS handles, in neutral words. */
const mappings: { [A in Action]?: Mapping<A> } = {
  BootNotification: (req) => {
    const cs = req.chargingStation
    return boot({
      vendor: cs.vendorName,
      model: cs.model,
      serialNumber: cs.serialNumber,
      firmwareVersion: cs.firmwareVersion,
      iccid: cs.modem?.iccid,
      imsi: cs.modem?.imsi,
    })
  },
  Heartbeat: heartbeat,
  StatusNotification: (req) => {
    const at = wireTime('timestamp', req.timestamp)
    return inbound<void>(
      (reply) => ({
        type: 'charger.statusChanged',
        evseId: req.evseId,
        connectorId: req.connectorId,
        status: req.connectorStatus as ConnectorStatus,
        at,
        reply,
      }),
      () => ({}),
    )
  },
  Authorize: (req) =>
    inbound<IdTokenInfo>(
      (reply) => ({ type: 'charger.tokenPresented', idToken: idToken(req.idToken), reply }),
      (info) => ({ idTokenInfo: idTokenInfo(info) }),
    ),
  TransactionEvent: transactionEvent,
  MeterValues: (req) => {
    const sampled = samples(req.meterValue)
    return inbound<void>(
      (reply) => ({ type: 'charger.meterSampled', evseId: req.evseId, samples: sampled, reply }),
      () => ({}),
    )
  },
  NotifyReport: (req) => {
    const variables = reportVariables(req)
    return inbound<void>(
      (reply) => ({ type: 'charger.deviceReported', variables, reply }),
      () => ({}),
    )
  },
  NotifyEVChargingNeeds: (req) => {
    const needs = req.chargingNeeds
    const ac = needs.acChargingParameters
    const departureAt = needs.departureTime
      ? wireTime('chargingNeeds.departureTime', needs.departureTime)
      : undefined
    const energyWh = ac?.energyAmount ?? needs.dcChargingParameters?.energyAmount
    return inbound<'Accepted' | 'Rejected' | 'Processing'>(
      (reply) => ({
        type: 'charger.chargingNeedsReported',
        evseId: req.evseId,
        ...(departureAt === undefined ? {} : { departureAt }),
        ...(energyWh === undefined ? {} : { energyWh }),
        ...(ac?.evMinCurrent === undefined ? {} : { minCurrentA: ac.evMinCurrent }),
        ...(ac?.evMaxCurrent === undefined ? {} : { maxCurrentA: ac.evMaxCurrent }),
        transferMode: needs.requestedEnergyTransfer,
        payload: req as unknown as Record<string, unknown>,
        reply,
      }),
      (status) => ({ status }),
    )
  },
  SignCertificate: (req) =>
    inbound<'Accepted' | 'Rejected'>(
      (reply) => ({
        type: 'charger.certificateRequested',
        csr: req.csr,
        ...(req.certificateType === undefined ? {} : { certificateType: req.certificateType }),
        reply,
      }),
      (status) => ({ status }),
    ),
  ReservationStatusUpdate: (req) =>
    inbound<void>(
      (reply) => ({
        type: 'charger.reservationUpdated',
        reservationId: req.reservationId,
        status: req.reservationUpdateStatus,
        reply,
      }),
      () => ({}),
    ),
  DataTransfer: (req) => {
    const data =
      req.data === undefined ? undefined : typeof req.data === 'string' ? req.data : JSON.stringify(req.data)
    return inbound<DataTransferAnswer>(
      (reply) => ({
        type: 'charger.dataTransferred',
        vendorId: req.vendorId,
        ...(req.messageId === undefined ? {} : { messageId: req.messageId }),
        ...(data === undefined ? {} : { data }),
        reply,
      }),
      (a) => a,
    )
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

/** Decodes one OCPP 2.0.1 call from a charging station (see {@link makeDecoder} for the edge rules). */
export const decodeCall201 = makeDecoder({ actions, requestSchemas, mappings: mappings as CallMappings })
