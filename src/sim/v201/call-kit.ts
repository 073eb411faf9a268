import type { Action, RequestMap, ResponseMap } from '@src/ocpp/v201/generated/messages'
import type { SimConnector } from '../sim-connector'
import type { Sim201 } from './station'

/** Answers one CSMS → station call of 2.0.1 (the request is already checked against its schema). */
export type Handler201<A extends Action> = (s: Sim201, req: RequestMap[A]) => ResponseMap[A]

/** Handlers by action. */
export type Handlers201 = { [A in Action]?: Handler201<A> }

/** What the station does after answering (its messages must follow the CALLRESULT, not precede it). */
export function later(s: Sim201, fn: () => unknown): void {
  s.st.clock.setTimeout(() => void fn(), 0)
}

/** The EVSEs a request names: one (if it exists), or all when none is named; undefined for an unknown one. */
export function evsesOf(s: Sim201, evseId: number | undefined): SimConnector[] | undefined {
  if (evseId === undefined || evseId === 0) return s.st.connectors
  const c = s.st.connector(evseId)
  return c ? [c] : undefined
}
