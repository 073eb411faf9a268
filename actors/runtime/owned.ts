import type { Logger } from '@src/lib/log'

/**
 * One resource an actor incarnation holds. `live` turns false the moment it is released, before the
 * bus is even told, so a message already in flight to a released handler is dropped, never handled.
 */
export interface Owned {
  live: boolean
  /** What it is, for the log line of a release that failed (`subscription`, `served`, `cleanup`). */
  readonly what: string
  /** The subject or pattern, when it is a bus resource. */
  readonly subject: string | undefined
  release: () => void | Promise<void>
}

/**
 * The resources of one actor incarnation, in the order they were acquired (xstate's `dispose`,
 * Akka's `preRestart`): the cell releases them all, newest first, when the incarnation ends (stop,
 * give-up, and before every restart), and each can be given up early. A release that throws is
 * logged and the others still run.
 */
export class OwnedResources {
  readonly #held = new Set<Owned>()

  constructor(private readonly log: () => Logger) {}

  /** Records a resource; set `release` on the result once the resource exists. */
  own(what: string, subject: string | undefined): Owned {
    const owned: Owned = { live: true, what, subject, release: noop }
    this.#held.add(owned)
    return owned
  }

  /** Gives one resource up now; it is no longer owned, so the end of the incarnation skips it. */
  releaseOne(owned: Owned): void {
    if (!owned.live) return
    owned.live = false
    this.#held.delete(owned)
    void this.#release(owned)
  }

  /** Releases everything still held, newest first; every handler is dead before the first release. */
  async releaseAll(): Promise<void> {
    if (this.#held.size === 0) return
    const all = [...this.#held].reverse()
    this.#held.clear()
    for (const owned of all) owned.live = false
    for (const owned of all) await this.#release(owned)
  }

  async #release(owned: Owned): Promise<void> {
    try {
      await owned.release()
    } catch (err) {
      this.log().warn('actor resource release failed', { resource: owned.what, subject: owned.subject, err })
    }
  }
}

const noop = () => undefined
