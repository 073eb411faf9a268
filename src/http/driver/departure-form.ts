import { clockLabel, localTime, zonedInstant } from '@src/domain/site/time-zone'
import { departureErrors } from '@src/services/departures'

/** How many days ahead the driver may pick (today is 0). */
export const DAYS_AHEAD = 7

/**
 * A time of day on a day `dayOffset` days after `now`'s, in the site's time zone: at a Stockholm site
 * `localDeparture(now, 1, '07:30', 'Europe/Stockholm')` is tomorrow at 07:30 Stockholm time, whatever
 * the server's zone. Undefined for a malformed time.
 */
export function localDeparture(
  now: number,
  dayOffset: number,
  time: string,
  timeZone: string,
): number | undefined {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(time.trim())
  if (!m) return undefined
  const [hour, minute] = [Number(m[1]), Number(m[2])]
  if (hour > 23 || minute > 59) return undefined
  const today = localTime(now, timeZone)
  return zonedInstant(
    { year: today.year, month: today.month, day: today.day + dayOffset, hour, minute },
    timeZone,
  )
}

/** A departure as the form shows it: the day offset from today and `HH:MM`, in the site's time zone. */
export function departureFields(now: number, at: number, timeZone: string): { day: string; time: string } {
  const today = localTime(now, timeZone)
  const then = localTime(at, timeZone)
  const days =
    (Date.UTC(then.year, then.month - 1, then.day) - Date.UTC(today.year, today.month - 1, today.day)) /
    86_400_000
  return { day: String(days), time: clockLabel(then) }
}

/** The outcome of reading the driver's departure form. */
export type DepartureForm =
  | { ok: true; departureAt: number; energyNeedWh: number | null }
  | { ok: false; errors: Record<string, string> }

/**
 * Reads the form (`day` 0–7, `time` HH:MM in the site's `timeZone`, `energyKwh` optional): the departure must be in the future
 * and at most 7 days ahead, the energy 0.5–200 kWh. Messages are keyed by form field.
 */
export function parseDepartureForm(
  values: Record<string, string>,
  now: number,
  timeZone: string,
): DepartureForm {
  const errors: Record<string, string> = {}
  const dayText = (values.day ?? '').trim()
  const day = Number(dayText)
  if (dayText === '' || !Number.isInteger(day) || day < 0 || day > DAYS_AHEAD) errors.day = 'choose a day'
  const at = localDeparture(now, Number.isInteger(day) ? day : 0, values.time ?? '', timeZone)
  if (at === undefined) errors.time = 'enter a time like 07:30'
  const kwhText = (values.energyKwh ?? '').trim().replace(',', '.')
  const kwh = kwhText === '' ? null : Number(kwhText)
  const wh = kwh === null ? null : kwh * 1000
  if (errors.day || errors.time) {
    if (wh !== null && !(wh >= 500 && wh <= 200_000)) errors.energyKwh = 'enter 0.5 to 200 kWh'
    return { ok: false, errors }
  }
  const problems = departureErrors(now, at!, wh)
  if (problems.departureAt) errors.time = problems.departureAt
  if (problems.energyNeedWh) errors.energyKwh = problems.energyNeedWh
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, departureAt: at!, energyNeedWh: wh }
}
