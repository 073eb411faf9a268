import { type LocalTime, localTime, zonedInstant } from '@src/domain/site/time-zone'

/** Where an instant falls on the site's wall clock, as tariff restrictions read it. */
export interface LocalMoment {
  /** `YYYY-MM-DD`, compared as text with `start_date` / `end_date`. */
  date: string
  /** Minutes since local midnight, 0–1439. */
  minuteOfDay: number
  /** ISO weekday index: Monday 0 … Sunday 6. */
  weekday: number
}

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000
/** Hours of offsets kept per zone (ten years' worth) before the cache starts over. */
const MAX_CACHED_HOURS = 87_600

/**
 * Local time of a site's zone, fast: the zone's offset is looked up once per UTC hour (and checked at
 * both ends of it, so an hour with a clock change is computed minute by minute) instead of formatting
 * every instant. Pricing asks for thousands of instants per session.
 */
export class LocalClock {
  static readonly #zones = new Map<string, LocalClock>()
  readonly #offsets = new Map<number, number | null>()

  private constructor(readonly timeZone: string) {}

  /** The clock of a zone, shared, so its offsets are looked up once per process and hour. */
  static of(timeZone: string): LocalClock {
    let clock = LocalClock.#zones.get(timeZone)
    if (!clock) {
      clock = new LocalClock(timeZone)
      LocalClock.#zones.set(timeZone, clock)
    }
    return clock
  }

  /** The wall-clock moment of instant `at` (ms). */
  at(at: number): LocalMoment {
    const wall = at + this.#offsetAt(at)
    const d = new Date(wall)
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
    return { date, minuteOfDay: d.getUTCHours() * 60 + d.getUTCMinutes(), weekday: (d.getUTCDay() + 6) % 7 }
  }

  /**
   * The instant of a wall-clock time (as `zonedInstant`, which it defers to within a day of a clock
   * change; elsewhere the cached offset gives it at once).
   */
  instantOf(t: LocalTime): number {
    const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute)
    const before = this.#offsetAt(wall - DAY_MS)
    return before === this.#offsetAt(wall + DAY_MS) ? wall - before : zonedInstant(t, this.timeZone)
  }

  #offsetAt(at: number): number {
    const hour = Math.floor(at / HOUR_MS)
    let offset = this.#offsets.get(hour)
    if (offset === undefined) {
      const start = exactOffset(hour * HOUR_MS, this.timeZone)
      offset = start === exactOffset(hour * HOUR_MS + HOUR_MS - 1, this.timeZone) ? start : null
      if (this.#offsets.size >= MAX_CACHED_HOURS) this.#offsets.clear()
      this.#offsets.set(hour, offset)
    }
    return offset ?? exactOffset(at, this.timeZone)
  }
}

/** How far the zone's wall clock is ahead of UTC at `at`, in whole minutes (as ms). */
function exactOffset(at: number, timeZone: string): number {
  const t = localTime(at, timeZone)
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) - Math.floor(at / 60_000) * 60_000
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}
