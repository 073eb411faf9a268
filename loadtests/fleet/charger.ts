import type { ChargerFacts, Dialect, Step } from './dialect'
import type { FleetStats } from './stats'

/** How a fleet charger reaches the CSMS. */
export interface ChargerLink {
  /** OCPP endpoint without the identity, e.g. `ws://127.0.0.2:8080/ocpp`. */
  url: string
  dialect: Dialect
  stats: FleetStats
  /** HTTP Basic password (security profile 1), if the charger has one. */
  password?: string
  /** Called when the server closes a socket we did not close. */
  onDrop?: (charger: FleetCharger) => void
}

interface Pending {
  id: string
  step: Step
  sentAt: number
  resolve: (ok: boolean) => void
}

/** Stats names of the steps (both status steps are one action). */
const actionOf: Record<Step, string> = {
  boot: 'boot',
  available: 'status',
  charging: 'status',
  heartbeat: 'heartbeat',
  start: 'start',
  meter: 'meter',
  stop: 'stop',
}

let nextId = 0
const prefix = `${process.pid.toString(36)}.`

/**
 * One simulated charger: a WebSocket and at most one outstanding CALL (as OCPP-J requires). It answers
 * the CSMS's calls through its dialect and records each round trip in the fleet's stats. Lean on
 * purpose: no per-call timers (the fleet sweeps), and answers are only parsed when a step needs them.
 */
export class FleetCharger {
  ws: WebSocket | undefined
  /** Position in the transaction cycle. */
  cycle = 0
  booted = false
  #pending: Pending | undefined
  #connectStarted = 0
  #closing = false

  constructor(
    readonly facts: ChargerFacts,
    private readonly link: ChargerLink,
  ) {}

  /** True while a call waits for its answer or the socket is not open. */
  get busy(): boolean {
    return this.#pending !== undefined || this.ws?.readyState !== WebSocket.OPEN
  }

  /** True while a handshake is under way. */
  get connecting(): boolean {
    return this.ws?.readyState === WebSocket.CONNECTING
  }

  /** Opens the socket; resolves false when the handshake fails. */
  connect(): Promise<boolean> {
    const { link, facts } = this
    const headers: Record<string, string> = {}
    if (link.password !== undefined)
      headers.Authorization = `Basic ${Buffer.from(`${facts.id}:${link.password}`).toString('base64')}`
    this.#closing = false
    this.#connectStarted = performance.now()
    // Bun takes an options object (bun-types' WebSocketOptions); the DOM lib's overload hides it.
    const options: Bun.WebSocketOptions = { protocols: [link.dialect.protocol], headers }
    const ws = new WebSocket(`${link.url}/${encodeURIComponent(facts.id)}`, options as unknown as string[])
    this.ws = ws
    return new Promise((resolve) => {
      ws.onopen = () => {
        link.stats.rtt('connect', performance.now() - this.#connectStarted)
        resolve(true)
      }
      ws.onerror = () => {
        if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.CLOSED) resolve(false)
      }
      ws.onclose = () => {
        resolve(false)
        this.#closed(ws)
      }
      ws.onmessage = (e) => this.#message(String(e.data))
    })
  }

  /** Sends one step's CALL; resolves true when the CSMS answered and accepted it. */
  run(step: Step): Promise<boolean> {
    const ws = this.ws
    if (this.#pending || !ws || ws.readyState !== WebSocket.OPEN) return Promise.resolve(false)
    const [action, payload] = this.link.dialect.request(step, this.facts)
    const id = `${prefix}${(nextId++).toString(36)}`
    return new Promise((resolve) => {
      this.#pending = { id, step, sentAt: performance.now(), resolve }
      this.link.stats.counters.sent++
      ws.send(`[2,"${id}","${action}",${JSON.stringify(payload)}]`)
    })
  }

  /** Fails a call or handshake older than `timeoutMs` (the fleet calls this about once a second). */
  expire(now: number, timeoutMs: number): void {
    const p = this.#pending
    if (p && now - p.sentAt > timeoutMs) {
      this.#pending = undefined
      this.link.stats.counters.timeouts++
      this.link.stats.sample(`${p.step}: no answer within ${timeoutMs} ms`)
      p.resolve(false)
    }
    if (this.connecting && now - this.#connectStarted > timeoutMs) this.ws?.close()
  }

  /** Closes the socket (not counted as a drop). */
  close(): void {
    this.#closing = true
    this.ws?.close(1000, 'fleet done')
  }

  #closed(ws: WebSocket): void {
    if (ws !== this.ws) return
    const p = this.#pending
    this.#pending = undefined
    if (p) {
      this.link.stats.counters.lost++
      p.resolve(false)
    }
    const wasOpen = this.booted
    this.booted = false
    if (!this.#closing && wasOpen) {
      this.link.stats.counters.dropped++
      this.link.onDrop?.(this)
    }
  }

  #message(text: string): void {
    const type = text.charCodeAt(1)
    if (type === 50 /* 2: CALL */) {
      this.#answer(text)
      return
    }
    const p = this.#pending
    const id = idOf(text)
    if (!p || id !== p.id) return
    this.#pending = undefined
    const stats = this.link.stats
    stats.rtt(actionOf[p.step], performance.now() - p.sentAt)
    if (type !== 51 /* 3: CALLRESULT */) {
      stats.counters.callErrors++
      stats.sample(`${p.step}: ${text}`)
      p.resolve(false)
      return
    }
    const needsPayload = p.step === 'boot' || p.step === 'start' || p.step === 'stop'
    const refusal = needsPayload ? this.link.dialect.accept(p.step, this.facts, payloadOf(text)) : undefined
    if (refusal) {
      stats.counters.refused++
      stats.sample(`${this.facts.id} ${refusal}`)
      p.resolve(false)
      return
    }
    stats.counters.ok++
    p.resolve(true)
  }

  #answer(text: string): void {
    const [, id, action, payload] = JSON.parse(text) as [2, string, string, Record<string, unknown>]
    const answer = this.link.dialect.answer(action, payload)
    this.link.stats.counters.csmsCalls++
    this.ws?.send(
      answer
        ? `[3,${JSON.stringify(id)},${JSON.stringify(answer)}]`
        : `[4,${JSON.stringify(id)},"NotImplemented","${action} is not simulated",{}]`,
    )
  }
}

/** The message id of an answer frame `[3,"id",…]` without parsing it (our ids need no escaping). */
function idOf(text: string): string {
  const start = text.indexOf('"') + 1
  return text.slice(start, text.indexOf('"', start))
}

function payloadOf(text: string): Record<string, unknown> {
  const frame = JSON.parse(text) as unknown[]
  const payload = frame[2]
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {}
}
