import type { Socket } from 'k6/ws'
import { csmsCalls, ocppErrors, ocppRtt } from './metrics.ts'

/** A JSON object payload as received. */
export type Payload = Record<string, unknown>

/** Answers a CSMS → charger call; undefined means the action is not implemented. */
export type Answerer = (action: string, payload: Payload) => object | undefined

interface Pending {
  id: string
  action: string
  payload: object
  sentAt: number
  onResult: (payload: Payload) => boolean
}

/** How long a call may wait for its answer before it counts as an error (ms). */
const CALL_TIMEOUT_MS = 30_000

let counter = 0

/**
 * OCPP-J over a k6 WebSocket: one CALL at a time (others wait in a queue, as OCPP-J requires), CALLRESULT
 * and CALLERROR matched by message id, each round trip recorded in `ocpp_rtt{action}` and each failure
 * in `ocpp_errors`; the CSMS's own CALLs are answered with `answer`.
 */
export class OcppSocket {
  #current: Pending | undefined
  readonly #queue: Pending[] = []

  constructor(
    private readonly socket: Socket,
    private readonly answer: Answerer,
  ) {
    socket.on('message', (data) => this.#receive(data))
    socket.setInterval(() => this.#expire(), 1000)
  }

  /**
   * Sends a CALL. `onResult` reads the CALLRESULT payload and returns false when the answer refuses
   * (e.g. a boot that is not Accepted), which counts as an error.
   */
  call(action: string, payload: object, onResult: (payload: Payload) => boolean = () => true): void {
    this.#queue.push({ id: `${__VU}-${counter++}`, action, payload, sentAt: 0, onResult })
    if (!this.#current) this.#next()
  }

  #next(): void {
    const call = this.#queue.shift()
    this.#current = call
    if (!call) return
    call.sentAt = Date.now()
    this.socket.send(JSON.stringify([2, call.id, call.action, call.payload]))
  }

  #receive(data: string): void {
    const frame = JSON.parse(data) as unknown[]
    const [type, id] = frame as [number, string]
    if (type === 2) {
      this.#answerCall(id, String(frame[2]), frame[3] as Payload)
      return
    }
    const p = this.#current
    if (!p || p.id !== id) return
    ocppRtt.add(Date.now() - p.sentAt, { action: p.action })
    const ok = type === 3 && p.onResult((frame[2] ?? {}) as Payload)
    ocppErrors.add(!ok, { action: p.action })
    this.#next()
  }

  #answerCall(id: string, action: string, payload: Payload): void {
    const answer = this.answer(action, payload)
    csmsCalls.add(1, { action })
    this.socket.send(
      JSON.stringify(answer ? [3, id, answer] : [4, id, 'NotImplemented', `${action} is not simulated`, {}]),
    )
  }

  #expire(): void {
    const p = this.#current
    if (!p || Date.now() - p.sentAt < CALL_TIMEOUT_MS) return
    ocppErrors.add(true, { action: p.action })
    this.#next()
  }
}
