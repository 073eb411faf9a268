/**
 * `npm run bench:pricing [-- --sessions 10000 --runs 5 --quick]`: the tariff engine on `sessions`
 * one-hour sessions with a meter value every minute (60 readings each, 7–11 kW, starting at random
 * minutes of a week in Stockholm, half of them ending with 20 min parked) under a co-op tariff:
 * a start fee, energy by time of day (day, evening peak, night, weekends) and parking after charging.
 * Reports the median over `runs` of the time to price all sessions and per session, beside a baseline
 * measured in the same run: a float sum of kWh × the hour's price over the same readings (what an
 * engine without decimals, restrictions, step sizes or VAT would do). The ratio is exactness' cost.
 */
import type { MeteredSession } from '@src/domain/tariffs/metered-session'
import { priceSession } from '@src/domain/tariffs/price-session'
import { session } from '@src/domain/tariffs/sample-session'
import type { Tariff } from '@src/domain/tariffs/tariff'
import { benchArgs, median, progress, report, round, rowMaker } from './bench-kit'

const BENCH = 'pricing'
const { out, num } = benchArgs(BENCH, { sessions: { type: 'string' }, runs: { type: 'string' } })
const count = num('sessions', 10_000, 1_000)
const runs = num('runs', 5, 1)
const ZONE = 'Europe/Stockholm'
const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const

const tariff: Tariff = {
  country_code: 'SE',
  party_id: 'CSM',
  id: 'coop-residents',
  currency: 'SEK',
  last_updated: '2026-12-01T00:00:00Z',
  elements: [
    { price_components: [{ type: 'FLAT', price: '5.00', vat: 25, step_size: 0 }] },
    {
      price_components: [{ type: 'ENERGY', price: '3.20', vat: 25, step_size: 1 }],
      restrictions: { start_time: '17:00', end_time: '20:00', day_of_week: [...WEEKDAYS] },
    },
    {
      price_components: [{ type: 'ENERGY', price: '2.40', vat: 25, step_size: 1 }],
      restrictions: { start_time: '06:00', end_time: '22:00', day_of_week: [...WEEKDAYS] },
    },
    { price_components: [{ type: 'ENERGY', price: '1.60', vat: 25, step_size: 1 }] },
    {
      price_components: [{ type: 'PARKING_TIME', price: '30.00', vat: 25, step_size: 300 }],
      restrictions: { start_time: '07:00', end_time: '22:00' },
    },
  ],
}

let seed = 7
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}
const T0 = Date.parse('2026-03-23T00:00:00Z')
const sessions: MeteredSession[] = Array.from({ length: count }, (_, i) => {
  const start = new Date(T0 + Math.floor(rand() * 7 * 1440) * 60_000).toISOString()
  const kwh = 7 + Math.floor(rand() * 400) / 100
  return session(start, i % 2 === 0 ? [{ minutes: 60, kwh }] : [{ minutes: 60, kwh }, { parkMinutes: 20 }])
})

/** The baseline: Σ ΔkWh × (peak/day/night price by UTC hour), in floats. */
function naive(s: MeteredSession): number {
  let cost = 5
  let prev = 0
  for (const r of s.readings) {
    const h = new Date(r.at).getUTCHours()
    cost += ((r.wh - prev) / 1000) * (h >= 16 && h < 19 ? 3.2 : h >= 5 && h < 21 ? 2.4 : 1.6)
    prev = r.wh
  }
  return cost
}

const engineMs: number[] = []
const baselineMs: number[] = []
let billed = 0
for (let r = 0; r < runs; r++) {
  let t = performance.now()
  let float = 0
  for (const s of sessions) float += naive(s)
  baselineMs.push(performance.now() - t)
  t = performance.now()
  let total = 0n
  for (const s of sessions)
    total += BigInt(priceSession(tariff, s, { timeZone: ZONE }).billed.inclVat?.times(100).toFixed(0) ?? '0')
  engineMs.push(performance.now() - t)
  billed = Number(total) / 100
  progress(
    `run ${r + 1}: engine ${round(engineMs.at(-1)!, 0)} ms, baseline ${round(baselineMs.at(-1)!, 1)} ms (${round(float, 0)})`,
  )
}
const row = rowMaker(BENCH, { sessions: count, readings_per_session: 60, runs })
report('Pricing', out, [
  row('price_all_median', round(median(engineMs), 0), 'ms'),
  row('per_session_median', round((median(engineMs) * 1000) / count, 1), 'µs'),
  row('float_baseline_median', round(median(baselineMs), 1), 'ms'),
  row('ratio_to_baseline', round(median(engineMs) / median(baselineMs), 1), 'x'),
  row('billed_total', billed, 'SEK'),
])
