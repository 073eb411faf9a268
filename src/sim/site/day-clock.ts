/**
 * Local time of day in a scenario whose second 0 is `startHour` o'clock local time on day 0. The
 * generators think in "day 1 at 07:30"; the world only knows seconds.
 *
 * @example
 * const clock = new DayClock(12)
 * clock.at(1, 7.5) // 70_200: day 1 at 07:30, 19.5 h after the start at noon
 */
export class DayClock {
  readonly startHour: number

  constructor(startHour: number) {
    this.startHour = startHour
  }

  /** Seconds from the start to `hour` o'clock (fractions allowed) on day `day`. */
  at(day: number, hour: number): number {
    return Math.round((day * 24 + hour - this.startHour) * 3600)
  }

  /** Hour of day (0 ≤ h < 24, fractional) at second `s`. */
  hourOf(s: number): number {
    return (((this.startHour + s / 3600) % 24) + 24) % 24
  }

  /** The day a second falls on (day 0 is the start's). */
  dayOf(s: number): number {
    return Math.floor((this.startHour + s / 3600) / 24)
  }
}
