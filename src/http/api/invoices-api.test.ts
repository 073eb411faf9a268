import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { CP437_HIGH } from '@src/domain/invoices/cp437'
import { parseCsv } from '@src/domain/people/csv'
import { apiClient } from '@src/testing/api'
import { testCdr, testProfile } from '@src/testing/billing-fixtures'
import { JumpingClock } from '@src/testing/jumping-clock'
import { startTestNode, type TestNode } from '@src/testing/node'
import { pdfPages, requirePdftotext } from '@src/testing/pdf-text'

const KEY = 'test-api-key-0123456789'
const NOV = Date.parse('2026-11-15T12:00:00Z')
const ORG = 'brf-ek'
/** The seller's name, with letters CP437 has at other places than Latin-1. */
const SELLER = 'Brf Åkerbärets Väg'

let node: TestNode
let api: ReturnType<typeof apiClient>
const clock = new JumpingClock(Date.parse('2026-12-02T09:00:00Z'))
const buyers = { driver: '', household: '', business: '' }

/** A request whose answer is read as bytes (documents), with its headers. */
async function raw(path: string) {
  const res = await node.app.handle(
    new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${KEY}` } }),
  )
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) }
}

/** The body of a 2xx answer, or a failure naming the route and what it said. */
async function ok(method: string, path: string, body?: unknown) {
  const res = await api(method, path, body)
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

beforeAll(async () => {
  node = await startTestNode({}, { clock })
  api = apiClient(node)
  await ok('POST', '/organizations', { id: ORG, name: 'Brf Eken' })
  buyers.driver = (await ok('POST', '/drivers', { name: 'Örjan Ängström', organizationId: ORG })).id
  buyers.household = (await ok('POST', '/households', { apartment: '1101', organizationId: ORG })).id
  buyers.business = (
    await ok('POST', '/business-accounts', { name: 'Ladepark Süd GmbH', organizationId: ORG })
  ).id
  await node.deps.writer.write(
    [
      { payer: `driver:${buyers.driver}`, endedAt: NOV },
      { payer: `driver:${buyers.driver}`, endedAt: NOV + 3_600_000, excl: '10.00', incl: '12.50' },
      { payer: `household:${buyers.household}`, endedAt: NOV },
      { payer: `businessAccount:${buyers.business}`, endedAt: NOV, excl: '80.00', incl: '100.00' },
      { payer: null, endedAt: NOV, id: 'cdr-nobody' },
    ].map((c) => node.deps.repos.cdrs.insert(testCdr({ organizationId: ORG, ...c }))),
  )
}, 30_000)
afterAll(() => node.dispose())

type Summary = {
  id: string
  number: string
  buyerId: string
  totalToPay: string
  standing: { status: string }
}
const list = async (query: string): Promise<Summary[]> => (await ok('GET', `/invoices?${query}`)).items
const driverInvoice = async () => {
  const [inv] = await list(`buyerKind=driver&buyerId=${buyers.driver}&kind=invoice`)
  if (!inv) throw new Error('the driver has no invoice')
  return inv
}

describe('seller and buyer details', () => {
  test('the profile is 404 before it is written, refused with a message when bad, then read back', async () => {
    const none = await api('GET', `/billing-profile?organizationId=${ORG}`)
    expect(none.status).toBe(404)
    expect(none.body.error.message).toBe(`organization ${ORG} has no billing profile yet`)
    const bad = await api('PUT', '/billing-profile', {
      ...testProfile({ currency: 'sek', timeZone: 'Mars/Olympus' }),
      organizationId: ORG,
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('enter the currency as an ISO 4217 code')
    expect(bad.body.error.message).toContain('enter a time zone like Europe/Stockholm')
    const put = await api('PUT', '/billing-profile', {
      ...testProfile({ legalName: SELLER, invoicePrefix: 'EK-' }),
      organizationId: ORG,
    })
    expect(put.status).toBe(200)
    expect((await ok('GET', `/billing-profile?organizationId=${ORG}`)).legalName).toBe(SELLER)
  })

  test("a business account's VAT number abroad makes its invoice reverse-charged", async () => {
    const path = `/buyer-details/businessAccount/${buyers.business}`
    expect((await ok('GET', path)).details).toBeNull()
    const put = await ok('PUT', path, {
      addressLines: ['Hauptstraße 1', '80331 München'],
      country: 'DE',
      vatNumber: 'DE123456789',
    })
    expect(put).toMatchObject({ organizationId: ORG, details: { country: 'DE', vatNumber: 'DE123456789' } })
    expect((await api('PUT', path, { addressLines: [], country: 'Germany' })).body.error.message).toContain(
      'enter the country as an ISO 3166 code',
    )
    expect((await api('GET', '/buyer-details/token/x')).status).toBe(400)
    expect((await api('GET', '/buyer-details/driver/nobody')).status).toBe(404)
  })
})

describe('billing runs through the API', () => {
  test('a bad month is 400 with a clear message, and nothing is run', async () => {
    const res = await api('POST', '/billing-runs', { month: '2026-13', organizationId: ORG })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('enter a month as YYYY-MM, e.g. 2026-11')
    expect((await ok('GET', '/billing-runs')).total).toBe(0)
  })

  test("the default month is the seller's previous one: an invoice per buyer, the payerless CDR reported", async () => {
    const res = await api('POST', '/billing-runs', { organizationId: ORG })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      organizationId: ORG,
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
      outcome: 'done',
      unbilled: [{ cdrId: 'cdr-nobody', reason: 'noPayer' }],
    })
    expect(res.body.invoiceIds).toHaveLength(3)
    const all = await list('period=2026-11')
    expect(all.map((i) => i.number).sort()).toEqual(['EK-000001', 'EK-000002', 'EK-000003'])
    const run = await ok('GET', `/billing-runs/${res.body.id}`)
    expect(run).toMatchObject({ outcome: 'done', invoices: 3, startedBy: expect.any(String) })
  })

  test('a rerun is idempotent: 201 with no new invoice, and the numbers are unchanged', async () => {
    const again = await ok('POST', '/billing-runs', { month: '2026-11', organizationId: ORG })
    expect(again).toMatchObject({ outcome: 'done', invoiceIds: [], deferred: 0 })
    expect((await list('period=2026-11')).map((i) => i.number).sort()).toEqual([
      'EK-000001',
      'EK-000002',
      'EK-000003',
    ])
    expect((await ok('GET', '/billing-runs')).items.map((r: { invoices: number }) => r.invoices)).toEqual([
      0, 3,
    ])
  })

  test('an invoice reads back with its lines, totals to the öre and its standing', async () => {
    const inv = await driverInvoice()
    const one = await ok('GET', `/invoices/${inv.id}`)
    expect(one).toMatchObject({
      organizationId: ORG,
      kind: 'invoice',
      buyerName: 'Örjan Ängström',
      issuedOn: '2026-12-02',
      dueOn: '2027-01-01',
      totalToPay: '63.00',
      standing: { status: 'unpaid', outstanding: '63.00', overdue: false, payments: [], reminders: [] },
      invoice: { totalExclVat: '50.00', totalVat: '12.50', rounding: '0.50', seller: { name: SELLER } },
    })
    expect(one.invoice.lines).toHaveLength(2)
    const business = (await list('buyerKind=businessAccount'))[0]
    const reverse = await ok('GET', `/invoices/${business?.id}`)
    expect(reverse.invoice).toMatchObject({ reverseCharge: true, totalVat: '0.00', totalToPay: '80.00' })
    expect((await api('GET', '/invoices/inv-nothing')).status).toBe(404)
  })

  test('the PDF downloads as an attachment named by its number, and pdftotext reads its number and total', async () => {
    const inv = await driverInvoice()
    const res = await raw(`/invoices/${inv.id}.pdf`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${inv.number}.pdf"`)
    expect(new TextDecoder().decode(res.bytes.slice(0, 5))).toBe('%PDF-')
    if (!requirePdftotext('read the invoice PDF back')) return
    const text = (await pdfPages(res.bytes)).join('\n')
    expect(text).toContain(inv.number)
    expect(text).toContain('63,00')
    expect(text).toContain('Örjan Ängström')
    expect((await raw('/invoices/inv-nothing.pdf')).status).toBe(404)
  })

  test('the CSV parses back: one row per line with its invoice number and amounts, in both dialects', async () => {
    const machine = await raw(`/invoices.csv?period=2026-11&dialect=machine&organizationId=${ORG}`)
    expect(machine.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(machine.headers.get('content-disposition')).toBe('attachment; filename="invoices-2026-11.csv"')
    const rows = csvRecords(new TextDecoder().decode(machine.bytes))
    expect(rows).toHaveLength(4)
    const numbers = new Map((await list('period=2026-11&kind=invoice')).map((i) => [i.number, i.buyerId]))
    expect(rows.map((r) => `${numbers.get(r.invoice_number ?? '')}=${r.amount_excl_vat}`).sort()).toEqual(
      [
        `${buyers.business}=80.00`,
        `${buyers.driver}=10.00`,
        `${buyers.driver}=40.00`,
        `${buyers.household}=40.00`,
      ].sort(),
    )
    const excel = await raw(`/invoices.csv?period=2026-11&organizationId=${ORG}`)
    expect([...excel.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(excel.bytes)
    expect(text).toContain('40,00')
    expect(text.split('\r\n')[0]).toContain(';')
  })

  test('the SIE file is CP437 bytes (å ä Ä as code page 437 has them) with one verification per invoice', async () => {
    const res = await raw(`/invoices.sie?period=2026-11&organizationId=${ORG}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; charset=IBM437')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="invoices-2026-11.si"')
    const cp437 = (ch: string) => 0x80 + CP437_HIGH.indexOf(ch)
    const name = [...'#FNAMN "Brf '].map((c) => c.charCodeAt(0))
    const at = indexOf(res.bytes, name)
    expect(at).toBeGreaterThan(0)
    expect([...res.bytes.slice(at + name.length, at + name.length + 6)]).toEqual([
      cp437('Å'),
      ...[...'kerb'].map((c) => c.charCodeAt(0)),
      cp437('ä'),
    ])
    expect(res.bytes.includes(0xc3)).toBe(false)
    const text = new TextDecoder('latin1').decode(res.bytes)
    expect(text.match(/^#VER /gm)).toHaveLength(3)
    expect(text).toContain('#FORMAT PC8')
    expect((await api('GET', '/invoices.sie?period=November')).status).toBe(400)
  })
})

describe('credit notes, payments and reminders', () => {
  test('credit once: a credit note from the same sequence; twice, or of the credit note, is 409', async () => {
    const inv = (await list('buyerKind=household'))[0] as Summary
    const note = await api('POST', `/invoices/${inv.id}/credit`)
    expect(note.status).toBe(201)
    expect(note.body).toMatchObject({ kind: 'credit', number: 'EK-000004', totalToPay: '-50.00' })
    expect(note.body.invoice.credits).toBe(inv.number)
    const twice = await api('POST', `/invoices/${inv.id}/credit`)
    expect(twice.status).toBe(409)
    expect(twice.body.error.message).toBe(`${inv.number} is already credited`)
    const ofNote = await api('POST', `/invoices/${note.body.id}/credit`)
    expect(ofNote.status).toBe(409)
    expect(ofNote.body.error.message).toContain('is a credit note')
    const credited = await ok('GET', `/invoices/${inv.id}`)
    expect(credited.standing).toMatchObject({ status: 'paid', outstanding: '0.00', creditedBy: 'EK-000004' })
  })

  test('a bad amount is 400 with a clear message and records nothing', async () => {
    const inv = await driverInvoice()
    for (const amount of ['12.345', '-5.00', '0', 63]) {
      const res = await api('POST', `/invoices/${inv.id}/payments`, { date: '2026-12-20', amount })
      expect(res.status).toBe(400)
      expect(res.body.error.message).toMatch(/amount/)
    }
    const badDate = await api('POST', `/invoices/${inv.id}/payments`, { date: '20/12/2026', amount: '1.00' })
    expect(badDate.body.error.message).toContain('enter the payment date as YYYY-MM-DD')
    expect((await ok('GET', `/invoices/${inv.id}`)).standing.payments).toEqual([])
  })

  test('a reminder, then overdue after the due date, then payments that leave nothing make it paid', async () => {
    const inv = await driverInvoice()
    const reminded = await ok('POST', `/invoices/${inv.id}/reminders`)
    expect(reminded.standing).toMatchObject({
      status: 'reminded',
      reminders: [{ sentBy: expect.any(String) }],
    })
    expect((await list('status=reminded')).map((i) => i.id)).toEqual([inv.id])
    expect(await list('status=overdue')).toEqual([])
    await clock.jumpTo(Date.parse('2027-01-05T09:00:00Z'))
    expect((await list('status=overdue')).map((i) => i.id).sort()).toEqual(
      [inv.id, (await list('buyerKind=businessAccount'))[0]?.id ?? 'none'].sort(),
    )
    const part = await ok('POST', `/invoices/${inv.id}/payments`, { date: '2027-01-04', amount: '60' })
    expect(part.standing).toMatchObject({ status: 'reminded', outstanding: '3.00', overdue: true })
    const rest = await ok('POST', `/invoices/${inv.id}/payments`, { date: '2027-01-05', amount: '3.00' })
    expect(rest.standing).toMatchObject({ status: 'paid', outstanding: '0.00', overdue: false })
    expect(rest.standing.payments.map((p: { amount: string }) => p.amount)).toEqual(['60.00', '3.00'])
    expect((await list('status=paid&kind=invoice')).map((i) => i.id)).toContain(inv.id)
    expect((await list('status=unpaid')).map((i) => i.id)).not.toContain(inv.id)
    const again = await api('POST', `/invoices/${inv.id}/reminders`)
    expect(again.status).toBe(409)
    expect(again.body.error.message).toBe(`${inv.number} is paid: nothing to remind of`)
  })

  test('every write left its audit entry', async () => {
    const actions = (await ok('GET', '/audit?limit=500')).items.map((e: { action: string }) => e.action)
    for (const a of [
      'billingProfile.updated',
      'buyerDetails.updated',
      'billing.run',
      'invoice.credited',
      'invoice.paid',
      'invoice.reminded',
    ])
      expect(actions).toContain(a)
  })
})

describe('permissions', () => {
  test('a key that reads billing lists invoices but cannot run billing, credit or record a payment (403)', async () => {
    const key = await ok('POST', '/api-keys', {
      name: 'accountant',
      permissions: ['billing:read'],
      organizationId: ORG,
    })
    const reader = apiClient(node, key.secret)
    const inv = await driverInvoice()
    expect((await reader('GET', '/invoices')).body.total).toBeGreaterThan(0)
    expect((await reader('GET', `/invoices/${inv.id}`)).status).toBe(200)
    const writes = await Promise.all([
      reader('POST', '/billing-runs', { month: '2026-11' }),
      reader('POST', `/invoices/${inv.id}/credit`),
      reader('POST', `/invoices/${inv.id}/payments`, { date: '2027-01-05', amount: '1.00' }),
      reader('PUT', '/billing-profile', testProfile()),
    ])
    expect(writes.map((w) => w.status)).toEqual([403, 403, 403, 403])
    expect(writes[0]?.body.error.message).toBe('this key lacks the permission billing:write')
  })
})

describe('the OpenAPI document', () => {
  test('describes every billing route with its success body and the error body', async () => {
    const doc = (await (
      await node.app.handle(new Request('http://localhost/api/v1/openapi.json'))
    ).json()) as {
      paths: Record<
        string,
        Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>
      >
    }
    const billing = Object.entries(doc.paths)
      .filter(([path]) => /^\/api\/v1\/(billing-runs|invoices|billing-profile|buyer-details)/.test(path))
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({ route: `${method} ${path}`, op })),
      )
    expect(billing).toHaveLength(14)
    const gaps = billing.flatMap(({ route, op }) => {
      const responses = op.responses ?? {}
      const success = ['200', '201'].some((s) => responses[s]?.content)
      const error = JSON.stringify(responses['400']?.content ?? {}).includes('message')
      return [
        ...(success ? [] : [`${route}: no success body`]),
        ...(error ? [] : [`${route}: no error body`]),
      ]
    })
    expect(gaps).toEqual([])
  })
})

/** CSV text as records by header, through the people CSV's RFC 4180 parser. */
function csvRecords(text: string): Record<string, string>[] {
  const parsed = parseCsv(text)
  if (!parsed.ok) throw new Error(parsed.error)
  const [header = [], ...rows] = parsed.rows
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])))
}

/** Where `needle` first occurs in `bytes`, or -1. */
function indexOf(bytes: Uint8Array, needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer
    return i
  }
  return -1
}
