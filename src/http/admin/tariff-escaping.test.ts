import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { adminSession } from '@src/testing/admin'
import { startTestNode, type TestNode } from '@src/testing/node'

const SVG = '<svg/onload=p()>'
const IMG = '"><img src=x onerror=p()>'

let node: TestNode
let admin: Awaited<ReturnType<typeof adminSession>>
const pages: string[] = []
const posted: string[] = []

/** A page's markup without its attribute values (escaped there, a `<` inside quotes is no element). */
const markupOf = (html: string) => html.replace(/="[^"]*"/g, '=""')

const form = (name: string): Record<string, string> => ({
  name,
  currency: 'SEK',
  vat: '25',
  scale: '2',
  mode: 'halfUp',
  level: 'total',
  altSv: SVG,
  altEn: IMG,
  elements: '1',
  e0parts: '1',
  e0c0type: 'ENERGY',
  e0c0price: '2.00',
  e0c0step: '1',
})

beforeAll(async () => {
  node = await startTestNode()
  admin = await adminSession(node)
  const res = await admin.post('/admin/tariffs', form(SVG))
  const id = decodeURIComponent((res.headers.get('location') ?? '').split('/').at(-1) ?? '')
  await node.deps.writer.write([
    node.deps.repos.cdrs.insert({
      id: 'cdr-hostile',
      transactionId: -1,
      organizationId: 'platform',
      chargerId: SVG,
      evseId: 1,
      idTag: IMG,
      startedAt: 0,
      endedAt: 3_600_000,
      tariffId: id,
      tariffVersion: 1,
      currency: 'SEK',
      totalExclVat: '1',
      totalInclVat: '1.25',
      energyWh: 500,
      flags: 'stopLost',
      body: { charging_periods: [], signed_data: { signed_values: [{ signed_data: SVG }] } },
      createdAt: 0,
    }),
  ])
  pages.push(
    '/admin/tariffs',
    `/admin/tariffs/${id}`,
    `/admin/tariffs/${id}/edit`,
    `/admin/tariffs/${id}/preview?start=${encodeURIComponent(SVG)}&kwh=${encodeURIComponent(IMG)}&hours=1&power=1&zone=${encodeURIComponent(SVG)}`,
    '/admin/cdrs',
    '/admin/cdrs/cdr-hostile',
  )
  posted.push(
    await (await admin.post('/admin/tariffs', { ...form(IMG), currency: SVG, e0c0price: IMG })).text(),
  )
  posted.push(await (await admin.post(`/admin/tariffs/${id}`, { ...form(IMG), op: 'add-element' })).text())
})
afterAll(() => node.dispose())

describe('tariff and CDR pages with hostile text', () => {
  test('every page shows names, texts, ids and typed values as text, never as markup', async () => {
    const found: string[] = []
    for (const path of pages) {
      const res = await admin.get(path)
      expect({ path, status: res.status < 500 }).toEqual({ path, status: true })
      const body = markupOf(await res.text())
      for (const raw of [SVG, '<img src=x']) if (body.includes(raw)) found.push(`${path}: ${raw}`)
      if (!body.includes('&lt;svg/onload=p()&gt;') && !body.includes('&lt;img src=x'))
        found.push(`${path}: shows none of the hostile text`)
    }
    expect(found).toEqual([])
  })

  test('a refused form and a row added show what was typed as text', () => {
    for (const page of posted) {
      const body = markupOf(page)
      expect(body).not.toContain(SVG)
      expect(body).not.toContain('<img src=x')
      // in an attribute the quote is what must be escaped: the value cannot end early
      expect(page).toContain('value="&#34;><img src=x onerror=p()>"')
    }
  })
})
