import type { PerPhase } from '../power'

/** How far back the site's own building meter counts (ms): a week sees every weekday's habits. */
export const METER_WINDOW_MS = 7 * 24 * 3_600_000

/** One minute of the building meter, as kept with that minute's load (and restored from it). */
export interface MeterMinute {
  readonly minute: number
  /** Longest time between two consecutive readings, the later one in this minute (s); 0: none. */
  readonly gapS: number
  /** Largest rise per phase between two consecutive readings, the later one in this minute (A). */
  readonly stepA: PerPhase
}

/** An hour of meter minutes: the largest rise per phase, and how often each longest gap was seen. */
export interface MeterHour {
  readonly hour: number
  readonly stepA: PerPhase
  /** A minute's longest gap, to 0.1 s → the number of minutes it was seen in. */
  readonly gaps: ReadonlyMap<number, number>
}

/** What a site's building meter has shown over the window. */
export interface MeterSummary {
  /** The usual time between readings (s): the median minute's longest gap; null before two readings. */
  readonly intervalS: number | null
  /** The longest time between two readings (s); null before two readings. */
  readonly longestGapS: number | null
  /** The largest rise per phase between two consecutive readings (A). */
  readonly worstStepA: PerPhase
}

interface HourAcc {
  hour: number
  stepA: [number, number, number]
  gaps: Map<number, number>
}

const MINUTE_MS = 60_000
const HOUR_MS = 3_600_000
/** Finished minutes kept for the load record to pick up (the loop writes a minute once it is over). */
const RECENT_MINUTES = 5

/**
 * Watches a site's building meter: the time between readings and the largest step between two
 * consecutive readings per phase, over a rolling week, in hourly buckets (168 at most, whatever the
 * meter's rate). Pure: readings and times come in, nothing is read from a clock. A restarted loop
 * restores the week from the minutes it wrote with the load ({@link MeterWatch.restore}).
 *
 * @example
 * const watch = new MeterWatch()
 * watch.observe({ currentA: [10, 10, 10], measuredAt: t })
 * watch.observe({ currentA: [25, 10, 10], measuredAt: t + 5000 })
 * watch.summary(t + 5000) // { intervalS: 5, longestGapS: 5, worstStepA: [15, 0, 0] }
 */
export class MeterWatch {
  #last: { currentA: PerPhase; at: number } | undefined
  readonly #hours: HourAcc[] = []
  #minute: MeterMinute | undefined
  readonly #recent: MeterMinute[] = []

  /** Takes a reading; one no newer than the last is ignored (a repeat, or out of order). */
  observe(reading: { readonly currentA: PerPhase; readonly measuredAt: number }): void {
    const last = this.#last
    if (last && reading.measuredAt <= last.at) return
    this.#last = { currentA: reading.currentA, at: reading.measuredAt }
    if (!last) return
    const minute = Math.floor(reading.measuredAt / MINUTE_MS)
    if (this.#minute && this.#minute.minute !== minute) this.#finish(this.#minute)
    const before = this.#minute?.minute === minute ? this.#minute : undefined
    const gapS = (reading.measuredAt - last.at) / 1000
    const rise = (p: 0 | 1 | 2) => Math.max(0, reading.currentA[p] - last.currentA[p], before?.stepA[p] ?? 0)
    this.#minute = { minute, gapS: Math.max(gapS, before?.gapS ?? 0), stepA: [rise(0), rise(1), rise(2)] }
  }

  /** The meter's record for `minute` (to be kept with that minute's load), if it saw a reading pair. */
  minuteRecord(minute: number): MeterMinute | undefined {
    if (this.#minute?.minute === minute) return this.#minute
    return this.#recent.find((m) => m.minute === minute)
  }

  /** Puts back what was recorded before a restart (hours older than the window are dropped later). */
  restore(hours: readonly MeterHour[]): void {
    for (const h of hours) {
      const acc = this.#hourAcc(h.hour)
      acc.stepA = maxPhases(acc.stepA, h.stepA)
      for (const [gap, n] of h.gaps) acc.gaps.set(gap, (acc.gaps.get(gap) ?? 0) + n)
    }
  }

  /** The week up to `now`: the usual and longest time between readings, and the worst step per phase. */
  summary(now: number): MeterSummary {
    const from = Math.floor((now - METER_WINDOW_MS) / HOUR_MS)
    while (this.#hours.length && this.#hours[0]!.hour < from) this.#hours.shift()
    let worstStepA: [number, number, number] = [0, 0, 0]
    const gaps = new Map<number, number>()
    for (const h of this.#hours) {
      worstStepA = maxPhases(worstStepA, h.stepA)
      for (const [gap, n] of h.gaps) gaps.set(gap, (gaps.get(gap) ?? 0) + n)
    }
    const open = this.#minute
    if (open && open.gapS > 0) {
      worstStepA = maxPhases(worstStepA, open.stepA)
      const gap = roundGap(open.gapS)
      gaps.set(gap, (gaps.get(gap) ?? 0) + 1)
    }
    return { ...gapStats(gaps), worstStepA }
  }

  #finish(m: MeterMinute): void {
    this.#recent.push(m)
    if (this.#recent.length > RECENT_MINUTES) this.#recent.shift()
    const acc = this.#hourAcc(Math.floor(m.minute / 60))
    acc.stepA = maxPhases(acc.stepA, m.stepA)
    const gap = roundGap(m.gapS)
    acc.gaps.set(gap, (acc.gaps.get(gap) ?? 0) + 1)
  }

  #hourAcc(hour: number): HourAcc {
    let at = this.#hours.length
    while (at > 0 && this.#hours[at - 1]!.hour > hour) at--
    const found = this.#hours[at - 1]
    if (found?.hour === hour) return found
    const acc: HourAcc = { hour, stepA: [0, 0, 0], gaps: new Map() }
    this.#hours.splice(at, 0, acc)
    return acc
  }
}

/** A gap to 0.1 s (at least 0.1 s), as the hourly buckets (and the database query) count them. */
export function roundGap(gapS: number): number {
  return Math.max(0.1, Math.round(gapS * 10) / 10)
}

function maxPhases(a: PerPhase, b: PerPhase): [number, number, number] {
  return [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.max(a[2], b[2])]
}

function gapStats(gaps: ReadonlyMap<number, number>): {
  intervalS: number | null
  longestGapS: number | null
} {
  const sorted = [...gaps].filter(([gap]) => gap > 0).sort((a, b) => a[0] - b[0])
  const total = sorted.reduce((n, [, count]) => n + count, 0)
  if (total === 0) return { intervalS: null, longestGapS: null }
  let seen = 0
  let median = sorted[0]![0]
  for (const [gap, count] of sorted) {
    seen += count
    median = gap
    if (seen * 2 >= total) break
  }
  return { intervalS: median, longestGapS: sorted.at(-1)![0] }
}
