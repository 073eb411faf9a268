import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { PERMISSIONS } from '@src/domain/tenancy/permissions'
import { systemScope } from '@src/domain/tenancy/scope'
import { adminSession } from '@src/testing/admin'
import { testCdr, testProfile } from '@src/testing/billing-fixtures'
import { JumpingClock } from '@src/testing/jumping-clock'
import { startTestNode, type TestNode } from '@src/testing/node'
import { pdfPages, requirePdftotext } from '@src/testing/pdf-text'
import { sql } from 'drizzle-orm'

const scope = systemScope('invoice admin test', new Set(PERMISSIONS))
const NOW = Date.parse('2026-12-04T12:00:00Z')
const NOV = Date.parse('2026-11-15T12:00:00Z')
const OCT = Date.parse('2026-10-15T12:00:00Z')
let node: TestNode
let admin: Awaited<ReturnType<typeof adminSession>>
/** The one invoice of the driver Örjan for November (two sessions: 50.00 + 12.50 → 62.50, rounded 63.00). */
let orjan = ''

const stored = (table: string) =>
  node.deps.database.db.all<{ n: number }>(sql.raw(`SELECT COUNT(*) AS n FROM ${table}`))
const count = async (table: string) => (await stored(table))[0]?.n ?? 0

beforeAll(async () => {
  node = await startTestNode({}, { clock: new JumpingClock(NOW) })
  admin = await adminSession(node)
  await node.deps.services.billingProfiles.put(scope, 'platform', testProfile({ invoicePrefix: 'P-' }))
  await node.deps.writer.write([
    node.deps.repos.people.insertDriver({
      id: 'drv-orjan',
      organizationId: 'platform',
      name: 'Örjan Ängström',
      email: 'orjan@example.com',
      phone: null,
      language: null,
      householdId: null,
      businessAccountId: null,
      costCentre: null,
      createdAt: NOW,
      updatedAt: NOW,
    }),
    ...[
      testCdr({ organizationId: 'platform', payer: 'driver:drv-orjan', endedAt: NOV, id: 'cdr-o1' }),
      testCdr({
        organizationId: 'platform',
        payer: 'driver:drv-orjan',
        endedAt: NOV + 7_200_000,
        excl: '10.00',
        incl: '12.50',
        id: 'cdr-o2',
      }),
      testCdr({ organizationId: 'platform', payer: 'driver:drv-oct', endedAt: OCT, id: 'cdr-oct' }),
      ...Array.from({ length: 55 }, (_, i) =>
        testCdr({ organizationId: 'platform', payer: `household:hh-${i}`, endedAt: NOV, id: `cdr-h${i}` }),
      ),
    ].map((c) => node.deps.repos.cdrs.insert(c)),
  ])
  await node.deps.services.billingRuns.run(scope, 'platform', '2026-10')
  const nov = await node.deps.services.billingRuns.run(scope, 'platform', '2026-11')
  const rows = await node.deps.database.db.all<{ id: string }>(
    sql`SELECT id FROM invoices WHERE buyer_id = 'drv-orjan'`,
  )
  orjan = rows[0]?.id ?? ''
  expect(nov.invoiceIds).toContain(orjan)
})
afterAll(() => node.dispose())

describe('/admin/invoices: the list', () => {
  test('newest first, 50 a page, keyed: the next page has the rest, the totals are the whole filter', async () => {
    const first = await (await admin.get('/admin/invoices')).text()
    expect(first).toContain('57 documents')
    // Örjan 63.00, 55 households × 50.00 (2,750.00), October's driver 50.00
    expect(first).toContain('total to pay 2863.00 SEK')
    expect(first).toContain('1–50 of 57')
    const next = /href="(\/admin\/invoices\?after=[^"]+)"/.exec(first)?.[1]?.replaceAll('&amp;', '&')
    expect(next).toBeDefined()
    const second = await (await admin.get(next as string)).text()
    expect(second).toContain('51–57 of 57')
    expect(second).toContain('P-000001')
    expect(first).not.toContain('P-000001<')
  })

  test('filters: period, buyer by name, kind, status; a bad one is named beside its field', async () => {
    const oct = await (await admin.get('/admin/invoices?period=2026-10')).text()
    expect(oct).toContain('1 documents')
    expect(oct).toContain('P-000001')
    const byName = await (await admin.get(`/admin/invoices?buyer=${encodeURIComponent('Ängstr')}`)).text()
    expect(byName).toContain('1 documents')
    expect(byName).toContain('total to pay 63.00 SEK')
    expect(await (await admin.get('/admin/invoices?kind=credit')).text()).toContain('No invoices match.')
    expect(await (await admin.get('/admin/invoices?status=paid')).text()).toContain('0 documents')
    const bad = await admin.get('/admin/invoices?period=2026-13&kind=receipt')
    expect(bad.status).toBe(400)
    const text = await bad.text()
    expect(text).toContain('Enter a month YYYY-MM.')
    expect(text).toContain('Choose invoices or credit notes.')
  })

  test('the CSV (Excel dialect) and the SIE file of the filtered period', async () => {
    const csv = await admin.get('/admin/invoices.csv?period=2026-11&buyer=drv-orjan')
    expect(csv.headers.get('content-disposition')).toContain('invoices-2026-11.csv')
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text.startsWith('invoice_number;')).toBe(true)
    expect(text.split('\r\n').filter((l) => l.includes('cdr-o'))).toHaveLength(2)
    expect(text).toContain('12,50')
    const sie = new Uint8Array(await (await admin.get('/admin/invoices.sie?period=2026-11')).arrayBuffer())
    const latin = new TextDecoder('latin1').decode(sie)
    expect(latin).toContain('#SIETYP 4')
    expect(latin.match(/#VER /g)).toHaveLength(56)
    const bad = await admin.get('/admin/invoices.sie?period=november')
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Enter a month YYYY-MM.')
  })
})

