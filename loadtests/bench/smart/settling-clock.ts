import type { TimerHandle } from '@src/lib/clock'
import { FakeClock } from '@src/lib/fake-clock'

/** Lets every pending promise chain run to its end: a macrotask comes only after all microtasks. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/**
 * A fake clock that knows when its next timer is due, so the closed loop can move time one timer at a
 * time and let the actor's async work (database reads and writes, bus deliveries) finish before the next
 * timer fires: virtual time never runs ahead of work a real node would have done in microseconds.
 * `FakeClock.advance` alone flushes a fixed number of microtask rounds between timers, which a database
 * round trip can outlast.
 */
export class SettlingClock extends FakeClock {
  readonly #due = new Map<TimerHandle, number>()

  override setTimeout(fn: () => void, ms: number): TimerHandle {
    const at = this.now() + Math.max(0, ms)
    const handle: TimerHandle = super.setTimeout(() => {
      this.#due.delete(handle)
      fn()
    }, ms)
    this.#due.set(handle, at)
    return handle
  }

  override clearTimeout(handle: TimerHandle): void {
    this.#due.delete(handle)
    super.clearTimeout(handle)
  }

  /** When the earliest pending timer is due (epoch ms), if any. */
  nextDueAt(): number | undefined {
    let next: number | undefined
    for (const at of this.#due.values()) if (next === undefined || at < next) next = at
    return next
  }

  /** Moves time to `at` (epoch ms), firing timers in order and settling after each. */
  async runUntil(at: number): Promise<void> {
    for (;;) {
      const next = this.nextDueAt()
      if (next === undefined || next > at) break
      await this.advance(Math.max(0, next - this.now()))
      await settle()
    }
    if (at > this.now()) await this.advance(at - this.now())
    await settle()
  }
}
