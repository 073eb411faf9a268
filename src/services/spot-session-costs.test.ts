import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { StoredSample, TransactionRow } from '@src/db/repos/transactions'
import { cdrPricing } from '@src/domain/tariffs/cdr-pricing'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'
import { startedTransaction } from '@src/testing/transactions'
import { SessionCosts } from './session-costs'

/**
 * A session under a tariff that follows 15-minute spot prices, priced by `SessionCosts` from the
 * database (the series' slots as stored at pricing time) like the running cost and the CDR are.
 */

const ZONE = 'Europe/Stockholm'
const QUARTER = 900_000
/** 01:30 summer time on the night the clocks go back (03:00 CEST becomes 02:00 CET). */
const START = Date.parse('2026-10-25T01:30:00+02:00')
/** Three hours of wall time later it is 03:30 CET: twelve quarters, the repeated hour among them. */
const END = Date.parse('2026-10-25T03:30:00+01:00')

let node: TestNode
let api: ReturnType<typeof apiClient>
let series = ''
let tx: TransactionRow
let samples: StoredSample[] = []

/** Quarter `i` of the session, as a line of the plain CSV (prices in SEK/kWh: 0.10, 0.20, … 1.20). */
function csvLine(i: number): string {
  const utc = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')
  const from = utc(START + i * QUARTER)
  const to = utc(START + (i + 1) * QUARTER)
  return `${from},${to},${((i + 1) / 10).toFixed(2)}`
}

async function importQuarters(quarters: readonly number[]) {
  const csv = ['start,end,price', ...quarters.map(csvLine)].join('\n')
  const res = await node.app.handle(
    new Request(`http://localhost/api/v1/price-series/${series}/import?unit=kWh`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-api-key-0123456789', 'content-type': 'text/csv' },
      body: csv,
    }),
  )
  expect(res.status).toBe(200)
}

/** The register reading at each quarter's end: 1 kWh a quarter. */
const register = (quarters: number): StoredSample => ({
  sampledAt: START + quarters * QUARTER,
  measurand: 'Energy.Active.Import.Register',
  phase: null,
  unit: 'Wh',
  context: 'Sample.Periodic',
  location: null,
  value: 1000 * quarters,
  raw: String(1000 * quarters),
})

const costs = () =>
  new SessionCosts({
    transactions: { registerSamplesOf: async () => samples, chargingStatesOf: async () => [] },
    tariffs: node.deps.repos.tariffs,
    facts: {
      placesOf: async () => ({
        organizationChain: ['platform'],
        site: { timeZone: ZONE, holidays: [], accessDefault: 'allowAccepted' as const },
        evses: [],
      }),
    },
    priceSeries: node.deps.repos.priceSeries,
  })

beforeAll(async () => {
  node = await startTestNode()
  api = apiClient(node)
  series = (
    await api('POST', '/price-series', {
      name: 'Nord Pool SE3',
      currency: 'SEK',
      slotMinutes: 15,
      zone: 'SE3',
    })
  ).body.id
  const tariff = await api('POST', '/tariffs', {
    id: 'spot',
    name: 'Spot',
    tariff: {
      currency: 'SEK',
      elements: [{ price_components: [{ type: 'FLAT', price: '0', vat: 25, step_size: 0 }] }],
      spot: { series_id: series, markup_per_kwh: '0.25', fallback_per_kwh: '3.00', vat: 25, step_size: 1 },
    },
  })
  expect(tariff.status).toBe(201)
  const [[row]] = await node.deps.writer.write([
    startedTransaction(node.deps.repos.transactions, {
      chargerId: 'SPOT-CP',
      evseId: 1,
      connectorId: 1,
      idTag: 'CARD',
      startStatus: 'Accepted',
      reservationId: null,
      startedAt: START,
      meterStartWh: 0,
      ocppTxId: 'spot-1',
      now: START,
    }),
  ] as const)
  const stored = row && (await node.deps.repos.transactions.find(row.id))
  if (!stored) throw new Error('no transaction')
  tx = { ...stored, tariffId: 'spot', tariffVersion: 1 }
}, 30_000)
afterAll(() => node.dispose())

describe('a session under 15-minute spot prices', () => {
  test('a slot published after the session started is used once it is there; until then it costs the fallback', async () => {
    await importQuarters([0])
    samples = [register(0), register(2)]
    const early = await costs().costOf(tx)
    // quarter 0 at 0.10 + 0.25, quarter 1 not imported yet: the fallback 3.00
    expect(early?.priced.exact.exclVat.toString()).toBe('3.35')
    await importQuarters([1])
    const later = await costs().costOf(tx)
    expect(later?.priced.exact.exclVat.toString()).toBe('0.8')
  })

  test('across the autumn change, one quarter missing: each quarter at its slot + markup, the missing one at the fallback', async () => {
    await importQuarters([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11])
    samples = Array.from({ length: 13 }, (_, i) => register(i))
    const ended = { ...tx, endedAt: END, meterStopWh: 12_000 }
    const cost = await costs().costOf(ended)
    if (!cost) throw new Error('no cost')
    const energy = cost.priced.lines.filter((l) => l.dimension === 'ENERGY')
    // One line per element (slot), in the tariff's order, the fallback last. 01:30 to 03:00 summer
    // time is quarters 0-5; then 02:00 to 03:00 again, winter time: OCPI's local-time restrictions
    // cannot tell the repeated hour from the first, so quarters 6-9 cost quarters 2-5's prices (the
    // README states it); 03:00 winter time (quarter 10) was never imported: the fallback 3.00.
    expect(energy.map((l) => [l.unitPrice.toString(), l.billed.div(1000).toString()])).toEqual([
      ['0.35', '1'],
      ['0.45', '1'],
      ['0.55', '2'],
      ['0.65', '2'],
      ['0.75', '2'],
      ['0.85', '2'],
      ['1.45', '1'],
      ['3', '1'],
    ])
    // 3.60 + 2.80 + 3.00 + 1.45 = 10.85 excl. VAT; 13.5625 incl. 25 %, billed 13.56
    expect(cost.priced.exact.exclVat.toString()).toBe('10.85')
    expect(cost.priced.billed.inclVat?.toString()).toBe('13.56')
    const cdr = cdrPricing(cost.tariff, cost.priced, cost.version.rounding)
    expect(cdr.total_cost).toEqual({ excl_vat: 10.85, incl_vat: 13.56 })
    expect(cdr.tariffs[0]?.elements).toHaveLength(11 + 1 + 1)
  })

  test('the running cost at a reading is what the ended session costs when it ends there', async () => {
    samples = Array.from({ length: 8 }, (_, i) => register(i))
    const running = await costs().costOf(tx)
    const ended = await costs().costOf({ ...tx, endedAt: START + 7 * QUARTER, meterStopWh: 7000 })
    expect(running?.priced.billed).toEqual(
      ended?.priced.billed as NonNullable<typeof running>['priced']['billed'],
    )
    // quarters 0-5 (3.60) and the repeated hour's first quarter at quarter 2's 0.55
    expect(running?.priced.exact.exclVat.toString()).toBe('4.15')
  })
})
