import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
let api: ReturnType<typeof apiClient>
let office: ReturnType<typeof apiClient>
let officeKey = ''
beforeAll(async () => {
  node = await startTestNode()
  api = apiClient(node)
  await api('POST', '/organizations', { id: 'brf', name: 'BRF Eken' })
  await api('POST', '/organizations', { id: 'office', name: 'Office AB' })
  const scope = await node.deps.services.scopes.platformKey()
  const made = await node.deps.services.apiKeys.create(scope, {
    name: 'office',
    permissions: ['tariffs:read', 'tariffs:write'],
    organizationId: 'office',
  })
  if (!made.ok || !made.secret) throw new Error(made.ok ? 'no secret' : made.message)
  officeKey = made.secret
  office = apiClient(node, officeKey)
})
afterAll(() => node.dispose())

/** POSTs a CSV body to a series' import, as a client uploading a file would. */
async function importCsv(id: string, csv: string, query = 'unit=MWh', key = 'test-api-key-0123456789') {
  const res = await node.app.handle(
    new Request(`http://localhost/api/v1/price-series/${id}/import?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
      body: csv,
    }),
  )
  return { status: res.status, body: await res.json() }
}

const se3 = { name: 'Nord Pool SE3', currency: 'SEK', slotMinutes: 60, zone: 'SE3', organizationId: 'brf' }
const csv = [
  'start,end,price',
  '2026-12-08T00:00+01:00,2026-12-08T01:00+01:00,873.14',
  '2026-12-08T01:00+01:00,2026-12-08T02:00+01:00,-12.5',
  '2026-12-08T02:00+01:00,2026-12-08T03:00+01:00,401',
].join('\n')

describe('price series', () => {
  test('a series is created empty, in the organization asked for', async () => {
    const res = await api('POST', '/price-series', se3)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ organizationId: 'brf', name: 'Nord Pool SE3', slotMinutes: 60 })
    const got = await api('GET', `/price-series/${res.body.id}`)
    expect(got.body.extent).toEqual({ slots: 0, from: null, to: null })
  })

  test('a series with slots of 30 minutes or no currency is refused, naming the field', async () => {
    const res = await api('POST', '/price-series', { ...se3, slotMinutes: 30, currency: 'kr' })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('slots of 15 or 60 minutes')
    expect(JSON.stringify(res.body)).toContain('ISO 4217')
  })

  test('a CSV in SEK/MWh is imported as exact per-kWh prices; the same file again changes nothing', async () => {
    const { id } = (await api('POST', '/price-series', se3)).body
    const res = await importCsv(id, csv)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ slots: 3, added: 3, revised: 0, unchanged: 0 })
    const slots = await api(
      'GET',
      `/price-series/${id}/slots?from=2026-12-08T00:00:00%2B01:00&to=2026-12-08T02:00:00%2B01:00`,
    )
    expect(slots.body.items).toEqual([
      {
        from: '2026-12-07T23:00:00.000Z',
        to: '2026-12-08T00:00:00.000Z',
        price_per_kwh: '0.87314',
        revision: 1,
      },
      {
        from: '2026-12-08T00:00:00.000Z',
        to: '2026-12-08T01:00:00.000Z',
        price_per_kwh: '-0.0125',
        revision: 1,
      },
    ])
    expect((await importCsv(id, csv)).body).toMatchObject({ added: 0, revised: 0, unchanged: 3 })
    expect((await api('GET', `/price-series/${id}`)).body.extent).toEqual({
      slots: 3,
      from: '2026-12-07T23:00:00.000Z',
      to: '2026-12-08T02:00:00.000Z',
    })
  })

  test('a changed price is a new revision, and the price it replaced is kept with who replaced it', async () => {
    const { id } = (await api('POST', '/price-series', se3)).body
    await importCsv(id, csv)
    const corrected = csv.replace('873.14', '900')
    expect((await importCsv(id, corrected)).body).toMatchObject({ added: 0, revised: 1, unchanged: 2 })
    const from = Date.parse('2026-12-08T00:00+01:00')
    const [slot] = await node.deps.repos.priceSeries.slotsStartingAt(id, [from])
    expect([slot?.pricePerKwh, slot?.revision]).toEqual(['0.9', 2])
    const kept = await node.deps.repos.priceSeries.revisionsOf(id, [from])
    expect(kept.map((r) => [r.revision, r.pricePerKwh, r.replacedBy])).toEqual([
      [1, '0.87314', 'CSMS_API_KEY'],
    ])
  })

  test('a bad CSV is refused whole with every bad line named, and nothing is written', async () => {
    const { id } = (await api('POST', '/price-series', se3)).body
    const bad = [
      'start,end,price',
      '2026-12-08T00:00+01:00,2026-12-08T01:00+01:00,873.14',
      '2026-12-08 01:00,2026-12-08T02:00+01:00,1',
      '2026-12-08T02:00+01:00,2026-12-08T03:00+01:00,abc',
      '2026-12-08T03:00+01:00,2026-12-08T04:00+01:00',
    ].join('\n')
    const res = await importCsv(id, bad)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toBe('nothing imported: lines 3, 4, 5 cannot be read')
    expect(res.body.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5])
    expect(res.body.errors[1].message).toBe('price "abc" is not a decimal number')
    const wrongLength = await importCsv(
      id,
      'start,end,price\n2026-12-08T00:00+01:00,2026-12-08T00:15+01:00,1\n2026-12-08T00:00+01:00,2026-12-08T01:00+01:00,1\n2026-12-08T00:00+01:00,2026-12-08T01:00+01:00,2',
    )
    expect(wrongLength.body.errors).toEqual([
      { line: 2, message: 'a slot of this series is 60 minutes long' },
      { line: 4, message: 'the same slot as line 3' },
    ])
    expect((await api('GET', `/price-series/${id}`)).body.extent.slots).toBe(0)
  })

  test('a CSV in kWh is read as per kWh; a dry run answers what it would do and writes nothing', async () => {
    const { id } = (await api('POST', '/price-series', se3)).body
    expect((await importCsv(id, csv, 'unit=kWh&dryRun=true')).body.first[0].price_per_kwh).toBe('873.14')
    expect((await importCsv(id, csv, 'unit=GWh')).status).toBe(400)
    const dry = await importCsv(id, csv, 'unit=MWh&dryRun=true')
    expect(dry.body).toMatchObject({ slots: 3, added: 3 })
    expect(dry.body.first[0]).toEqual({
      from: '2026-12-07T23:00:00.000Z',
      to: '2026-12-08T00:00:00.000Z',
      price_per_kwh: '0.87314',
    })
    expect((await api('GET', `/price-series/${id}`)).body.extent.slots).toBe(0)
  })

  test('JSON slots are imported the same way; a bad one is named by its position', async () => {
    const { id } = (await api('POST', '/price-series', { ...se3, slotMinutes: 15 })).body
    const slot = (from: string, to: string, price: string) => ({ from, to, price_per_kwh: price })
    const ok = await api('PUT', `/price-series/${id}/slots`, {
      slots: [
        slot('2026-12-08T00:00:00+01:00', '2026-12-08T00:15:00+01:00', '0.50'),
        slot('2026-12-08T00:15:00+01:00', '2026-12-08T00:30:00+01:00', '0.55'),
      ],
    })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ added: 2 })
    const bad = await api('PUT', `/price-series/${id}/slots`, {
      slots: [
        slot('2026-12-08T00:30:00+01:00', '2026-12-08T00:45:00+01:00', '0.5'),
        slot('2026-12-08T00:50:00+01:00', '2026-12-08T01:05:00+01:00', '0.5'),
      ],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toEqual([{ line: 2, message: 'a 15-minute slot starts on the quarter hour' }])
    const float = await api('PUT', `/price-series/${id}/slots`, {
      slots: [{ from: '2026-12-08T00:30:00+01:00', to: '2026-12-08T00:45:00+01:00', price_per_kwh: 0.5 }],
    })
    expect(float.status).toBe(400)
  })

  test('an unknown series is 404, a slots query over 32 days 400', async () => {
    expect((await api('GET', '/price-series/nope')).status).toBe(404)
    expect((await importCsv('nope', csv)).status).toBe(404)
    expect((await importCsv('nope', 'start,end,price\nbad')).status).toBe(404)
    expect(
      (
        await api('PUT', '/price-series/nope/slots', {
          slots: [{ from: '2026-12-08T00:00:00Z', to: '2026-12-08T01:00:00Z', price_per_kwh: '1' }],
        })
      ).status,
    ).toBe(404)
    const { id } = (await api('POST', '/price-series', se3)).body
    const long = await api(
      'GET',
      `/price-series/${id}/slots?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z`,
    )
    expect(long.status).toBe(400)
  })

  test("another organization's series is 404 to read, list, import into and follow", async () => {
    const { id } = (await api('POST', '/price-series', se3)).body
    expect((await office('GET', `/price-series/${id}`)).status).toBe(404)
    expect((await office('GET', '/price-series')).body.items.map((s: { id: string }) => s.id)).not.toContain(
      id,
    )
    expect((await importCsv(id, csv, 'unit=MWh', officeKey)).status).toBe(404)
    expect((await api('GET', `/price-series/${id}`)).body.extent.slots).toBe(0)
    const tariff = await office('POST', '/tariffs', {
      name: 'Spot',
      tariff: {
        currency: 'SEK',
        elements: [{ price_components: [{ type: 'FLAT', price: '0', step_size: 0 }] }],
        spot: { series_id: id, markup_per_kwh: '0.5', fallback_per_kwh: '2', vat: 25, step_size: 1 },
      },
    })
    expect(tariff.status).toBe(400)
    expect(tariff.body.error.message).toBe(`no price series ${id}`)
  })
})

describe('a tariff that follows a series', () => {
  test('is written with its spot extension; ENERGY in its elements or another currency is refused', async () => {
    const { id } = (await api('POST', '/price-series', se3)).body
    const spot = { series_id: id, markup_per_kwh: '0.50', fallback_per_kwh: '2.00', vat: 25, step_size: 1 }
    const flat = { price_components: [{ type: 'FLAT', price: '5', vat: 25, step_size: 0 }] }
    const ok = await api('POST', '/tariffs', {
      name: 'Visitors spot',
      organizationId: 'brf',
      tariff: { currency: 'SEK', elements: [flat], spot },
    })
    expect(ok.status).toBe(201)
    expect(ok.body.tariff.spot).toEqual(spot)
    const energy = await api('POST', '/tariffs', {
      name: 'x',
      organizationId: 'brf',
      tariff: {
        currency: 'SEK',
        elements: [{ price_components: [{ type: 'ENERGY', price: '2', step_size: 1 }] }],
        spot,
      },
    })
    expect(energy.status).toBe(400)
    expect(JSON.stringify(energy.body)).toContain('leave ENERGY out of its elements')
    const euro = await api('POST', '/tariffs', {
      name: 'x',
      organizationId: 'brf',
      tariff: { currency: 'EUR', elements: [flat], spot },
    })
    expect(euro.body.error.message).toBe('price series Nord Pool SE3 is in SEK, the tariff in EUR')
  })

  test("its preview prices each hour at the series' slot + markup, an hour without a slot at the fallback", async () => {
    const { id } = (await api('POST', '/price-series', se3)).body
    await importCsv(id, csv)
    const spot = { series_id: id, markup_per_kwh: '0.50', fallback_per_kwh: '2.00', vat: 25, step_size: 1 }
    const made = await api('POST', '/tariffs', {
      name: 'Preview spot',
      organizationId: 'brf',
      tariff: {
        currency: 'SEK',
        elements: [{ price_components: [{ type: 'FLAT', price: '5', vat: 25, step_size: 0 }] }],
        spot,
      },
    })
    const res = await api('POST', `/tariffs/${made.body.id}/preview`, {
      start: '2026-12-08T00:00:00+01:00',
      parts: [{ minutes: 240, kwh: 4 }],
      timeZone: 'Europe/Stockholm',
    })
    expect(res.status).toBe(200)
    const energy = (res.body.lines as { dimension: string; unitPrice: string }[]).filter(
      (l) => l.dimension === 'ENERGY',
    )
    // 0.87314 + 0.50 rounded half up to 4 decimals; -0.0125 + 0.50; 0.401 + 0.50; 03:00 has no slot
    expect(energy.map((l) => l.unitPrice)).toEqual(['1.3731', '0.4875', '0.901', '2'])
    expect([res.body.exact.exclVat, res.body.billed.exclVat]).toEqual(['9.7616', '9.76'])
  })
})
