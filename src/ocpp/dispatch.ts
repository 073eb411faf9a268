import type { ChargerMsg } from '@actors/charger/protocol'
import type { Reply } from '@actors/runtime/types'
import type { RegistrationStatus } from '@src/domain/charger/types'
import type { z } from 'zod'
import type { CallAnswer } from './rpc/connection'
import { RpcError, type RpcErrorCode } from './rpc/errors'
import { validationFailure } from './rpc/validation'
import { parseWireTime } from './wire-time'

/**
 * What a version adapter makes of one charger → CSMS call: the neutral message for the charger's actor,
 * and how the actor's reply reads on the wire. The session does the asking; the adapter only translates.
 */
export interface Inbound<R = unknown> {
  message: (reply: Reply<R>) => ChargerMsg
  answer: (reply: R) => unknown
  /** A boot: the reply sets the connection's registration (only an accepted station may send more). */
  registers?: (reply: R) => RegistrationStatus
}

/** Builds an {@link Inbound} with its reply type checked in one place. */
export function inbound<R>(
  message: (reply: Reply<R>) => ChargerMsg,
  answer: (reply: R) => unknown,
  registers?: (reply: R) => RegistrationStatus,
): Inbound {
  return (registers ? { message, answer, registers } : { message, answer }) as Inbound
}

/** A call mapped, or the CALLERROR that answers it. */
export type Decoded = { ok: true; inbound: Inbound } | Extract<CallAnswer, { ok: false }>

/** Maps one validated call of a version to its neutral message. */
export type CallMappings = Record<string, (req: never) => Inbound>

/**
 * A value the schema accepts but that cannot mean anything (a time no calendar has): the call is
 * answered with a CALLERROR naming the field, and nothing reaches the actor.
 */
export class WireValueError extends Error {
  override readonly name = 'WireValueError'
  readonly code = 'WIRE_VALUE'

  constructor(
    readonly field: string,
    readonly value: string,
  ) {
    super(`${field}: ${JSON.stringify(value.slice(0, 64))} is not a usable value`)
  }
}

/** A time on the wire as epoch ms; one the schema accepts but that names no instant is a {@link WireValueError}. */
export function wireTime(field: string, text: string): number {
  const ms = parseWireTime(text)
  if (ms === undefined) throw new WireValueError(field, text)
  return ms
}

/**
 * Builds a version's call decoder: unknown actions are NotImplemented, actions that only the CSMS sends
 * are NotSupported, a station that is not Accepted may only boot (SecurityError), and the payload must
 * match the official schema exactly (no coercion) before it is mapped to a neutral message.
 */
export function makeDecoder(spec: {
  actions: readonly string[]
  requestSchemas: Record<string, z.ZodType>
  mappings: CallMappings
}): (action: string, payload: Record<string, unknown>, registration: RegistrationStatus) => Decoded {
  const known = new Set(spec.actions)
  return (action, payload, registration) => {
    if (!known.has(action)) return refuse(RpcError.NotImplemented, `unknown action ${action}`)
    const map = spec.mappings[action]
    if (!map)
      return refuse(RpcError.NotSupported, `${action} is not handled by this CSMS from a charging station`)
    if (action !== 'BootNotification' && registration !== 'Accepted') {
      return refuse(
        RpcError.SecurityError,
        `the station is ${registration}: send an accepted BootNotification first`,
      )
    }
    const parsed = spec.requestSchemas[action]!.safeParse(payload)
    if (!parsed.success) return { ok: false, failure: validationFailure(parsed.error, payload) }
    try {
      return { ok: true, inbound: map(parsed.data as never) }
    } catch (err) {
      if (err instanceof WireValueError) return refuse(RpcError.PropertyConstraintViolation, err.message)
      throw err
    }
  }
}

function refuse(code: RpcErrorCode, description: string): Extract<CallAnswer, { ok: false }> {
  return { ok: false, failure: { code, description } }
}

/** A notification recorded in the charger's event log and answered `{}`. */
export function recordAs(kind: string) {
  return <T extends object>(req: T): Inbound =>
    inbound<void>(
      (reply) => ({ type: 'charger.reported', kind, payload: req as Record<string, unknown>, reply }),
      () => ({}),
    )
}
