import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { auditLog, cdrs } from '@src/db/schema'
import { adminSession } from '@src/testing/admin'
import { apiClient } from '@src/testing/api'
import { testCdr } from '@src/testing/billing-fixtures'
import { startTestNode, type TestNode } from '@src/testing/node'
import { eq } from 'drizzle-orm'

let node: TestNode
const api = (method: string, path: string, body?: unknown) => apiClient(node)(method, path, body)

/** May 2026 in Stockholm (UTC+2) runs from 2026-04-30T22:00Z to 2026-05-31T22:00Z. */
const MAY_10_08 = Date.UTC(2026, 4, 10, 8, 0) / 60_000
const LOCAL_MAY_1 = Date.UTC(2026, 3, 30, 22, 30) / 60_000
const LOCAL_JUNE_1 = Date.UTC(2026, 4, 31, 22, 30) / 60_000
const fixed = {
  currency: 'SEK',
  energy: { kind: 'fixed', pricePerKwh: '1.25' },
  energyFeePerKwh: '0.245',
  effectFeePerKw: '81.25',
}

beforeAll(async () => {
  node = await startTestNode()
  const now = Date.now()
  const { chargers, sites } = node.deps.repos
  await node.deps.writer.write([
    chargers.upsert({ id: 'EM-CP', now }),
    chargers.upsert({ id: 'EM-OTHER', now }),
  ])
  await api('PUT', '/sites/energy', { name: 'Energy', mainFuseA: 63 })
  await api('PUT', '/sites/energy/connectors/EM-CP/1', { maxA: 16, wiring: 'L1,L2,L3' })
  const load = (minute: number, evKw: number) =>
    sites.recordLoad({ siteId: 'energy', minute, l1A: 1, l2A: 1, l3A: 1, evKw, siteKw: evKw + 2 })
  const span = (from: number, count: number, kw: number) =>
    Array.from({ length: count }, (_, i) => load(from + i, kw))
  await node.deps.writer.write([
    ...span(MAY_10_08, 60, 11),
    ...span(MAY_10_08 + 60, 30, 7),
    ...span(LOCAL_MAY_1, 30, 4),
    ...span(LOCAL_JUNE_1, 30, 50),
  ])
  const cdr = (endedAt: number, excl: string, over: Partial<ReturnType<typeof testCdr>> = {}) => ({
    ...testCdr({ organizationId: 'platform', payer: null, endedAt, excl }),
    chargerId: 'EM-CP',
    ...over,
  })
  await node.deps.database.db
    .insert(cdrs)
    .values([
      cdr(Date.UTC(2026, 4, 10, 10, 0), '40.00'),
      cdr(LOCAL_MAY_1 * 60_000, '10.00'),
      cdr(Date.UTC(2026, 4, 12), '-10.00'),
      cdr(Date.UTC(2026, 4, 12), '99.00', { chargerId: 'EM-OTHER' }),
      cdr(Date.UTC(2026, 4, 13), '5.00', { currency: 'EUR' }),
      cdr(LOCAL_JUNE_1 * 60_000, '77.00'),
    ])
})
afterAll(() => node.dispose())

