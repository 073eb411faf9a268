import type { Clock, TimerHandle } from '@src/lib/clock'
import { RpcError, type RpcErrorCode, type RpcFailure } from './errors'
import { decodeFrame, encodeCall, encodeError, encodeResult, type Frame, UNKNOWN_MESSAGE_ID } from './frame'

/** The socket under a connection (a Bun ServerWebSocket in production, an array in tests). */
export interface Transport {
  send(text: string): unknown
  close(code: number, reason: string): void
}

/** How a CSMS→charger call ended. Expected outcomes are values: nothing here throws. */
export type CallOutcome =
  | { kind: 'result'; payload: Record<string, unknown> }
  | { kind: 'error'; code: string; description: string; details: Record<string, unknown> }
  | { kind: 'timeout' }
  | { kind: 'closed' }
  | { kind: 'busy' }

/** What a charger→CSMS call is answered with. */
export type CallAnswer = { ok: true; payload: unknown } | { ok: false; failure: RpcFailure }

/** Handles a charger→CSMS call (the version adapter + charger actor). */
export type CallHandler = (action: string, payload: Record<string, unknown>) => Promise<CallAnswer>

/** What every connection of a protocol version shares (one object, not one per charger). */
export interface RpcConfig {
  clock: Clock
  /** Spells a neutral error code the way this connection's OCPP version does. */
  wireCode: Record<RpcErrorCode, string>
  callTimeoutMs: number
  /** Most CSMS→charger calls that may wait behind the outstanding one. */
  maxQueued?: number
  /** Called for CALLRESULT/CALLERROR frames that match no outstanding call (late or bogus). */
  onStray?: (frame: Frame) => void
}

/** Answers the charger's calls (the session: version adapter + charger actor). */
export interface CallHandlerTarget {
  onCall(action: string, payload: Record<string, unknown>): Promise<CallAnswer>
}

interface Outgoing {
  id: string
  action: string
  payload: unknown
  /** The caller's deadline (clock time): after it the caller has given up, so the call must not go out. */
  deadline: number
  resolve: (outcome: CallOutcome) => void
  /** While queued: fires at the deadline. Once sent: the call's own timeout. */
  timer?: TimerHandle
}

interface Recent {
  id: string
  /** CRC-32 of the whole frame: a retransmission is byte-identical (and must reuse the id too). */
  fingerprint: number
  reply: Promise<string>
}

/** How many recent incoming calls are remembered for retransmission detection (memory per charger). */
const RECENT_CALLS = 2
let nextCallId = 0
const idPrefix = Math.random().toString(36).slice(2, 8)

/**
 * One OCPP-J RPC session over a socket. It correlates message ids, keeps at most one CSMS→charger
 * call outstanding (others wait in a bounded queue), answers every malformed frame with the spec's
 * CALLERROR, and replays its cached reply when a charger retransmits a call with the same id, so a
 * retry is never processed twice.
 *
 * Every CSMS→charger call carries its caller's deadline: a call still queued when its caller gives up
 * resolves `timeout` then and is never sent (no command reaches a charger minutes after the operator
 * saw "Timeout"), and a sent call times out at the earlier of `callTimeoutMs` and that deadline.
 */
export class RpcConnection {
  #current: Outgoing | undefined
  #queue: Outgoing[] | undefined
  #recent: Recent[] | undefined
  #closed = false

  constructor(
    private readonly transport: Transport,
    private readonly handler: CallHandlerTarget,
    private readonly config: RpcConfig,
  ) {}

  /** Handles one text frame from the charger. */
  receive(text: string): void {
    const frame = decodeFrame(text)
    if (frame.kind === 'call') this.#incomingCall(frame.id, frame.action, frame.payload, text)
    else if (frame.kind === 'invalid') this.#send(this.#errorFrame(frame.id, frame.failure))
    else this.#answer(frame)
  }

  /** Answers a frame refused before decoding (e.g. too large) with a CALLERROR, under `id` if known. */
  refuse(failure: RpcFailure, id = UNKNOWN_MESSAGE_ID): void {
    this.#send(this.#errorFrame(id, failure))
  }