describe('/admin/invoices/:id: the page, its PDF and its actions', () => {
  test('parties, lines linked to their CDRs, VAT rows, rounding and total, as issued', async () => {
    const page = await (await admin.get(`/admin/invoices/${orjan}`)).text()
    expect(page).toContain('Invoice P-000002')
    expect(page).toContain('BRF Eken')
    expect(page).toContain('Örjan Ängström')
    expect(page).toContain('href="/admin/cdrs/cdr-o1"')
    expect(page).toContain('href="/admin/cdrs/cdr-o2"')
    expect(page).toContain('<td>25 %</td>')
    expect(page).toContain('0.50 SEK')
    expect(page).toContain('63.00 SEK')
    expect(page).toContain('left to pay 63.00 SEK')
  })

  test.if(requirePdftotext('the admin PDF download'))(
    'the PDF download reads back as the invoice',
    async () => {
      const res = await admin.get(`/admin/invoices/${orjan}.pdf`)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      const text = (await pdfPages(new Uint8Array(await res.arrayBuffer()))).join('\n')
      expect(text).toContain('P-000002')
      expect(text).toContain('Örjan Ängström')
      expect(text).toContain('63,00')
    },
  )

  test('a payment with a bad amount or date is refused beside its field, what was typed kept, nothing stored', async () => {
    const res = await admin.post(`/admin/invoices/${orjan}/payments`, {
      paidOn: '2026-02-30',
      amount: '63.005',
    })
    expect(res.status).toBe(400)
    const page = await res.text()
    expect(page).toContain('no such date')
    expect(page).toContain('an amount like 1250.00, at most 2 decimals')
    expect(page).toContain('value="63.005"')
    expect(await count('invoice_payments')).toBe(0)
  })

  test('a part payment leaves the rest; a reminder; the rest paid makes it paid', async () => {
    const part = await admin.post(`/admin/invoices/${orjan}/payments`, {
      paidOn: '2026-12-02',
      amount: '60,5',
    })
    expect(part.status).toBe(303)
    expect(await (await admin.get(`/admin/invoices/${orjan}?done=payment`)).text()).toContain(
      'left to pay 2.50 SEK',
    )
    expect((await admin.post(`/admin/invoices/${orjan}/reminders`, {})).status).toBe(303)
    expect(await (await admin.get(`/admin/invoices/${orjan}`)).text()).toContain('>reminded<')
    await admin.post(`/admin/invoices/${orjan}/payments`, { paidOn: '2026-12-03', amount: '2.50' })
    const page = await (await admin.get(`/admin/invoices/${orjan}`)).text()
    expect(page).toContain('>paid<')
    expect(page).toContain('2026-12-02: 60.50 SEK')
    const again = await admin.post(`/admin/invoices/${orjan}/reminders`, {})
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('Nothing is left to pay')
    const audit = await node.deps.database.db.all<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity_id = ${orjan} ORDER BY id`,
    )
    expect(audit.map((a) => a.action)).toEqual(['invoice.paid', 'invoice.reminded', 'invoice.paid'])
  })

  test('crediting needs the tick; then the credit note is shown, and a second credit is refused', async () => {
    const unticked = await admin.post(`/admin/invoices/${orjan}/credit`, {})
    expect(unticked.status).toBe(400)
    expect(await unticked.text()).toContain('Tick to confirm')
    expect(await count("invoices WHERE kind = 'credit'")).toBe(0)
    const res = await admin.post(`/admin/invoices/${orjan}/credit`, { confirm: 'yes' })
    expect(res.status).toBe(303)
    const note = await (await admin.get(res.headers.get('location') as string)).text()
    expect(note).toContain('Credit note issued.')
    expect(note).toContain('Credit note P-000058')
    expect(note).toContain('Credits invoice')
    expect(note).toContain('-63.00 SEK')
    expect(await (await admin.get(`/admin/invoices/${orjan}`)).text()).toContain('Credited by')
    const twice = await admin.post(`/admin/invoices/${orjan}/credit`, { confirm: 'yes' })
    expect(twice.status).toBe(409)
    expect(await twice.text()).toContain('is already credited')
  })

  test('an unknown invoice is 404 on the page, the PDF and every action', async () => {
    for (const path of ['/admin/invoices/inv-nope', '/admin/invoices/inv-nope.pdf'])
      expect((await admin.get(path)).status).toBe(404)
    for (const action of ['payments', 'reminders', 'credit'])
      expect((await admin.post(`/admin/invoices/inv-nope/${action}`, { confirm: 'yes' })).status).toBe(404)
  })
})
