/**
 * `npm run bench:price-series [-- --sessions 10000 --runs 5 --quick]`: what following a spot price
 * costs. (1) `sessions` one-hour sessions with a meter value every minute, starting at random minutes
 * of a week in Stockholm, priced under a spot tariff (a start fee, a week of 15-minute slots + markup,
 * one slot in ten missing: the fallback), the tariff built per session from the week's slots as
 * `tariffForSpan` does; beside the same sessions under a fixed tariff (start fee and one energy price)
 * in the same run: the ratio is what the spot elements cost the engine. (2) A month of 15-minute slots
 * (2,976 lines of the plain CSV) imported into a new series through `POST
 * /api/v1/price-series/:id/import` on a test node (file database), and the same file again (every slot
 * unchanged). Medians over `runs`.
 */
import type { MeteredSession } from '@src/domain/tariffs/metered-session'
import { priceSession } from '@src/domain/tariffs/price-session'
import { session } from '@src/domain/tariffs/sample-session'
import { type SpotSlot, spotPriced } from '@src/domain/tariffs/spot-price'
import type { Tariff } from '@src/domain/tariffs/tariff'
import { startTestNode } from '@src/testing/node'
import { benchArgs, median, progress, report, round, rowMaker } from './bench-kit'

const BENCH = 'price-series'
const { out, num } = benchArgs(BENCH, { sessions: { type: 'string' }, runs: { type: 'string' } })
const count = num('sessions', 10_000, 1_000)
const runs = num('runs', 5, 1)
const ZONE = 'Europe/Stockholm'
const QUARTER = 900_000
const KEY = 'test-api-key-0123456789'

const base: Tariff = {
  country_code: 'SE',
  party_id: 'CSM',
  id: 'visitors-spot',
  currency: 'SEK',
  last_updated: '2026-12-01T00:00:00Z',
  elements: [{ price_components: [{ type: 'FLAT', price: '5.00', vat: 25, step_size: 0 }] }],
}
const fixed: Tariff = {
  ...base,
  id: 'visitors-fixed',
  elements: [
    {
      price_components: [
        { type: 'FLAT', price: '5.00', vat: 25, step_size: 0 },
        { type: 'ENERGY', price: '2.40', vat: 25, step_size: 1 },
      ],
    },
  ],
}
const spot = { markupPerKwh: '0.45', fallbackPerKwh: '2.50', vat: 25, step_size: 1 }

let seed = 7
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}
const T0 = Date.parse('2026-03-23T00:00:00Z')
const WEEK_QUARTERS = 7 * 96
const slots: SpotSlot[] = Array.from({ length: WEEK_QUARTERS + 8 }, (_, i) => ({
  from: T0 + i * QUARTER,
  to: T0 + (i + 1) * QUARTER,
  pricePerKwh: (0.2 + Math.floor(rand() * 20_000) / 10_000).toFixed(4),
})).filter((_, i) => i % 10 !== 3)
const sessions: MeteredSession[] = Array.from({ length: count }, () => {
  const start = new Date(T0 + Math.floor(rand() * 7 * 1440) * 60_000).toISOString()
  return session(start, [{ minutes: 60, kwh: 7 + Math.floor(rand() * 400) / 100 }])
})
/** The slots a session's span overlaps, as the repository's range query answers them. */
const overlapping = (s: MeteredSession) => slots.filter((x) => x.to > s.start && x.from < s.end)

const spotMs: number[] = []
const fixedMs: number[] = []
for (let r = 0; r < runs; r++) {
  let t = performance.now()
  for (const s of sessions) priceSession(fixed, s, { timeZone: ZONE })
  fixedMs.push(performance.now() - t)
  t = performance.now()
  for (const s of sessions)
    priceSession(spotPriced(base, spot, overlapping(s), { from: s.start, to: s.end }, ZONE), s, {
      timeZone: ZONE,
    })
  spotMs.push(performance.now() - t)
  progress(`run ${r + 1}: spot ${round(spotMs.at(-1)!, 0)} ms, fixed ${round(fixedMs.at(-1)!, 0)} ms`)
}

const MONTH_START = Date.parse('2026-12-01T00:00:00+01:00')
const month = [
  'start,end,price',
  ...Array.from({ length: 2976 }, (_, i) => {
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')
    const from = MONTH_START + i * QUARTER
    return `${iso(from)},${iso(from + QUARTER)},${(300 + (i % 500)).toFixed(2)}`
  }),
].join('\n')
const node = await startTestNode({ LOG_LEVEL: 'warn' })
const call = async (method: string, path: string, body: string, type: string) => {
  const res = await node.app.handle(
    new Request(`http://localhost/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${KEY}`, 'content-type': type },
      body,
    }),
  )
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as { id: string }
}
const importMs: number[] = []
const againMs: number[] = []
for (let r = 0; r < runs; r++) {
  const body = JSON.stringify({ name: `SE3 ${r}`, currency: 'SEK', slotMinutes: 15, zone: 'SE3' })
  const { id } = await call('POST', '/price-series', body, 'application/json')
  let t = performance.now()
  await call('POST', `/price-series/${id}/import?unit=MWh`, month, 'text/csv')
  importMs.push(performance.now() - t)
  t = performance.now()
  await call('POST', `/price-series/${id}/import?unit=MWh`, month, 'text/csv')
  againMs.push(performance.now() - t)
  progress(`run ${r + 1}: import ${round(importMs.at(-1)!, 0)} ms, again ${round(againMs.at(-1)!, 0)} ms`)
}
await node.dispose()

const row = rowMaker(BENCH, { sessions: count, readings_per_session: 60, runs })
report('Price series', out, [
  row('spot_price_all_median', round(median(spotMs), 0), 'ms'),
  row('spot_per_session_median', round((median(spotMs) * 1000) / count, 1), 'µs'),
  row('fixed_price_all_median', round(median(fixedMs), 0), 'ms'),
  row('spot_ratio_to_fixed', round(median(spotMs) / median(fixedMs), 2), 'x'),
  row('import_month_of_quarters_median', round(median(importMs), 0), 'ms'),
  row('reimport_unchanged_median', round(median(againMs), 0), 'ms'),
])
