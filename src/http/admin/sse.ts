import type { Deps } from '@src/deps'
import type { Clock, TimerHandle } from '@src/lib/clock'
import { CsmsError } from '@src/lib/errors'
import type { Logger } from '@src/lib/log'
import type { FeedWatch, LiveFeed } from './live-feed'

/** The content type of a server-sent event stream. */
export const EVENT_STREAM = 'text/event-stream'

/**
 * Whether a response is an event stream. `node.ts` exempts these from Bun's idle timeout: a stream
 * is quiet between events by design, and Bun would cut it after 10 s of quiet.
 */
export const isEventStream = (res: Response): boolean =>
  res.headers.get('content-type')?.startsWith(EVENT_STREAM) === true

/**
 * The id the events of an unfinished full render carry: a page that reconnects holding it gets the
 * full render again (it is no id a log hands out).
 */
export const STALE_ID = 'stale'

/**
 * A page that leaves this much of its stream unread is dropped (it reconnects and catches up from its
 * id): with no idle timeout, a page that stops reading must not make the node buffer without end.
 */
export const MAX_UNREAD_BYTES = 1 << 20

/** A page stopped reading its stream: it has more than {@link MAX_UNREAD_BYTES} waiting. */
export class SlowReaderError extends CsmsError {
  constructor() {
    super('SSE_SLOW_READER', `the page left more than ${MAX_UNREAD_BYTES} bytes of its stream unread`)
  }
}

/** One event of a live page: htmx swaps `data` into the elements with `sse-swap="<event>"`. */
export interface LiveEvent {
  event: string
  data: string
}

