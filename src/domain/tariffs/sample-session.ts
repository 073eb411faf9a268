import type { MeteredSession, MeterReading, ParkedStretch } from './metered-session'

/** One part of a sample session: charging `kwh` evenly over `minutes` (at `currentA`), or parked. */
export type Part = { minutes: number; kwh?: number; currentA?: number } | { parkMinutes: number }

/**
 * A sample session (for tariff previews, tests and benchmarks) from its start instant and parts, with a meter reading every `readingEveryS` seconds
 * while charging (default 60) and at each part's end, as a charger would send them.
 *
 * @example session('2026-12-07T09:30:00+01:00', [{ minutes: 165, kwh: 10 }, { parkMinutes: 42 }])
 */
export function session(startIso: string, parts: readonly Part[], readingEveryS = 60): MeteredSession {
  const start = Date.parse(startIso)
  const readings: MeterReading[] = []
  const parked: ParkedStretch[] = []
  let t = start
  let wh = 0
  for (const p of parts) {
    if ('parkMinutes' in p) {
      parked.push({ from: t, to: t + p.parkMinutes * 60_000 })
      t += p.parkMinutes * 60_000
      readings.push({ at: t, wh, currentA: 0 })
      continue
    }
    const ms = p.minutes * 60_000
    const perMs = ((p.kwh ?? 0) * 1000) / ms
    for (let dt = readingEveryS * 1000; dt < ms; dt += readingEveryS * 1000)
      readings.push({
        at: t + dt,
        wh: wh + perMs * dt,
        ...(p.currentA === undefined ? {} : { currentA: p.currentA }),
      })
    t += ms
    wh += (p.kwh ?? 0) * 1000
    readings.push({ at: t, wh, ...(p.currentA === undefined ? {} : { currentA: p.currentA }) })
  }
  return { start, end: t, readings, parked }
}
