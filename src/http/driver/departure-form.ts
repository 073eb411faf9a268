import { departureErrors } from '@src/services/departures'

/** How many days ahead the driver may pick (today is 0). */
export const DAYS_AHEAD = 7

/**
 * A time of day on a day `dayOffset` days after `now`'s, in the server's time zone (the site's local
 * time): `localDeparture(now, 1, '07:30')` is tomorrow at 07:30. Undefined for a malformed time.
 */
export function localDeparture(now: number, dayOffset: number, time: string): number | undefined {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(time.trim())
  if (!m) return undefined
  const [h, min] = [Number(m[1]), Number(m[2])]
  if (h > 23 || min > 59) return undefined
  const d = new Date(now)
  d.setHours(0, 0, 0, 0)
  d.setDate(d.getDate() + dayOffset)
  d.setHours(h, min, 0, 0)
  return d.getTime()
}

/** A departure as the form shows it: the day offset from today and `HH:MM`, local time. */
export function departureFields(now: number, at: number): { day: string; time: string } {
  const today = new Date(now)
  today.setHours(0, 0, 0, 0)
  const day = new Date(at)
  const time = `${String(day.getHours()).padStart(2, '0')}:${String(day.getMinutes()).padStart(2, '0')}`
  day.setHours(0, 0, 0, 0)
  return { day: String(Math.round((day.getTime() - today.getTime()) / 86_400_000)), time }
}

/** The outcome of reading the driver's departure form. */
export type DepartureForm =
  | { ok: true; departureAt: number; energyNeedWh: number | null }
  | { ok: false; errors: Record<string, string> }

/**
 * Reads the form (`day` 0–7, `time` HH:MM, `energyKwh` optional): the departure must be in the future
 * and at most 7 days ahead, the energy 0.5–200 kWh. Messages are keyed by form field.
 */
export function parseDepartureForm(values: Record<string, string>, now: number): DepartureForm {
  const errors: Record<string, string> = {}
  const dayText = (values.day ?? '').trim()
  const day = Number(dayText)
  if (dayText === '' || !Number.isInteger(day) || day < 0 || day > DAYS_AHEAD) errors.day = 'choose a day'
  const at = localDeparture(now, Number.isInteger(day) ? day : 0, values.time ?? '')
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
