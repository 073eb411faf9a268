import type { Clock, TimerHandle } from '@src/lib/clock'

/** One server-sent event; multi-line data is split into `data:` lines as the format requires. */
export function sseEvent(event: string, data: string): string {
  return `event: ${event}\n${data
    .split('\n')
    .map((line) => `data: ${line}`)
    .join('\n')}\n\n`
}

/**
 * A server-sent event stream that batches changes: `mark(key)` notes that something changed, and every
 * `intervalMs` the `flush` callback renders all marked keys at once. So a burst of charger events costs
 * one database read per interval, not one per event. A comment every 15 s keeps proxies from closing it.
 */
export function batchedStream(opts: {
  clock: Clock
  intervalMs: number
  /** Starts listening; returns the function that stops it. */
  subscribe: (mark: (key: string) => void) => () => void
  flush: (keys: Set<string>) => Promise<string>
}): Response {
  const encoder = new TextEncoder()
  let dirty = new Set<string>()
  let timer: TimerHandle | undefined
  let keepalive: TimerHandle | undefined
  let unsubscribe: (() => void) | undefined
  let closed = false
  const stop = () => {
    closed = true
    unsubscribe?.()
    if (timer !== undefined) opts.clock.clearTimeout(timer)
    if (keepalive !== undefined) opts.clock.clearTimeout(keepalive)
  }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!closed && text) controller.enqueue(encoder.encode(text))
      }
      const tick = async () => {
        timer = undefined
        const keys = dirty
        dirty = new Set()
        send(await opts.flush(keys))
      }
      const ping = () => {
        send(': keepalive\n\n')
        keepalive = opts.clock.setTimeout(ping, 15_000)
      }
      send(': connected\n\n')
      keepalive = opts.clock.setTimeout(ping, 15_000)
      unsubscribe = opts.subscribe((key) => {
        dirty.add(key)
        timer ??= opts.clock.setTimeout(() => void tick(), opts.intervalMs)
      })
    },
    cancel: stop,
  })
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' },
  })
}
