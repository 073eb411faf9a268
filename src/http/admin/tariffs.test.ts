import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { tariffVersions } from '@src/db/schema'
import { adminSession } from '@src/testing/admin'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'
import { eq } from 'drizzle-orm'

let node: TestNode
let admin: Awaited<ReturnType<typeof adminSession>>
let htmx: Awaited<ReturnType<typeof adminSession>>

/** A time-of-day tariff as the editor posts it: weekdays 06:00–22:00 at 2.00, else 1.20, 25 % VAT. */
const TWO_ELEMENTS: Record<string, string> = {
  name: 'Residents',
  currency: 'SEK',
  vat: '25',
  scale: '2',
  mode: 'halfUp',
  level: 'total',
  altSv: 'Dag 2,50 kr/kWh',
  altEn: 'Day 2.50 SEK/kWh',
  elements: '2',
  e0parts: '1',
  e0c0type: 'ENERGY',
  e0c0price: '2.00',
  e0c0step: '1',
  e0from: '06:00',
  e0to: '22:00',
  e0day0: 'on',
  e0day1: 'on',
  e0day2: 'on',
  e0day3: 'on',
  e0day4: 'on',
  e1parts: '1',
  e1c0type: 'ENERGY',
  e1c0price: '1.20',
  e1c0step: '1',
}

beforeAll(async () => {
  node = await startTestNode()
  admin = await adminSession(node)
  htmx = await adminSession(node, { htmx: true })
})
afterAll(() => node.dispose())

const created = async (fields: Record<string, string>) => {
  const res = await admin.post('/admin/tariffs', fields)
  expect(res.status).toBe(303)
  return decodeURIComponent((res.headers.get('location') ?? '').split('/').at(-1) ?? '')
}

describe('the tariff editor', () => {
  test('a bad form comes back with a message beside each field and what was typed', async () => {
    const res = await admin.post('/admin/tariffs', {
      ...TWO_ELEMENTS,
      name: '',
      currency: 'kronor',
      e0c0price: '2,50',
      e1from: '25:00',
      e1c0step: 'one',
    })
    expect(res.status).toBe(400)
    const page = await res.text()
    expect(page).toContain('Enter a name.')
    expect(page).toContain('an ISO 4217 currency like SEK')
    expect(page).toContain('a non-negative amount with at most 4 decimals, like 2.50')
    expect(page).toContain('a time HH:MM (00:00–23:59)')
    expect(page).toContain('Enter a whole number.')
    expect(page).toContain('value="2,50"')
    expect(page).toContain('value="kronor"')
    expect(page).toContain('value="25:00"')
    expect(await node.deps.database.db.$count(tariffVersions)).toBe(0)
  })

  test('rows are added and removed with htmx, keeping what was typed', async () => {
    const added = await htmx.post('/admin/tariffs', { ...TWO_ELEMENTS, op: 'add-element' })
    expect(added.status).toBe(200)
    const fragment = await added.text()
    expect(fragment).not.toContain('<html')
    expect(fragment).toContain('Element 3')
    expect(fragment).toContain('value="1.20"')
    const removed = await htmx.post('/admin/tariffs', { ...TWO_ELEMENTS, op: 'remove-element:0' })
    const one = await removed.text()
    expect(one).not.toContain('Element 2')
    expect(one).toContain('value="1.20"')
    expect(one).not.toContain('value="2.00"')
    const price = await htmx.post('/admin/tariffs', { ...TWO_ELEMENTS, op: 'add-component:1' })
    expect(await price.text()).toContain('name="e1c1price"')
  })

  test('saving creates version 1, shown in words; a new version is version 2 and the first stays', async () => {
    const id = await created(TWO_ELEMENTS)
    const page = await (await admin.get(`/admin/tariffs/${id}`)).text()
    expect(page).toContain('06:00–22:00, weekdays: 2.50 SEK/kWh incl. VAT (2.00 excl. 25 % VAT)')
    expect(page).toContain('Always: 1.50 SEK/kWh incl. VAT (1.20 excl. 25 % VAT)')
    expect(page).toContain('Text (sv): Dag 2,50 kr/kWh')
    const edit = await (await admin.get(`/admin/tariffs/${id}/edit`)).text()
    expect(edit).toContain('value="2.00"')
    expect(edit).toContain('name="e0day4" checked')
    const res = await admin.post(`/admin/tariffs/${id}`, { ...TWO_ELEMENTS, e1c0price: '1.00' })
    expect(res.status).toBe(303)
    const versions = await node.deps.database.db
      .select()
      .from(tariffVersions)
      .where(eq(tariffVersions.tariffId, id))
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2])
    const first = versions.find((v) => v.version === 1)
    expect(JSON.stringify(first?.body)).toContain('"1.20"')
    const after = await (await admin.get(`/admin/tariffs/${id}`)).text()
    expect(after).toContain('Always: 1.25 SEK/kWh incl. VAT')
    expect(after).toContain('2 (current)')
  })

  test('the week chart draws the day and the night price of a time-of-day tariff', async () => {
    const id = await created({ ...TWO_ELEMENTS, name: 'Chart' })
    const page = await (await admin.get(`/admin/tariffs/${id}?zone=Europe/Stockholm`)).text()
    expect(page).toContain('Energy price incl. VAT (SEK/kWh)')
    expect(page).toContain('data-series="energy price"')
    // one step up and down per weekday: 4 points per day, 2 at each end of the week
    const path = page.match(/<path d="([^"]+)"[^>]*data-series="energy price"/)?.[1] ?? ''
    expect(path.split(/[ML]/).filter(Boolean).length).toBe(22)
    // the week starts at Monday 00:00 on the site's clock, not the server's
    expect(page).toMatch(/<g class="x-axis"><text[^>]*>\d{2}-\d{2} 00:00<\/text>/)
  })
})

