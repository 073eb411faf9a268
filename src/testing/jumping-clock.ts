import { type Clock, systemClock, type TimerHandle } from '@src/lib/clock'

/** The longest delay the runtime's timers take (a longer one fires at once): longer waits re-arm. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1

interface PendingTimer {
  at: number
  fn: () => void
  real: TimerHandle
}

/**
 * Real time, started at a chosen instant, that can jump forward: for a test that needs "now" to be
 * 14:00 in Stockholm while its sockets, writers and retries keep real time. A jump fires every timer
 * that falls due by it (in due order) and moves the rest, as if the time between had passed.
 *
 * @example
 * const clock = new JumpingClock(Date.parse('2026-12-07T13:00:00Z'))
 * await clock.jumpTo(Date.parse('2026-12-07T18:00:00Z')) // a timer set for 17:00 has fired
 */
export class JumpingClock implements Clock {
  #offset: number
  readonly #timers = new Set<PendingTimer>()

  constructor(start: number) {
    this.#offset = start - systemClock.now()
  }

  now(): number {
    return systemClock.now() + this.#offset
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer: PendingTimer = { at: this.now() + Math.max(0, ms), fn, real: 0 }
    this.#arm(timer)
    this.#timers.add(timer)
    return timer
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = handle as PendingTimer
    if (!this.#timers.delete(timer)) return
    systemClock.clearTimeout(timer.real)
  }

  /** Moves now to `instant` (never back); timers due by then fire, the others are re-armed. */
  async jumpTo(instant: number): Promise<void> {
    if (instant < this.now()) throw new RangeError('a JumpingClock only jumps forward')
    this.#offset = instant - systemClock.now()
    const due = [...this.#timers].filter((t) => t.at <= instant).sort((a, b) => a.at - b.at)
    for (const t of this.#timers) {
      systemClock.clearTimeout(t.real)
      if (t.at > instant) this.#arm(t)
    }
    for (const t of due) {
      this.#timers.delete(t)
      t.fn()
      await Promise.resolve()
    }
  }

  #arm(timer: PendingTimer): void {
    timer.real = systemClock.setTimeout(
      () => {
        if (!this.#timers.has(timer)) return
        if (timer.at > this.now()) return this.#arm(timer)
        this.#timers.delete(timer)
        timer.fn()
      },
      Math.min(timer.at - this.now(), MAX_TIMEOUT_MS),
    )
  }
}
