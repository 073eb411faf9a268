import { localTime, zonedInstant } from '@src/domain/site/time-zone'

/** A driver's weekly departure plan: the ISO weekdays (1 Monday … 7 Sunday) they leave, and when. */
export interface WeeklyPlan {
  /** ISO weekdays, ascending, without repeats. */
  days: readonly number[]
  /** `HH:MM`, local to the site the car charges at. */
  time: string
  energyNeedWh: number | null
}

/** Monday to Friday. */
export const WEEKDAYS = [1, 2, 3, 4, 5] as const
/** A planned departure is at least this long after the session starts (else the next planned day). */
export const MIN_PLAN_LEAD_MS = 30 * 60_000
/** How far ahead a departure may be set (as `src/services/departures.ts` allows). */
const MAX_AHEAD_MS = 7 * 86_400_000

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/

/** `HH:MM` of a typed time (`7.15` → `07:15`), or undefined when it is not a time of day. */
export function planTime(text: string): string | undefined {
  const m = TIME.exec(text.trim())
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : undefined
}

/** The ISO weekday (1 Monday … 7 Sunday) of a calendar date. */
export function isoWeekday(year: number, month: number, day: number): number {
  const sunday0 = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  return sunday0 === 0 ? 7 : sunday0
}

/**
 * The departure a session starting at `startedAt` gets from the plan: the plan's time on the first
 * planned day, in the site's `timeZone`, at least {@link MIN_PLAN_LEAD_MS} after the start and at
 * most seven days ahead. A car plugged in on Monday at 18:00 under "weekdays 07:15" leaves Tuesday
 * 07:15; plugged in on Friday evening, it leaves Monday 07:15 (Stockholm time, whatever the season).
 */
export function plannedDeparture(plan: WeeklyPlan, startedAt: number, timeZone: string): number | undefined {
  const time = planTime(plan.time)
  if (!time || plan.days.length === 0) return undefined
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  const today = localTime(startedAt, timeZone)
  for (let offset = 0; offset <= 7; offset++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset))
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]
    if (!plan.days.includes(isoWeekday(year, month, day))) continue
    const at = zonedInstant({ year, month, day, hour, minute }, timeZone)
    if (at >= startedAt + MIN_PLAN_LEAD_MS && at <= startedAt + MAX_AHEAD_MS) return at
  }
  return undefined
}

/** A problem with the plan form, as a message key of the driver pages' catalog. */
export type PlanProblem = 'planDays' | 'planTime' | 'planEnergy'

/** The outcome of reading the plan form. */
export type PlanForm =
  | { ok: true; plan: WeeklyPlan }
  | { ok: false; errors: Partial<Record<'days' | 'time' | 'energyKwh', PlanProblem>> }

/**
 * Reads the weekly plan form: `days` the ticked ISO weekdays, `time` `HH:MM`, `energyKwh` optional
 * (0.5–200 kWh, a decimal comma allowed).
 */
export function parsePlanForm(v: { days: readonly string[]; time: string; energyKwh: string }): PlanForm {
  const errors: Partial<Record<'days' | 'time' | 'energyKwh', PlanProblem>> = {}
  const days = [...new Set(v.days.map(Number))].sort((a, b) => a - b)
  if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) errors.days = 'planDays'
  const time = planTime(v.time)
  if (!time) errors.time = 'planTime'
  const kwhText = v.energyKwh.trim().replace(',', '.')
  const wh = kwhText === '' ? null : Math.round(Number(kwhText) * 1000)
  if (wh !== null && !(wh >= 500 && wh <= 200_000)) errors.energyKwh = 'planEnergy'
  if (Object.keys(errors).length) return { ok: false, errors }
  return { ok: true, plan: { days, time: time!, energyNeedWh: wh } }
}

/** Days as stored (`1,2,3,4,5`) and back. */
export const daysText = (days: readonly number[]) => days.join(',')
/** The stored days of a plan, as numbers. */
export const daysOf = (text: string) =>
  text
    .split(',')
    .map(Number)
    .filter((d) => Number.isInteger(d) && d >= 1 && d <= 7)
