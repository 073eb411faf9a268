/**
 * The only module that touches wall-clock time and timers.
 *
 * Everything that waits or timestamps takes a `Clock` in its deps, so tests drive time with
 * {@link FakeClock} instead of sleeping. `now()` is milliseconds since the Unix epoch.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
  /** Runs `fn` once after `ms`; returns a handle for {@link Clock.clearTimeout}. */
  setTimeout(fn: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

/** Opaque timer handle; only the clock that created it can clear it. */
export type TimerHandle = { readonly __timer: unique symbol } | number | object

/** The real clock: `Date.now` and the runtime's timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as TimerHandle,
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** Sleeps on the given clock (a fake clock resolves it when advanced past `ms`). */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms))
}
