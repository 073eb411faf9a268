import type { Clock } from './clock'

interface Counting {
  count: number
  firstAt: number
}

/** What {@link Lockout} needs: after `maxFailures` failures within `windowMs` a key is locked for `windowMs`. */
export interface LockoutOptions {
  clock: Clock
  maxFailures: number
  windowMs: number
  /** Keys still counting failures that are remembered (default 100,000); the oldest is forgotten first. */
  maxCounting?: number
  /** Locked keys that are remembered (default 100,000). */
  maxLocked?: number
}

/**
 * Bounds failed attempts per key (a client address, an address and charger id, an account): after
 * `maxFailures` failures within `windowMs` the key is locked for `windowMs`.
 *
 * Memory is bounded without letting an attacker buy back a lock: keys that are only counting live in
 * one table and locked keys in another. A flood of failures for fresh keys evicts the oldest counting
 * keys, never a lock; a lock is dropped early only when the locked table itself is full, and then the
 * one that expires first. Locks all last `windowMs`, so insertion order is expiry order and both
 * evictions are O(1).
 */
export class Lockout {
  readonly #counting = new Map<string, Counting>()
  /** Key → locked until; in insertion order, which is expiry order. */
  readonly #locked = new Map<string, number>()
  readonly #maxCounting: number
  readonly #maxLocked: number

  constructor(private readonly opts: LockoutOptions) {
    this.#maxCounting = opts.maxCounting ?? 100_000
    this.#maxLocked = opts.maxLocked ?? 100_000
  }

  /** True while `key` is locked. */
  isLocked(key: string): boolean {
    const until = this.#locked.get(key)
    if (until === undefined) return false
    if (until > this.opts.clock.now()) return true
    this.#locked.delete(key)
    return false
  }

  /** Counts a failure for `key`; returns true when this failure locked it. */
  fail(key: string): boolean {
    const now = this.opts.clock.now()
    if (this.isLocked(key)) return false
    let c = this.#counting.get(key)
    if (c && now - c.firstAt > this.opts.windowMs) {
      this.#counting.delete(key)
      c = undefined
    }
    if (!c) {
      if (this.#counting.size >= this.#maxCounting)
        this.#counting.delete(this.#counting.keys().next().value as string)
      c = { count: 0, firstAt: now }
      this.#counting.set(key, c)
    }
    c.count++
    if (c.count < this.opts.maxFailures) return false
    this.#counting.delete(key)
    this.#lock(key, now + this.opts.windowMs, now)
    return true
  }

  /** Forgets the failures counted for `key` (a lock stays until it expires). */
  clear(key: string): void {
    this.#counting.delete(key)
  }

  /** How many keys are remembered, counting and locked (for tests of the bounds). */
  get size(): { counting: number; locked: number } {
    return { counting: this.#counting.size, locked: this.#locked.size }
  }

  #lock(key: string, until: number, now: number): void {
    for (const [oldest, oldestUntil] of this.#locked) {
      if (oldestUntil > now && this.#locked.size < this.#maxLocked) break
      this.#locked.delete(oldest)
    }
    this.#locked.set(key, until)
  }
}
