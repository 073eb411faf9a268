/**
 * A small OCPP-J client: the charger side of the wire. The simulator, the tests and the fleet driver
 * use it. It answers CSMS calls through `onCall`, and also lets a test send raw (malformed) frames.
 */

/** The answer to a call we made. */
export type ClientOutcome =
  | { kind: 'result'; payload: Record<string, unknown> }
  | { kind: 'error'; code: string; description: string; details: Record<string, unknown> }

/** Answers a CSMS→charger call: a payload, or an error code and description. */
export type ClientCallHandler = (
  action: string,
  payload: Record<string, unknown>,
) => Promise<Record<string, unknown> | { error: string; description: string }>

/** How to connect: where, as whom, which subprotocols, and how to answer the CSMS. */
export interface ClientOptions {
  /** Base WebSocket URL, e.g. `ws://127.0.0.1:8080/ocpp`. */
  url: string
  identity: string
  protocols: string[]
  password?: string
  onCall?: ClientCallHandler
  /** Every frame received (raw parsed JSON), for tests that inspect the wire. */
  onFrame?: (frame: unknown[]) => void
  callTimeoutMs?: number
  /** Keep every received frame in `frames` (default true); long-running simulators turn it off. */
  keepFrames?: boolean
}

interface Pending {
  resolve: (o: ClientOutcome) => void
  reject: (e: Error) => void
  timer: ReturnType<typeof setTimeout>
}

let counter = 0

/** One charger's connection. */
export class OcppClient {
  readonly #pending = new Map<string, Pending>()
  readonly closed: Promise<{ code: number; reason: string }>
  readonly frames: unknown[][] = []

  private constructor(
    readonly ws: WebSocket,
    private readonly opts: ClientOptions,
  ) {
    this.closed = new Promise((resolve) => {
      ws.addEventListener('close', (e) => {
        for (const p of this.#pending.values()) p.reject(new Error(`connection closed (${e.code})`))
        this.#pending.clear()
        resolve({ code: e.code, reason: e.reason })
      })
    })
    ws.addEventListener('message', (e) => this.#onMessage(String(e.data)))
  }

  /** Connects, or rejects with the HTTP status the server refused the handshake with. */
  static connect(opts: ClientOptions): Promise<OcppClient> {
    const headers: Record<string, string> = {}
    if (opts.password !== undefined) {
      headers.Authorization = `Basic ${Buffer.from(`${opts.identity}:${opts.password}`).toString('base64')}`
    }
    const url = `${opts.url}/${encodeURIComponent(opts.identity)}`
    const ws = new WebSocket(url, { protocols: opts.protocols, headers } as unknown as string[])
    return new Promise((resolve, reject) => {
      ws.addEventListener('open', () => resolve(new OcppClient(ws, opts)), { once: true })
      ws.addEventListener('error', () => reject(new Error(`handshake refused for ${opts.identity}`)), {
        once: true,
      })
    })
  }

  /** The subprotocol the server chose. */
  get protocol(): string {
    return this.ws.protocol
  }

  /** Sends a CALL and waits for its answer. */
  call(action: string, payload: unknown): Promise<ClientOutcome> {
    const id = `c${(counter++).toString(36)}`
    return this.callWithId(id, action, payload)
  }

  /** Sends a CALL with a chosen message id (retransmission tests). */
  callWithId(id: string, action: string, payload: unknown): Promise<ClientOutcome> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id)
        reject(new Error(`${action} timed out`))
      }, this.opts.callTimeoutMs ?? 10_000)
      this.#pending.set(id, { resolve, reject, timer })
      this.ws.send(JSON.stringify([2, id, action, payload]))
    })
  }

  /** Sends a raw text frame (malformed-input tests). */
  sendRaw(text: string): void {
    this.ws.send(text)
  }

  /** Waits for the next frame matching `pred` (already received ones included). */
  async waitFrame(pred: (f: unknown[]) => boolean, timeoutMs = 5000): Promise<unknown[]> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = this.frames.find(pred)
      if (found) return found
      if (Date.now() > deadline) throw new Error('no matching frame')
      await Bun.sleep(5)
    }
  }

  close(code = 1000, reason = 'bye'): Promise<{ code: number; reason: string }> {
    this.ws.close(code, reason)
    return this.closed
  }

  #onMessage(text: string): void {
    let frame: unknown[]
    try {
      frame = JSON.parse(text)
    } catch {
      return
    }
    if (this.opts.keepFrames !== false) this.frames.push(frame)
    this.opts.onFrame?.(frame)
    const [type, id] = frame as [number, string]
    if (type === 2) return void this.#answer(id, String(frame[2]), frame[3] as Record<string, unknown>)
    const pending = this.#pending.get(id)
    if (!pending) return
    this.#pending.delete(id)
    clearTimeout(pending.timer)
    if (type === 3) pending.resolve({ kind: 'result', payload: frame[2] as Record<string, unknown> })
    else
      pending.resolve({
        kind: 'error',
        code: String(frame[2]),
        description: String(frame[3]),
        details: frame[4] as Record<string, unknown>,
      })
  }

  async #answer(id: string, action: string, payload: Record<string, unknown>): Promise<void> {
    const handler = this.opts.onCall
    const answer = handler
      ? await handler(action, payload)
      : { error: 'NotImplemented', description: `no handler for ${action}` }
    if ('error' in answer && typeof answer.error === 'string') {
      this.ws.send(JSON.stringify([4, id, answer.error, String(answer.description ?? ''), {}]))
    } else {
      this.ws.send(JSON.stringify([3, id, answer]))
    }
  }
}
