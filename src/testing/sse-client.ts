import { sleep, systemClock } from '../lib/clock'

/** One dispatched server-sent event, with the id the page held when it arrived. */
export interface ReceivedEvent {
  event: string
  data: string
  lastEventId: string
}

/**
 * An event stream read over a real socket and parsed as a browser's `EventSource` parses it (fields,
 * comments, blocks that only set the id), so a test sees what a page sees, including the
 * `Last-Event-ID` the page would reconnect with.
 *
 * @example
 * const sse = await SseClient.open(`${node.url}/admin/live/chargers`, { cookie })
 * await sse.readUntil(() => sse.events.length > 0, 3000)
 * sse.close()
 */
export class SseClient {
  readonly events: ReceivedEvent[] = []
  readonly comments: string[] = []
  /** What the browser would send as `Last-Event-ID` on reconnecting. */
  lastEventId = ''
  /** The server ended the stream (or the connection dropped). */
  ended = false
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>
  readonly #abort: AbortController
  readonly #decoder = new TextDecoder()
  #buffer = ''
  #idBuffer = ''
  #type = ''
  #data: string[] = []
  #pending: Promise<void> | undefined

  private constructor(
    readonly status: number,
    body: ReadableStream<Uint8Array>,
    abort: AbortController,
  ) {
    this.#reader = body.getReader()
    this.#abort = abort
  }

  /** Opens the stream; `lastEventId` is sent as the header, as an `EventSource` does on reconnecting. */
  static async open(url: string, headers: Record<string, string>, lastEventId?: string): Promise<SseClient> {
    const abort = new AbortController()
    const res = await fetch(url, {
      headers: {
        accept: 'text/event-stream',
        ...headers,
        ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
      },
      signal: abort.signal,
    })
    if (!res.body) throw new Error(`no body from ${url} (${res.status})`)
    return new SseClient(res.status, res.body, abort)
  }

  /** Reads until `done()` holds, the stream ends, or `ms` pass; returns whether `done()` held. */
  async readUntil(done: () => boolean, ms: number): Promise<boolean> {
    let timedOut = false
    const timeout = sleep(systemClock, ms).then(() => {
      timedOut = true
    })
    while (!done() && !this.ended && !timedOut) {
      this.#pending ??= this.#readChunk().finally(() => {
        this.#pending = undefined
      })
      await Promise.race([this.#pending, timeout])
    }
    return done()
  }

  /** The names of the events received, in order. */
  names(): string[] {
    return this.events.map((e) => e.event)
  }

  /** Drops the connection, as a page that goes away does. */
  close(): void {
    this.#abort.abort()
  }

  async #readChunk(): Promise<void> {
    try {
      const { done, value } = await this.#reader.read()
      if (done) this.ended = true
      else this.#parse(this.#decoder.decode(value, { stream: true }))
    } catch {
      this.ended = true
    }
  }

  #parse(text: string): void {
    this.#buffer += text
    const lines = this.#buffer.split(/\r\n|\r|\n/)
    this.#buffer = lines.pop() ?? ''
    for (const line of lines) this.#line(line)
  }

  /** One line, as the HTML standard's event stream interpretation reads it. */
  #line(line: string): void {
    if (line === '') {
      this.#dispatch()
      return
    }
    if (line.startsWith(':')) {
      this.comments.push(line.slice(1).trim())
      return
    }
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'event') this.#type = value
    else if (field === 'data') this.#data.push(value)
    else if (field === 'id' && !value.includes('\u0000')) this.#idBuffer = value
  }

  #dispatch(): void {
    this.lastEventId = this.#idBuffer
    if (this.#data.length > 0)
      this.events.push({
        event: this.#type || 'message',
        data: this.#data.join('\n'),
        lastEventId: this.lastEventId,
      })
    this.#type = ''
    this.#data = []
  }
}

/** What a stream answered within its first `ms` (then it is cancelled); a body that ends sooner is read whole. */
export async function firstOfStream(res: Response, ms = 400): Promise<string> {
  const reader = res.body?.getReader()
  if (!reader) return await res.text()
  let text = ''
  const until = Date.now() + ms
  while (Date.now() < until) {
    const chunk = await Promise.race([reader.read(), sleep(systemClock, Math.max(1, until - Date.now()))])
    if (!chunk || chunk.done) break
    text += new TextDecoder().decode(chunk.value)
  }
  await reader.cancel()
  return text
}
