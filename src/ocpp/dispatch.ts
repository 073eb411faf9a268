import type { z } from 'zod'
import type { CallAnswer } from './rpc/connection'
import { RpcError, type RpcErrorCode } from './rpc/errors'
import { validationFailure } from './rpc/validation'
import type { OcppSession } from './session'

/** Handles one validated charger → CSMS call of a version. */
export type CallHandlers = Record<string, (s: OcppSession, req: never) => Promise<unknown>>

/**
 * Builds a version's call handler: unknown actions are NotImplemented, actions that only the CSMS sends
 * are NotSupported, a station that is not Accepted may only boot (SecurityError), and the payload must
 * match the official schema exactly (no coercion) before it reaches the charger's actor.
 */
export function makeCallHandler(spec: {
  actions: readonly string[]
  requestSchemas: Record<string, z.ZodType>
  handlers: CallHandlers
}): (s: OcppSession, action: string, payload: Record<string, unknown>) => Promise<CallAnswer> {
  const known = new Set(spec.actions)
  return async (s, action, payload) => {
    if (!known.has(action)) return refuse(RpcError.NotImplemented, `unknown action ${action}`)
    const handler = spec.handlers[action]
    if (!handler)
      return refuse(RpcError.NotSupported, `${action} is not handled by this CSMS from a charging station`)
    if (action !== 'BootNotification' && s.registration !== 'Accepted') {
      return refuse(
        RpcError.SecurityError,
        `the station is ${s.registration}: send an accepted BootNotification first`,
      )
    }
    const parsed = spec.requestSchemas[action]!.safeParse(payload)
    if (!parsed.success) return { ok: false, failure: validationFailure(parsed.error, payload) }
    return { ok: true, payload: await handler(s, parsed.data as never) }
  }
}

function refuse(code: RpcErrorCode, description: string): CallAnswer {
  return { ok: false, failure: { code, description } }
}

/** A handler that records a notification in the charger's event log and answers `{}`. */
export function recordAs(kind: string) {
  return async <T extends object>(s: OcppSession, req: T): Promise<Record<string, never>> => {
    await s.ask<void>((reply) => ({
      type: 'charger.report',
      kind,
      payload: req as Record<string, unknown>,
      reply,
    }))
    return {}
  }
}
