import type { Bus, Unsubscribe } from '@src/bus/port'
import type { Clock } from '@src/lib/clock'
import { ChangeLog } from './change-log'

/** How long a feed keeps listening after its last page closed: a page away longer is rendered afresh. */
export const FEED_LINGER_MS = 10 * 60_000

/** A bus pattern a feed follows, and which key a message on it changes. */
export interface FeedSource {
  pattern: string
  /** The key (a charger or site id) that a message changes; undefined ignores the message. */
  keyOf: (subject: string) => string | undefined
}

/** Hears every change a feed records: its key and its number in the feed's {@link ChangeLog}. */
export type FeedListener = (key: string, seq: number) => void

/** A stream's hold on a feed: the log its ids come from, fixed while the watch is open. */
export interface FeedWatch {
  readonly log: ChangeLog
  close(): void
}

/**
 * One kind of live change (every charger's events, every site's status) for all of a node's streams
 * that show it: one bus subscription however many pages are open, and a {@link ChangeLog} that
 * remembers what changed for the pages that reconnect (`Last-Event-ID`).
 *
 * It listens from the first watch on and, after the last watch closed, until the first message that
 * arrives `lingerMs` later: then it unsubscribes and forgets, and the next watch starts a new log (a
 * new epoch, so ids of the old one get a full render). A node nobody watches receives nothing.
 * One per kind per node, built by the controller that streams it.
 */
export class LiveFeed {
  readonly #watchers = new Set<FeedListener>()
  #log: ChangeLog | undefined
  #stops: Unsubscribe[] = []
  #idleSince: number | undefined

  constructor(
    private readonly deps: {
      bus: Bus
      clock: Clock
      sources: readonly FeedSource[]
      /** The log's capacity in keys. */
      capacity: number
      lingerMs: number
    },
  ) {}

  /** Starts hearing changes; the feed's log holds every change from before that it still remembers. */
  watch(listener: FeedListener): FeedWatch {
    const log = this.#log ?? this.#start()
    this.#watchers.add(listener)
    this.#idleSince = undefined
    return {
      log,
      close: () => {
        if (!this.#watchers.delete(listener) || this.#watchers.size > 0) return
        this.#idleSince = this.deps.clock.now()
      },
    }
  }

  #start(): ChangeLog {
    const log = new ChangeLog(this.deps.capacity)
    this.#log = log
    this.#stops = this.deps.sources.map((source) =>
      this.deps.bus.subscribe(source.pattern, (_, subject) => {
        const key = source.keyOf(subject)
        if (key !== undefined) this.#accept(log, key)
      }),
    )
    return log
  }

  #accept(log: ChangeLog, key: string): void {
    if (log !== this.#log) return
    const idle = this.#idleSince
    if (idle !== undefined && this.deps.clock.now() - idle >= this.deps.lingerMs) {
      this.#stop()
      return
    }
    const seq = log.record(key)
    for (const listener of this.#watchers) listener(key, seq)
  }

  #stop(): void {
    for (const stop of this.#stops) stop()
    this.#stops = []
    this.#log = undefined
    this.#idleSince = undefined
  }
}