describe('what does a session cost', () => {
  test('the default question is a 20 kWh evening session, answered with lines and why', async () => {
    const id = await created({ ...TWO_ELEMENTS, name: 'Default question' })
    const page = await (await admin.get(`/admin/tariffs/${id}`)).text()
    expect(page).toContain('name="kwh" inputmode="decimal" value="20"')
    expect(page).toMatch(/value="\d{4}-\d{2}-\d{2}T18:00"/)
    // the evening's element depends on today's weekday (the node's clock is real): one of the two
    expect(page).toMatch(
      /<td>ENERGY<\/td><td>element [12]: (06:00–22:00, weekdays|always)<\/td><td>20 kWh<\/td>/,
    )
  })

  test("the preview's figures are the API's", async () => {
    const id = await created({ ...TWO_ELEMENTS, name: 'Same figures' })
    const res = await htmx.get(
      `/admin/tariffs/${id}/preview?start=2026-12-07T21:00&kwh=22&hours=4&power=11&zone=Europe/Stockholm`,
    )
    expect(res.status).toBe(200)
    const fragment = await res.text()
    const api = await apiClient(node)('POST', `/tariffs/${id}/preview`, {
      start: '2026-12-07T21:00:00+01:00',
      parts: [{ minutes: 120, kwh: 22 }, { parkMinutes: 120 }],
      timeZone: 'Europe/Stockholm',
    })
    expect(api.status).toBe(200)
    // 11 kWh 21–22 at 2.00 and 11 kWh 22–23 at 1.20: 35.20 excl., 44.00 incl.
    expect(api.body.billed).toEqual({ exclVat: '35.2', vat: '8.8', inclVat: '44' })
    expect(fragment).toContain('44.00 SEK incl. VAT')
    expect(fragment).toContain('(35.20 excl., VAT 8.80; version 1)')
    expect(fragment).toContain('element 2: always')
  })

  test('a bad question is answered beside its field, what was typed kept', async () => {
    const id = await created({ ...TWO_ELEMENTS, name: 'Bad question' })
    const res = await admin.get(
      `/admin/tariffs/${id}/preview?start=soon&kwh=50&hours=1&power=11&zone=Mars/Base`,
    )
    expect(res.status).toBe(400)
    const page = await res.text()
    expect(page).toContain('Enter an IANA time zone, like Europe/Stockholm.')
    expect(page).toContain('value="soon"')
    const long = await htmx.get(
      `/admin/tariffs/${id}/preview?start=2026-12-07T18:00&kwh=50&hours=1&power=11&zone=Europe/Stockholm`,
    )
    expect(long.status).toBe(400)
    expect(await long.text()).toContain('50 kWh at 11 kW takes 4.55 h: plug in at least that long.')
  })

  test('an unknown tariff is a 404', async () => {
    expect((await admin.get('/admin/tariffs/no-such')).status).toBe(404)
    expect((await admin.get('/admin/tariffs/no-such/preview')).status).toBe(404)
    expect((await admin.post('/admin/tariffs/no-such', TWO_ELEMENTS)).status).toBe(404)
  })
})