  /**
   * Sends a CALL to the charger once the calls before it are answered, unless `deadline` (a time on
   * this connection's clock, when the caller stops waiting) passes first: then it resolves `timeout`
   * without ever being sent.
   */
  call(action: string, payload: unknown, deadline: number): Promise<CallOutcome> {
    if (this.#closed) return Promise.resolve({ kind: 'closed' })
    const wait = deadline - this.config.clock.now()
    if (wait <= 0) return Promise.resolve({ kind: 'timeout' })
    return new Promise((resolve) => {
      const id = `${idPrefix}${(nextCallId++).toString(36)}`
      const call: Outgoing = { id, action, payload, deadline, resolve }
      if (!this.#current) return this.#start(call)
      this.#queue ??= []
      if (this.#queue.length >= (this.config.maxQueued ?? 50)) return resolve({ kind: 'busy' })
      call.timer = this.config.clock.setTimeout(() => this.#expire(call), wait)
      this.#queue.push(call)
    })
  }

  /** Calls waiting behind the outstanding one. */
  get queued(): number {
    return this.#queue?.length ?? 0
  }

  /** Ends the session: every waiting call resolves as `closed`. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    const waiting = [...(this.#current ? [this.#current] : []), ...(this.#queue ?? [])]
    this.#current = undefined
    this.#queue = undefined
    for (const call of waiting) {
      if (call.timer !== undefined) this.config.clock.clearTimeout(call.timer)
      call.resolve({ kind: 'closed' })
    }
  }

  #incomingCall(id: string, action: string, payload: Record<string, unknown>, text: string): void {
    const fingerprint = Bun.hash.crc32(text)
    const seen = this.#recent?.find((r) => r.id === id)
    if (seen) {
      if (seen.fingerprint === fingerprint) void seen.reply.then((reply) => this.#send(reply))
      else
        this.#send(
          this.#errorFrame(id, {
            code: RpcError.ProtocolError,
            description: 'message id already used for another message',
          }),
        )
      return
    }
    const reply = this.#handle(id, action, payload)
    this.#remember({ id, fingerprint, reply })
    void reply.then((frame) => this.#send(frame))
  }

  async #handle(id: string, action: string, payload: Record<string, unknown>): Promise<string> {
    try {
      const answer = await this.handler.onCall(action, payload)
      return answer.ok ? encodeResult(id, answer.payload) : this.#errorFrame(id, answer.failure)
    } catch (err) {
      const description = err instanceof Error ? err.message : 'internal error'
      return this.#errorFrame(id, { code: RpcError.InternalError, description })
    }
  }

  #remember(entry: Recent): void {
    this.#recent ??= []
    this.#recent.push(entry)
    if (this.#recent.length > RECENT_CALLS) this.#recent.shift()
  }

  #answer(frame: Extract<Frame, { kind: 'result' | 'error' }>): void {
    const call = this.#current
    if (!call || call.id !== frame.id) {
      this.config.onStray?.(frame)
      return
    }
    if (call.timer !== undefined) this.config.clock.clearTimeout(call.timer)
    if (frame.kind === 'result') call.resolve({ kind: 'result', payload: frame.payload })
    else
      call.resolve({
        kind: 'error',
        code: frame.code,
        description: frame.description,
        details: frame.details,
      })
    this.#next()
  }

  #start(call: Outgoing): void {
    this.#current = call
    const wait = Math.min(this.config.callTimeoutMs, call.deadline - this.config.clock.now())
    call.timer = this.config.clock.setTimeout(() => {
      if (this.#current !== call) return
      call.resolve({ kind: 'timeout' })
      this.#next()
    }, wait)
    this.#send(encodeCall(call.id, call.action, call.payload))
  }

  /** The next queued call whose caller still waits goes out; those whose deadline passed are dropped. */
  #next(): void {
    this.#current = undefined
    const now = this.config.clock.now()
    for (let next = this.#queue?.shift(); next; next = this.#queue?.shift()) {
      if (next.timer !== undefined) this.config.clock.clearTimeout(next.timer)
      if (next.deadline > now) {
        this.#start(next)
        break
      }
      next.resolve({ kind: 'timeout' })
    }
    if (this.#queue?.length === 0) this.#queue = undefined
  }

  /** A queued call's caller gave up: it leaves the queue unsent. */
  #expire(call: Outgoing): void {
    const at = this.#queue?.indexOf(call) ?? -1
    if (at < 0) return
    this.#queue!.splice(at, 1)
    if (this.#queue!.length === 0) this.#queue = undefined
    call.resolve({ kind: 'timeout' })
  }

  #errorFrame(id: string, failure: RpcFailure): string {
    return encodeError(id, this.config.wireCode[failure.code], failure.description, failure.details)
  }

  #send(text: string): void {
    if (!this.#closed) this.transport.send(text)
  }
}
