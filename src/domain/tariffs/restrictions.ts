import { dec } from './decimal'
import type { LocalMoment } from './local-clock'
import { DAYS_OF_WEEK, type TariffRestrictions } from './tariff'

/** What a restriction is tested against: the start of a stretch of the session in which nothing changes. */
export interface RestrictionContext {
  /** The wall-clock moment; computed only for tariffs that restrict by time, date or day. */
  local: () => LocalMoment
  /** Energy delivered since the session started (mWh). */
  energyMWh: number
  /** Time since the session started (ms). */
  durationMs: number
  /** Average power over the meter interval (W). */
  powerW: number
  /** Current summed over the phases (A): the charger's reading, else power ÷ 230 V. */
  currentA: number
}

/** A tariff element's restrictions in units the engine compares directly, with a sentence for people. */
export interface CompiledRestrictions {
  test(ctx: RestrictionContext): boolean
  /** True when the element reads the wall clock. */
  readonly local: boolean
  /** Minute-of-day boundaries (0–1439) at which the element may switch on or off. */
  readonly minutes: readonly number[]
  /** Session-duration boundaries (ms). */
  readonly durations: readonly number[]
  /** Energy boundaries (mWh). */
  readonly energies: readonly number[]
  /** Never matches a charging session (a reservation's element). */
  readonly reservation: boolean
  /** "weekdays 09:00–18:00, under 32 A", or "always". */
  readonly description: string
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
/** kWh (OCPI `number`, up to 4 decimals) → mWh, exactly. */
const mwh = (kwh: string | number) => dec(kwh).times(1_000_000).ceil().toNumber()
const num = (v: string | number) => dec(v).toNumber()

/**
 * Compiles restrictions: `start_time ≤ t < end_time` (wrapping past midnight when end < start, and
 * end 00:00 meaning midnight), `start_date ≤ date < end_date`, `min ≤ value` and `value < max` for
 * energy, current, power and duration, and the day of week, all in the site's zone.
 */
export function compileRestrictions(r: TariffRestrictions | undefined): CompiledRestrictions {
  if (!r)
    return {
      test: () => true,
      local: false,
      minutes: [],
      durations: [],
      energies: [],
      reservation: false,
      description: 'always',
    }
  const tests: ((ctx: RestrictionContext) => boolean)[] = []
  const words: string[] = []
  const from = r.start_time === undefined ? undefined : minutesOf(r.start_time)
  const to = r.end_time === undefined ? undefined : minutesOf(r.end_time)
  if (from !== undefined || to !== undefined) {
    const a = from ?? 0
    const b = to === undefined || to === 0 ? 1440 : to
    tests.push(
      a < b ? (c) => inRange(c.local().minuteOfDay, a, b) : (c) => !inRange(c.local().minuteOfDay, b, a),
    )
    words.push(`${r.start_time ?? '00:00'}–${r.end_time ?? '00:00'}`)
  }
  if (r.day_of_week && r.day_of_week.length > 0) {
    const days = new Set(r.day_of_week.map((d) => DAYS_OF_WEEK.indexOf(d)))
    tests.push((c) => days.has(c.local().weekday))
    words.push(dayWords(days))
  }
  if (r.start_date !== undefined) {
    const d = r.start_date
    tests.push((c) => c.local().date >= d)
    words.push(`from ${d}`)
  }
  if (r.end_date !== undefined) {
    const d = r.end_date
    tests.push((c) => c.local().date < d)
    words.push(`before ${r.end_date}`)
  }
  const energies: number[] = []
  if (r.min_kwh !== undefined) {
    const e = mwh(r.min_kwh)
    energies.push(e)
    tests.push((c) => c.energyMWh >= e)
    words.push(`from ${r.min_kwh} kWh`)
  }
  if (r.max_kwh !== undefined) {
    const e = mwh(r.max_kwh)
    energies.push(e)
    tests.push((c) => c.energyMWh < e)
    words.push(`under ${r.max_kwh} kWh`)
  }
  if (r.min_current !== undefined) {
    const a = num(r.min_current)
    tests.push((c) => c.currentA >= a)
    words.push(`at least ${r.min_current} A`)
  }
  if (r.max_current !== undefined) {
    const a = num(r.max_current)
    tests.push((c) => c.currentA < a)
    words.push(`under ${r.max_current} A`)
  }
  if (r.min_power !== undefined) {
    const w = num(r.min_power) * 1000
    tests.push((c) => c.powerW >= w)
    words.push(`at least ${r.min_power} kW`)
  }
  if (r.max_power !== undefined) {
    const w = num(r.max_power) * 1000
    tests.push((c) => c.powerW < w)
    words.push(`under ${r.max_power} kW`)
  }
  const durations: number[] = []
  if (r.min_duration !== undefined) {
    const ms = r.min_duration * 1000
    durations.push(ms)
    tests.push((c) => c.durationMs >= ms)
    words.push(`after ${clock(r.min_duration)} of the session`)
  }
  if (r.max_duration !== undefined) {
    const ms = r.max_duration * 1000
    durations.push(ms)
    tests.push((c) => c.durationMs < ms)
    words.push(`in the first ${clock(r.max_duration)} of the session`)
  }
  if (r.reservation) words.push(r.reservation === 'RESERVATION' ? 'reservations' : 'expired reservations')
  const local =
    from !== undefined ||
    to !== undefined ||
    r.day_of_week !== undefined ||
    r.start_date !== undefined ||
    r.end_date !== undefined
  return {
    test: (c) => tests.every((t) => t(c)),
    local,
    minutes: local ? [...new Set([0, from ?? 0, to ?? 0])] : [],
    durations,
    energies,
    reservation: r.reservation !== undefined,
    description: words.length > 0 ? words.join(', ') : 'always',
  }
}

function inRange(m: number, from: number, to: number): boolean {
  return m >= from && m < to
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

function dayWords(days: ReadonlySet<number>): string {
  const key = [...days].sort().join('')
  if (key === '01234') return 'weekdays'
  if (key === '56') return 'weekends'
  return [...days]
    .sort()
    .map((d) => DAY_NAMES[d])
    .join(', ')
}

function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  return h > 0 ? `${h} h${m > 0 ? ` ${m} min` : ''}` : `${m} min`
}
