import type { Clock } from './clock'

interface Failures {
  count: number
  firstAt: number
  lockedUntil: number
}

/**
 * Bounds failed attempts per key (a charger id, an operator email): after `maxFailures` within
 * `windowMs`, the key is locked for `windowMs`. Memory is bounded: the oldest keys are forgotten first.
 */
export class Lockout {
  readonly #failures = new Map<string, Failures>()

  constructor(
    private readonly deps: { clock: Clock; maxFailures: number; windowMs: number; maxKeys?: number },
  ) {}

  isLocked(key: string): boolean {
    const f = this.#failures.get(key)
    return f !== undefined && f.lockedUntil > this.deps.clock.now()
  }

  fail(key: string): void {
    const now = this.deps.clock.now()
    let f = this.#failures.get(key)
    if (!f || (now - f.firstAt > this.deps.windowMs && f.lockedUntil <= now)) {
      if (this.#failures.size >= (this.deps.maxKeys ?? 100_000))
        this.#failures.delete(this.#failures.keys().next().value as string)
      f = { count: 0, firstAt: now, lockedUntil: 0 }
      this.#failures.set(key, f)
    }
    f.count++
    if (f.count >= this.deps.maxFailures) f.lockedUntil = now + this.deps.windowMs
  }

  succeed(key: string): void {
    this.#failures.delete(key)
  }
}