describe('a site’s grid tariff and energy margin', () => {
  test('without a grid tariff the margin is 404 and says what to do', async () => {
    const res = await api('GET', '/sites/energy/energy-margin?month=2026-05')
    expect(res).toMatchObject({
      status: 404,
      body: { error: { message: expect.stringContaining('set one') } },
    })
  })

  test('a bad tariff is 400 and stores nothing; a good one is kept with its audit entry', async () => {
    const bad = await api('PUT', '/sites/energy/grid-tariff', { ...fixed, energyFeePerKwh: 0.245 })
    expect(bad.status).toBe(400)
    expect((await api('PUT', '/sites/energy/grid-tariff', { ...fixed, currency: 'sek' })).status).toBe(400)
    expect((await api('GET', '/sites/energy/grid-tariff')).status).toBe(404)
    expect((await api('PUT', '/sites/energy/grid-tariff', fixed)).status).toBe(200)
    expect(await api('GET', '/sites/energy/grid-tariff')).toEqual({ status: 200, body: fixed })
    const audit = await node.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'site.gridTariffSet'))
    expect(audit.map((a) => a.entityId)).toEqual(['energy'])
  })

  test("a month in the site's zone: its energy and peak, and the CDRs of its connectors in the tariff's currency", async () => {
    const res = await api('GET', '/sites/energy/energy-margin?month=2026-05')
    expect(res.status).toBe(200)
    // 11 kWh + 3.5 kWh + 2 kWh (00:30–01:00 on 1 May, local); the first of June local is out
    expect(res.body).toEqual({
      siteId: 'energy',
      month: '2026-05',
      from: '2026-04-30T22:00:00.000Z',
      until: '2026-05-31T22:00:00.000Z',
      currency: 'SEK',
      energySource: 'fixed',
      energyKwh: '16.500',
      unpricedKwh: '0.000',
      peakKw: '11.00',
      energyCost: '20.63',
      energyFee: '4.04',
      effectFee: '893.75',
      cost: '918.42',
      revenue: '40.00',
      margin: '-878.42',
      sessions: 3,
      otherCurrencySessions: 1,
    })
  })

  test('a bad month is 400; an unknown site is 404', async () => {
    expect((await api('GET', '/sites/energy/energy-margin?month=2026-13')).status).toBe(400)
    expect((await api('GET', '/sites/energy/energy-margin?month=May')).status).toBe(400)
    expect((await api('GET', '/sites/nope/energy-margin?month=2026-05')).status).toBe(404)
  })

  test("a spot tariff follows a stored price series: the month's minutes priced at its slots", async () => {
    const unknown = await api('PUT', '/sites/energy/grid-tariff', {
      ...fixed,
      energy: { kind: 'spot', seriesId: 'SE3' },
    })
    expect(unknown).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringContaining('SE3') } },
    })
    const series = await api('POST', '/price-series', {
      name: 'Nord Pool SE3',
      currency: 'SEK',
      slotMinutes: 60,
      zone: 'SE3',
      organizationId: 'platform',
    })
    expect(series.status).toBe(201)
    const hour = (h: number, price: string) => ({
      from: new Date((MAY_10_08 + h * 60) * 60_000).toISOString(),
      to: new Date((MAY_10_08 + (h + 1) * 60) * 60_000).toISOString(),
      price_per_kwh: price,
    })
    const slots = await api('PUT', `/price-series/${series.body.id}/slots`, {
      slots: [hour(0, '0.50'), hour(1, '2.00')],
    })
    expect(slots.status).toBe(200)
    const spot = { ...fixed, energy: { kind: 'spot', seriesId: series.body.id } }
    expect((await api('PUT', '/sites/energy/grid-tariff', spot)).status).toBe(200)
    const out = await api('GET', '/sites/energy/energy-margin?month=2026-05')
    expect(out.status).toBe(200)
    // 11 kWh at 0.50 and 3.5 kWh at 2.00; the 2 kWh of 1 May have no slot
    expect(out.body).toMatchObject({ energySource: 'spot', energyCost: '12.50', unpricedKwh: '2.000' })
    await api('PUT', '/sites/energy/grid-tariff', fixed)
  })

  test("the admin site page shows the last months' margins, or how to set a grid tariff", async () => {
    const admin = await adminSession(node)
    await api('PUT', '/sites/bare', { name: 'Bare', mainFuseA: 63 })
    const bare = await (await admin.get('/admin/sites/bare')).text()
    expect(bare).toContain('Energy cost and margin')
    expect(bare).toContain('PUT /api/v1/sites/bare/grid-tariff')
    const page = await (await admin.get('/admin/sites/energy')).text()
    const month = node.deps.services.energyMargins.currentMonth('Europe/Stockholm')
    expect(page).toContain('id="energy-margin"')
    expect(page).toContain(`<td>${month}</td>`)
  })
})
