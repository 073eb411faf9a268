import { randomId } from '@src/lib/ids'

/**
 * What changed, numbered, for live pages that reconnect: each change of a key (a charger, a site)
 * gets the next sequence number, and {@link ChangeLog.since} says which keys changed after a number
 * a page holds (its `Last-Event-ID`), so only those parts are rendered again.
 *
 * Bounded like a ring: it keeps the latest change of at most `capacity` keys, and a key's new change
 * replaces its old one, so a charger that samples every second does not push out a quiet one's
 * `Faulted`. When a key is pushed out, every number up to its change becomes too old to replay, and
 * `since` says so (undefined): the page gets everything rendered afresh instead, never silently less.
 *
 * Each log has a random epoch that is part of every id it hands out: an id from another node, or
 * from before a restart, is unknown here and also gets the full render rather than a wrong replay.
 *
 * @example
 * const log = new ChangeLog(4096)
 * const id = log.idOf(log.head) // sent to the page
 * log.record('CP-1')
 * log.since(log.seqOf(id)!) // ['CP-1']
 */
export class ChangeLog {
  /** Random per log, so ids of a restarted node or another node never match. */
  readonly epoch = randomId(6)
  readonly #latest = new Map<string, number>()
  #head = 0
  /** The newest change pushed out: a page that holds an older number may have missed it. */
  #floor = 0

  constructor(readonly capacity: number) {}

  /** The number of the latest change (0 before the first). */
  get head(): number {
    return this.#head
  }

  /** Notes that `key` changed; returns the change's number. */
  record(key: string): number {
    const seq = ++this.#head
    this.#latest.delete(key)
    this.#latest.set(key, seq)
    if (this.#latest.size > this.capacity) {
      const [oldest, at] = this.#latest.entries().next().value as [string, number]
      this.#latest.delete(oldest)
      this.#floor = at
    }
    return seq
  }

  /** The keys that changed after `seq`, oldest first; undefined when that is no longer known. */
  since(seq: number): string[] | undefined {
    if (seq < this.#floor || seq > this.#head) return undefined
    const keys: string[] = []
    for (const [key, at] of this.#latest) if (at > seq) keys.push(key)
    return keys
  }

  /** The event id that says "everything up to change `seq`", e.g. `Xk3f_a9Q-42`. */
  idOf(seq: number): string {
    return `${this.epoch}-${seq}`
  }

  /** The change number inside an id this log handed out; undefined for any other string. */
  seqOf(id: string): number | undefined {
    const prefix = `${this.epoch}-`
    if (!id.startsWith(prefix)) return undefined
    const digits = id.slice(prefix.length)
    return /^[0-9]{1,15}$/.test(digits) ? Number(digits) : undefined
  }
}
