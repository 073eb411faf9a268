import type { AccessWindow } from './model'
import type { WallTime } from './zone-time'

/** A window parsed once: a bitmask of start days and minutes of the day. */
export interface CompiledWindow {
  days: number
  from: number
  to: number
}

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** Parses stored windows for fast checks. */
export function compileWindows(windows: readonly AccessWindow[]): CompiledWindow[] {
  return windows.map((w) => ({
    days: w.days.reduce((mask, d) => mask | (1 << d), 0),
    from: minutes(w.from),
    to: minutes(w.to),
  }))
}

/**
 * Whether a wall-clock time is inside any window (empty: always). A window belongs to the day it
 * starts on: Friday 18:00–08:00 covers Friday evening and Saturday until 08:00. Wall-clock rules make
 * DST plain: in the March gap no instant has 02:30; in October 02:30 happens twice, both inside alike.
 */
export function insideWindows(windows: readonly CompiledWindow[], t: WallTime): boolean {
  if (windows.length === 0) return true
  const yesterday = t.weekday === 1 ? 7 : t.weekday - 1
  for (const w of windows) {
    if (w.to > w.from) {
      if (w.days & (1 << t.weekday) && t.minuteOfDay >= w.from && t.minuteOfDay < w.to) return true
    } else {
      if (w.days & (1 << t.weekday) && t.minuteOfDay >= w.from) return true
      if (w.days & (1 << yesterday) && t.minuteOfDay < w.to) return true
    }
  }
  return false
}
