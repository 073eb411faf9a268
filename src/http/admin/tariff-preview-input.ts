import { isTimeZone } from '@src/domain/site/time-zone'
import { type PreviewQuestion, previewInput } from '@src/services/tariff-previews'
import { instantOf, localInput } from './policy-form-input'
import type { FormValues } from './tariff-form-input'

/** The default question: a 20 kWh evening session, today at 18:00, 11 kW, plugged in for 3 hours. */
export function defaultPreviewValues(now: number, zone: string): FormValues {
  return {
    start: `${localInput(now, zone).slice(0, 11)}18:00`,
    kwh: '20',
    hours: '3',
    power: '11',
    zone,
  }
}

const positive = (t: string) => (/^\d{1,6}(\.\d{1,3})?$/.test(t) && Number(t) > 0 ? Number(t) : undefined)

/** The outcome of reading the question: what the API's preview takes, or a message per field. */
export type PreviewRead =
  | { ok: true; question: PreviewQuestion }
  | { ok: false; errors: Record<string, string> }

/**
 * Reads "what does a session cost" (start in local time, kWh, hours plugged in, power) into the
 * session the API's preview prices: charging `kWh ÷ power` hours, then parked for the rest of the time
 * plugged in. The API's own schema checks it.
 */
export function readPreview(values: FormValues): PreviewRead {
  const errors: Record<string, string> = {}
  const zone = (values.zone ?? '').trim()
  const kwhText = (values.kwh ?? '').trim()
  const kwh = kwhText === '0' ? 0 : positive(kwhText)
  const hours = positive((values.hours ?? '').trim())
  const power = positive((values.power ?? '').trim())
  if (kwh === undefined) errors.kwh = 'Enter the energy in kWh, like 20.'
  if (hours === undefined) errors.hours = 'Enter the hours plugged in, like 3.'
  if (power === undefined) errors.power = 'Enter the power in kW, like 11.'
  const start = isTimeZone(zone) ? instantOf(values.start ?? '', zone) : undefined
  if (!isTimeZone(zone)) errors.zone = 'Enter an IANA time zone, like Europe/Stockholm.'
  else if (typeof start !== 'number') errors.start = 'Enter a date and time, like 2026-12-07T18:00.'
  if (kwh === undefined || hours === undefined || power === undefined || typeof start !== 'number')
    return { ok: false, errors }
  const chargingMinutes = (kwh / power) * 60
  const parkMinutes = hours * 60 - chargingMinutes
  if (parkMinutes < -1e-9) {
    errors.hours = `${kwh} kWh at ${power} kW takes ${(chargingMinutes / 60).toFixed(2)} h: plug in at least that long.`
    return { ok: false, errors }
  }
  const parts = [
    ...(kwh > 0 ? [{ minutes: chargingMinutes, kwh }] : []),
    ...(parkMinutes > 1e-9 ? [{ parkMinutes }] : []),
  ]
  const parsed = previewInput.safeParse({ start: new Date(start).toISOString(), parts, timeZone: zone })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const top = String(issue.path[0] ?? 'form')
      const field = top === 'timeZone' ? 'zone' : top === 'parts' ? 'hours' : top
      errors[field] ??= issue.message
    }
    return { ok: false, errors }
  }
  return { ok: true, question: parsed.data }
}
