import type { Clock, TimerHandle } from '@src/lib/clock'

/** Lets every pending promise chain run to its end: a macrotask comes only after all microtasks. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

interface Timer {
  readonly id: number
  readonly at: number
  readonly fn: () => void
}

/**
 * Virtual time for the closed loop: a clock that moves only in {@link SettlingClock.runUntil}, one
 * timer at a time, letting the actor's async work (database reads and writes, bus deliveries) finish
 * after each, so virtual time never runs ahead of work a real node does in microseconds. Timers due
 * at the same time fire in the order they were set.
 *
 * Not `FakeClock`: its `advance` flushes 60 microtask rounds around every timer (about 25 µs), which at
 * the loop's four or so timers a second costs more per simulated day than the rest of the harness, and
 * a fixed number of rounds can still be outlasted by a database round trip. This one keeps its timers
 * in a heap and settles once per timer with a macrotask.
 */
export class SettlingClock implements Clock {
  #now: number
  #nextId = 1
  readonly #heap: Timer[] = []
  /** Ids of the timers set and neither fired nor cleared. */
  readonly #pending = new Set<number>()

  constructor(start: number) {
    this.#now = start
  }

  now(): number {
    return this.#now
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { id: this.#nextId++, at: this.#now + Math.max(0, ms), fn }
    this.#pending.add(timer.id)
    this.#push(timer)
    return timer.id
  }

  clearTimeout(handle: TimerHandle): void {
    if (typeof handle === 'number') this.#pending.delete(handle)
  }

  /** Moves time to `at` (epoch ms), firing the timers due by then in order and settling after each. */
  async runUntil(at: number): Promise<void> {
    for (;;) {
      const next = this.#peek()
      if (next === undefined || next.at > at) break
      this.#pop()
      this.#pending.delete(next.id)
      this.#now = Math.max(this.#now, next.at)
      next.fn()
      await settle()
    }
    this.#now = Math.max(this.#now, at)
    await settle()
  }

  /** The earliest timer not cleared, if any (cleared ones are dropped on the way). */
  #peek(): Timer | undefined {
    while (this.#heap.length > 0 && !this.#pending.has(this.#heap[0]!.id)) this.#pop()
    return this.#heap[0]
  }

  #push(t: Timer): void {
    const h = this.#heap
    h.push(t)
    let i = h.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(h[i]!, h[parent]!)) break
      ;[h[i], h[parent]] = [h[parent]!, h[i]!]
      i = parent
    }
  }

  #pop(): void {
    const h = this.#heap
    const last = h.pop()
    if (h.length === 0 || last === undefined) return
    h[0] = last
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < h.length && before(h[l]!, h[m]!)) m = l
      if (r < h.length && before(h[r]!, h[m]!)) m = r
      if (m === i) return
      ;[h[i], h[m]] = [h[m]!, h[i]!]
      i = m
    }
  }
}

/** Heap order: earlier first, then in the order set. */
const before = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.id < b.id)