/** One server-sent event with its id; multi-line data is split into `data:` lines as the format requires. */
export function sseEvent(e: LiveEvent, id: string): string {
  const data = e.data
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}`)
    .join('\n')
  return `id: ${id}\nevent: ${e.event}\n${data}\n\n`
}

/** What a live stream shows and how; see {@link liveStream}. */
export interface LiveStreamOptions {
  clock: Clock
  log: Logger
  /** Changes are gathered this long and rendered at once. */
  intervalMs: number
  /** A comment this often while nothing changes, so that proxies keep the stream open. */
  keepaliveMs: number
  /** Where the changes come from, numbered. */
  feed: LiveFeed
  /** The `Last-Event-ID` request header: how far a reconnecting page got. */
  lastEventId: string | undefined
  /** Marks what a change of the feed's `key` makes this stream render again (nothing if it shows no part of it). */
  select: (key: string, mark: (key: string) => void) => void
  /** Every key this stream shows: all rendered again when a reconnect cannot be replayed. */
  everything: () => Iterable<string> | Promise<Iterable<string>>
  /** Renders the marked keys. */
  render: (keys: ReadonlySet<string>) => Promise<readonly LiveEvent[]>
}

/**
 * A live page's server-sent event stream. Changes are batched (`select` marks keys, and every
 * `intervalMs` all marked keys are rendered at once, so a burst of charger events costs one database
 * read per interval) and every event carries an id from the feed's {@link ChangeLog}. A page that
 * reconnects with `Last-Event-ID` gets at once what changed while it was away; when that is not known
 * (no id, an id older than the log, or from before a restart), everything rendered afresh.
 *
 * An id means "everything up to here": in a batch only the last event carries the new id, the
 * others the id held before, so a stream cut mid-batch replays the whole batch.
 */
export function liveStream(opts: LiveStreamOptions): Response {
  const encoder = new TextEncoder()
  let stream: LiveStream | undefined
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stream = new LiveStream(opts, {
          write: (text) => {
            controller.enqueue(encoder.encode(text))
            return (controller.desiredSize ?? 0) >= 0
          },
          fail: (error) => controller.error(error),
        })
        void stream.open()
      },
      cancel: () => stream?.close(),
    },
    new ByteLengthQueuingStrategy({ highWaterMark: MAX_UNREAD_BYTES }),
  )
  return new Response(body, {
    headers: { 'content-type': EVENT_STREAM, 'cache-control': 'no-cache', connection: 'keep-alive' },
  })
}

/** What one kind of live stream shows: how often, which keys, and how they look. */
export type StreamShape = Pick<LiveStreamOptions, 'intervalMs' | 'select' | 'everything' | 'render'>

/**
 * Opens the streams of one feed as a controller does: with the node's clock, log and keepalive, and
 * the page's `Last-Event-ID` (an empty one, as no id).
 */
export function streamsOf(deps: Pick<Deps, 'clock' | 'log' | 'config'>, feed: LiveFeed) {
  return (shape: StreamShape, headers: Record<string, string | undefined>): Response =>
    liveStream({
      clock: deps.clock,
      log: deps.log,
      keepaliveMs: deps.config.sseKeepaliveS * 1000,
      feed,
      lastEventId: headers['last-event-id'] || undefined,
      ...shape,
    })
}

/** One open stream's state: what is marked, what the page holds, its timers. */
class LiveStream {
  readonly #watch: FeedWatch
  #dirty = new Set<string>()
  #timer: TimerHandle | undefined
  #keepalive: TimerHandle | undefined
  /** Renders run one after another, so a slow one never overtakes a newer one. */
  #renders: Promise<void> = Promise.resolve()
  /** Renders queued or running, or a full render being prepared: the page's id must not move meanwhile. */
  #busy = 0
  /** The latest change the feed told this stream about. */
  #seen: number
  /** The id the page holds. */
  #held = STALE_ID
  #closed = false

  constructor(
    private readonly opts: LiveStreamOptions,
    /** `write` says false once the page has too much unread. */
    private readonly out: { write: (text: string) => boolean; fail: (error: unknown) => void },
  ) {
    this.#watch = opts.feed.watch((key, seq) => {
      this.#seen = seq
      opts.select(key, this.#mark)
    })
    this.#seen = this.#watch.log.head
  }

  /**
   * Greets the page, then catches it up: what it missed, or everything. A stream without an id gets
   * everything too: it cannot tell a page opened a moment ago (something may have changed since it
   * was rendered) from one whose EventSource htmx had to create anew (after an answer that was not a
   * stream, e.g. a proxy's 502 while the node restarted), which sends no id.
   */
  async open(): Promise<void> {
    const { log } = this.#watch
    const { lastEventId, clock, keepaliveMs } = this.opts
    this.#write(': connected\n\n')
    this.#keepalive = clock.setTimeout(this.#ping, keepaliveMs)
    const seq = lastEventId === undefined ? undefined : log.seqOf(lastEventId)
    const missed = seq === undefined ? undefined : log.since(seq)
    if (missed && lastEventId !== undefined) {
      this.#held = lastEventId
      for (const key of missed) this.opts.select(key, this.#mark)
    } else {
      this.#busy++
      try {
        for (const key of await this.opts.everything()) this.#mark(key)
      } catch (error) {
        return this.#fail(error)
      } finally {
        this.#busy--
      }
    }
    return this.#flush()
  }

  /** Stops everything; the page's EventSource reconnects if it still wants the stream. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#watch.close()
    if (this.#timer !== undefined) this.opts.clock.clearTimeout(this.#timer)
    if (this.#keepalive !== undefined) this.opts.clock.clearTimeout(this.#keepalive)
  }

  readonly #mark = (key: string): void => {
    this.#dirty.add(key)
    if (this.#timer === undefined && !this.#closed)
      this.#timer = this.opts.clock.setTimeout(() => void this.#flush(), this.opts.intervalMs)
  }

  /** Renders what is marked now, after any render still running. */
  #flush(): Promise<void> {
    if (this.#timer !== undefined) this.opts.clock.clearTimeout(this.#timer)
    this.#timer = undefined
    this.#busy++
    this.#renders = this.#renders
      .then(() => this.#render())
      .catch((error: unknown) => this.#fail(error))
      .finally(() => this.#busy--)
    return this.#renders
  }

  async #render(): Promise<void> {
    if (this.#closed) return
    const keys = this.#dirty
    this.#dirty = new Set()
    const upTo = this.#seen
    const events = keys.size > 0 ? await this.opts.render(keys) : []
    this.#send(events, this.#watch.log.idOf(upTo))
  }

  /** Sends a batch: the new id on its last event (or alone), the id held so far on the others. */
  #send(events: readonly LiveEvent[], id: string): void {
    if (events.length === 0 && id === this.#held) return
    const held = this.#held
    this.#write(
      events.length === 0
        ? `id: ${id}\n\n`
        : events.map((e, i) => sseEvent(e, i === events.length - 1 ? id : held)).join(''),
    )
    this.#held = id
  }

  /** The keepalive; when nothing is marked or rendering, it also moves the page's id up to date. */
  readonly #ping = (): void => {
    if (this.#dirty.size === 0 && this.#busy === 0) this.#send([], this.#watch.log.idOf(this.#seen))
    this.#write(': keepalive\n\n')
    this.#keepalive = this.opts.clock.setTimeout(this.#ping, this.opts.keepaliveMs)
  }

  #write(text: string): void {
    if (!this.#closed && !this.out.write(text)) this.#fail(new SlowReaderError())
  }

  /** A render failed or the page stopped reading: the stream ends, and the page reconnects and catches up. */
  #fail(error: unknown): void {
    if (this.#closed) return
    this.opts.log.warn('live stream ended by an error; the page reconnects and catches up', {
      error: error instanceof Error ? error.message : String(error),
    })
    this.close()
    this.out.fail(error)
  }
}
