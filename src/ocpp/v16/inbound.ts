import type { ConnectorStatus } from '@src/domain/charger/types'
import type { CallAnswer } from '../rpc/connection'
import { RpcError } from '../rpc/errors'
import { validationFailure } from '../rpc/validation'
import type { OcppSession } from '../session'
import { connectorRef, idTagInfo, iso, samples } from './convert'
import { type Action, actions, type RequestMap, type ResponseMap, requestSchemas } from './generated/messages'

type Handler<A extends Action> = (s: OcppSession, req: RequestMap[A]) => Promise<ResponseMap[A]>

/** Reports that are recorded in the charger's event log and otherwise need no action. */
const report =
  <A extends Action>(kind: string): Handler<A> =>
  async (s, req) => {
    await s.ask<void>((reply) => ({
      type: 'charger.report',
      kind,
      payload: req as Record<string, unknown>,
      reply,
    }))
    return {} as ResponseMap[A]
  }

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
    const answer = await s.ask<{
      status: 'Accepted' | 'Pending' | 'Rejected'
      intervalS: number
      currentTime: number
    }>((reply) => ({ type: 'charger.boot', station, reply }))
    s.registration = answer.status
    return { status: answer.status, currentTime: iso(answer.currentTime), interval: answer.intervalS }
  },
  Heartbeat: async (s) => {
    const { currentTime } = await s.ask<{ currentTime: number }>((reply) => ({
      type: 'charger.heartbeat',
      reply,
    }))
    return { currentTime: iso(currentTime) }
  },
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
    const info = await s.ask<Parameters<typeof idTagInfo>[0]>((reply) => ({
      type: 'charger.authorize',
      idToken: { id: req.idTag },
      reply,
    }))
    return { idTagInfo: idTagInfo(info) }
  },
  StartTransaction: async (s, req) => {
    const answer = await s.ask<{ transactionId: number; idTokenInfo: Parameters<typeof idTagInfo>[0] }>(
      (reply) => ({
        type: 'charger.startTransaction',
        ...connectorRef(req.connectorId),
        idToken: { id: req.idTag },
        meterStartWh: req.meterStart,
        timestamp: Date.parse(req.timestamp),
        reservationId: req.reservationId,
        reply,
      }),
    )
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
    const answer = await s.ask<{ idTokenInfo?: Parameters<typeof idTagInfo>[0] }>((reply) => ({
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
  FirmwareStatusNotification: report('FirmwareStatus'),
  DiagnosticsStatusNotification: report('DiagnosticsStatus'),
  LogStatusNotification: report('LogStatus'),
  SignedFirmwareStatusNotification: report('FirmwareStatus'),
  SecurityEventNotification: report('SecurityEvent'),
}

const known = new Set<string>(actions)

/**
 * Handles one OCPP 1.6 call from a charger: unknown actions are NotImplemented, actions that only the
 * central system sends are NotSupported, a station that is not Accepted may only boot (SecurityError),
 * and the payload must match the official schema exactly (no coercion) before it reaches the actor.
 */
export async function handleCall16(
  s: OcppSession,
  action: string,
  payload: Record<string, unknown>,
): Promise<CallAnswer> {
  if (!known.has(action)) return refuse(RpcError.NotImplemented, `unknown action ${action}`)
  const handler = handlers[action as Action] as Handler<Action> | undefined
  if (!handler) return refuse(RpcError.NotSupported, `${action} is not sent by a charge point`)
  if (action !== 'BootNotification' && s.registration !== 'Accepted') {
    return refuse(
      RpcError.SecurityError,
      `the charge point is ${s.registration}: send an accepted BootNotification first`,
    )
  }
  const parsed = requestSchemas[action as Action].safeParse(payload)
  if (!parsed.success) return { ok: false, failure: validationFailure(parsed.error, payload) }
  return { ok: true, payload: await handler(s, parsed.data) }
}

function refuse(code: (typeof RpcError)[keyof typeof RpcError], description: string): CallAnswer {
  return { ok: false, failure: { code, description } }
}
