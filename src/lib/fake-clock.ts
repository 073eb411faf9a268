import type { Clock, TimerHandle } from './clock'

interface FakeTimer {
  id: number
  at: number
  fn: () => void
}

/**
 * A clock that only moves when told to. Timers fire in due order during {@link FakeClock.advance},
 * with pending promise callbacks flushed between timers so async actors make progress as they would.
 *
 * @example
 * const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'))
 * clock.setTimeout(() => fired.push(clock.now()), 500)
 * await clock.advance(1000) // fired === [start + 500]
 */
export class FakeClock implements Clock {
  #now: number
  #nextId = 1
  #timers: FakeTimer[] = []

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start
  }

  now(): number {
    return this.#now
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { id: this.#nextId++, at: this.#now + Math.max(0, ms), fn }
    this.#timers.push(timer)
    return timer.id
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers = this.#timers.filter((t) => t.id !== handle)
  }

  /** Number of timers still waiting to fire. */
  get pending(): number {
    return this.#timers.length
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms
    await flushMicrotasks()
    for (;;) {
      const next = this.#nextDue(end)
      if (!next) break
      this.#timers = this.#timers.filter((t) => t !== next)
      this.#now = next.at
      next.fn()
      await flushMicrotasks()
    }
    this.#now = end
    await flushMicrotasks()
  }

  #nextDue(end: number): FakeTimer | undefined {
    let best: FakeTimer | undefined
    for (const t of this.#timers) {
      if (t.at <= end && (!best || t.at < best.at || (t.at === best.at && t.id < best.id))) best = t
    }
    return best
  }
}

/** Lets queued promise continuations run (several hops, since async chains nest). */
export async function flushMicrotasks(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve()
}
