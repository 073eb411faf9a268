import {
  type Action,
  actions,
  type RequestMap,
  requestSchemas,
  responseSchemas,
} from '@src/ocpp/v201/generated/messages'
import type { CallAnswer } from '../sim-calls'
import type { Handler201, Handlers201 } from './call-kit'
import { adminHandlers } from './calls-admin'
import { coreHandlers } from './calls-core'
import { deviceHandlers } from './calls-device'
import { profileHandlers } from './calls-profiles'
import type { Sim201 } from './station'

/** Every CSMS → station call this 2.0.1 station supports. */
const handlers: Handlers201 = { ...coreHandlers, ...deviceHandlers, ...profileHandlers, ...adminHandlers }

const known = new Set<string>(actions)

/**
 * Answers a 2.0.1 call from the CSMS as a charging station does: unknown actions NotImplemented,
 * known ones it does not support NotSupported, a payload that breaks the schema FormatViolation.
 * With `validate`, its own answer is checked against the response schema (a mismatch is reported
 * as a protocol error: a bug in the simulator).
 */
export function handleCall201(
  s: Sim201,
  action: string,
  payload: Record<string, unknown>,
  validate: boolean,
): CallAnswer {
  const st = s.st
  st.emit({ type: 'callReceived', chargerId: st.id, action, payload })
  if (!known.has(action)) return { error: 'NotImplemented', description: `unknown action ${action}` }
  const a = action as Action
  const handler = handlers[a] as Handler201<Action> | undefined
  if (!handler) return { error: 'NotSupported', description: `${action} is not supported by this station` }
  const parsed = requestSchemas[a].safeParse(payload)
  if (!parsed.success)
    return { error: 'FormatViolation', description: parsed.error.issues[0]?.message ?? 'invalid payload' }
  const answer = handler(s, parsed.data as RequestMap[Action])
  if (validate) {
    const checked = responseSchemas[a].safeParse(answer)
    if (!checked.success)
      st.emit({
        type: 'protocolError',
        chargerId: st.id,
        action,
        direction: 'out',
        detail: checked.error.message,
      })
  }
  return answer as Record<string, unknown>
}
