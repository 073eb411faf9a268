import { LocalBus } from '@src/bus/local'
import { isWildcard } from '@src/bus/match'
import type { Bus, Leases, Unsubscribe } from '@src/bus/port'
import type { Clock } from '@src/lib/clock'
import type { Logger } from '@src/lib/log'

type Handler = (payload: unknown, subject: string) => void

/**
 * An experiment for the site-loop benchmark (`--bus indexed`), not production code: the in-process
 * bus with patterns of the form `a.b.c.*` (one trailing `*`, the site actors' per-charger
 * subscriptions) kept in a map by their prefix, so a publish costs one map lookup instead of a match
 * against every wildcard subscription. Everything else is delegated to {@link LocalBus}. It shows what
 * indexing the subscriptions would buy.
 */
export class IndexedLocalBus implements Bus {
  readonly #inner: LocalBus
  readonly #byPrefix = new Map<string, Set<Handler>>()
  readonly leases: Leases

  constructor(private readonly deps: { clock: Clock; log: Logger }) {
    this.#inner = new LocalBus(deps)
    this.leases = this.#inner.leases
  }

  publish(subject: string, payload: unknown): void {
    this.#inner.publish(subject, payload)
    const set = this.#byPrefix.get(subject.slice(0, subject.lastIndexOf('.')))
    if (!set || set.size === 0) return
    const targets = [...set]
    queueMicrotask(() => {
      for (const handler of targets) {
        try {
          handler(payload, subject)
        } catch (err) {
          this.deps.log.error('bus subscriber failed', { subject, err })
        }
      }
    })
  }

  subscribe(pattern: string, handler: Handler): Unsubscribe {
    const prefix = pattern.slice(0, -2)
    if (!pattern.endsWith('.*') || isWildcard(prefix)) return this.#inner.subscribe(pattern, handler)
    const set = this.#byPrefix.get(prefix) ?? new Set<Handler>()
    this.#byPrefix.set(prefix, set)
    set.add(handler)
    return () => {
      set.delete(handler)
      if (set.size === 0 && this.#byPrefix.get(prefix) === set) this.#byPrefix.delete(prefix)
    }
  }

  serve(subject: string, handler: (payload: unknown) => unknown): Unsubscribe {
    return this.#inner.serve(subject, handler)
  }

  request(subject: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    return this.#inner.request(subject, payload, timeoutMs)
  }

  close(): Promise<void> {
    this.#byPrefix.clear()
    return this.#inner.close()
  }
}
