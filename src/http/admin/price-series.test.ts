import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { weekOf } from '@src/domain/tariffs/week-prices'
import { adminSession } from '@src/testing/admin'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
let admin: Awaited<ReturnType<typeof adminSession>>
let api: ReturnType<typeof apiClient>
beforeAll(async () => {
  node = await startTestNode()
  admin = await adminSession(node)
  api = apiClient(node)
})
afterAll(() => node.dispose())

const HOUR = 3_600_000
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')

describe('the price series pages', () => {
  test('a new series with a bad currency keeps what was typed and names the field', async () => {
    const res = await admin.post('/admin/price-series', {
      name: 'SE4',
      zone: 'SE4',
      currency: 'kr',
      slotMinutes: '60',
    })
    expect(res.status).toBe(400)
    const page = await res.text()
    expect(page).toContain('an ISO 4217 currency like SEK')
    expect(page).toContain('value="SE4"')
  })

  test('pasted lines are previewed first; nothing is written until the preview is imported', async () => {
    const made = await admin.post('/admin/price-series', {
      name: 'SE3',
      zone: 'SE3',
      currency: 'SEK',
      slotMinutes: '60',
    })
    expect(made.status).toBe(303)
    const path = made.headers.get('location') ?? ''
    const text = 'start,end,price\n2026-12-08T00:00+01:00,2026-12-08T01:00+01:00,873.14'
    const preview = await (await admin.post(`${path}/import`, { step: 'preview', unit: 'MWh', text })).text()
    expect(preview).toContain('1 slots: 1 new, 0 revised (the old price kept), 0 unchanged')
    expect(preview).toContain('<td>0.87314</td>')
    expect(preview).toContain('id="import-confirm"')
    const id = path.split('/').at(-1) ?? ''
    expect((await node.deps.repos.priceSeries.extent(id)).slots).toBe(0)
    const imported = await (await admin.post(`${path}/import`, { step: 'import', unit: 'MWh', text })).text()
    expect(imported).toContain('<h2>Imported</h2>')
    expect((await node.deps.repos.priceSeries.extent(id)).slots).toBe(1)
    const empty = await admin.post(`${path}/import`, { step: 'preview', unit: 'MWh', text: ' ' })
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('Choose a file or paste its lines.')
    expect((await admin.get('/admin/price-series/nope')).status).toBe(404)
  })

  test("a spot tariff's week chart draws the series' prices + markup, incl. VAT, where the week has slots", async () => {
    const series = await api('POST', '/price-series', {
      name: 'Week',
      currency: 'SEK',
      slotMinutes: 60,
      zone: 'SE3',
    })
    const week = weekOf(Date.now(), 'Europe/Stockholm')
    const slots = [0, 1, 2].map((h) => ({
      from: iso(week.from + h * HOUR),
      to: iso(week.from + (h + 1) * HOUR),
      price_per_kwh: ['0.60', '1.00', '0.20'][h] as string,
    }))
    expect((await api('PUT', `/price-series/${series.body.id}/slots`, { slots })).status).toBe(200)
    const tariff = await api('POST', '/tariffs', {
      name: 'Week spot',
      tariff: {
        currency: 'SEK',
        elements: [{ price_components: [{ type: 'FLAT', price: '0', vat: 25, step_size: 0 }] }],
        spot: {
          series_id: series.body.id,
          markup_per_kwh: '0.40',
          fallback_per_kwh: '2.00',
          vat: 25,
          step_size: 1,
        },
      },
    })
    const page = await (await admin.get(`/admin/tariffs/${tariff.body.id}?zone=Europe/Stockholm`)).text()
    expect(page).toContain('data-series="energy price"')
    expect(page).not.toContain('No element prices energy by the clock.')
    // (0.60 + 0.40) × 1.25 = 1.25, then 1.75 and 0.75, then the fallback 2.50 for the rest of the week
    const path = page.match(/<path d="([^"]+)"[^>]*data-series="energy price"/)?.[1] ?? ''
    const ys = [
      ...new Set(
        path
          .split(/[ML]/)
          .filter(Boolean)
          .map((p) => p.split(',')[1]?.trim()),
      ),
    ]
    // the axis runs 0 to 2.5 over 146 → 26 px: 48 px per SEK/kWh
    expect(ys).toEqual(['86.0', '62.0', '110.0', '26.0'])
    expect(page).toContain('Energy at the spot price of series')
  })
})
