import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { adminSession } from '@src/testing/admin'
import { testCdr } from '@src/testing/billing-fixtures'
import { JumpingClock } from '@src/testing/jumping-clock'
import { startTestNode, type TestNode } from '@src/testing/node'
import { sql } from 'drizzle-orm'

const NOW = Date.parse('2026-12-04T12:00:00Z')
const NOV = Date.parse('2026-11-15T12:00:00Z')
let node: TestNode
let admin: Awaited<ReturnType<typeof adminSession>>
let htmx: Awaited<ReturnType<typeof adminSession>>

/** The seller profile form as a person fills it in (the test profile's values as text). */
const PROFILE = {
  organizationId: 'platform',
  legalName: 'BRF Eken',
  companyNumber: '769600-1234',
  vatNumber: 'se769600123401',
  addressLines: 'Ekvägen 1\r\n\r\n123 45 Stockholm',
  country: 'se',
  email: 'styrelsen@eken.example',
  bankgiro: '123-4567',
  iban: '',
  paymentTermsDays: '30',
  invoicePrefix: 'E-',
  language: 'sv',
  currency: 'SEK',
  timeZone: 'Europe/Stockholm',
}

const profileRow = () => node.deps.repos.invoices.profile('platform')

beforeAll(async () => {
  node = await startTestNode({}, { clock: new JumpingClock(NOW) })
  admin = await adminSession(node)
  htmx = await adminSession(node, { htmx: true })
})
afterAll(() => node.dispose())

describe('/admin/billing: the seller profile', () => {
  test('a new profile starts from defaults, and the run form from the previous month', async () => {
    const page = await (await admin.get('/admin/billing')).text()
    expect(page).toContain('Seller profile')
    expect(page).toContain('value="Europe/Stockholm"')
    expect(page).toContain('name="month" value="2026-11"')
    expect(page).toContain('No billing runs yet.')
  })

  test('bad input: every message beside its field, everything typed kept, nothing saved', async () => {
    const res = await htmx.post('/admin/billing/profile', {
      ...PROFILE,
      legalName: ' ',
      country: 'Sweden',
      bankgiro: '',
      iban: 'SE45 5000 0000 0583 9825 7467',
      paymentTermsDays: '400',
      timeZone: 'Mars/Olympus',
      email: 'styrelsen@eken',
    })
    expect(res.status).toBe(400)
    const form = await res.text()
    expect(form).not.toContain('<html')
    for (const message of [
      'enter the legal name',
      'two letters (ISO 3166), e.g. SE',
      'not a valid IBAN (its check digits do not match)',
      'days to pay, 0 to 365',
      'a time zone like Europe/Stockholm',
      'an email like billing@example.com',
    ])
      expect(form).toContain(message)
    expect(form).toContain('value="Mars/Olympus"')
    expect(form).toContain('Ekvägen 1')
    expect(await profileRow()).toBeUndefined()
  })

  test('billing without a profile is refused with the reason, and recorded as such', async () => {
    const res = await htmx.post('/admin/billing/runs', { organizationId: 'platform', month: '2026-11' })
    expect(res.status).toBe(409)
    const report = await res.text()
    expect(report).toContain('noProfile')
    expect(report).toContain('has no billing profile: it cannot invoice')
    expect(report).toContain('0 invoices issued')
  })

  test('a bankgiro or an IBAN is needed to be paid', async () => {
    const res = await htmx.post('/admin/billing/profile', { ...PROFILE, bankgiro: '' })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('enter a bankgiro or an IBAN to be paid to')
  })

  test('a good profile is saved as the invoices will show it, with an audit entry', async () => {
    const res = await htmx.post('/admin/billing/profile', {
      ...PROFILE,
      iban: 'se45 5000 0000 0583 9825 7466',
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Profile saved.')
    expect(await profileRow()).toMatchObject({
      legalName: 'BRF Eken',
      vatNumber: 'SE769600123401',
      addressLines: ['Ekvägen 1', '123 45 Stockholm'],
      country: 'SE',
      iban: 'SE4550000000058398257466',
      paymentTermsDays: 30,
      invoicePrefix: 'E-',
    })
    const audit = await node.deps.database.db.all<{ n: number }>(
      sql`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'billingProfile.updated'`,
    )
    expect(audit[0]?.n).toBe(1)
  })
})

describe('/admin/billing: a run and its report', () => {
  beforeAll(async () => {
    const cdrs = [
      testCdr({ organizationId: 'platform', payer: 'driver:drv-a', endedAt: NOV, id: 'cdr-a1' }),
      testCdr({ organizationId: 'platform', payer: 'driver:drv-a', endedAt: NOV + 3_600_000, id: 'cdr-a2' }),
      testCdr({ organizationId: 'platform', payer: null, endedAt: NOV, id: 'cdr-nobody' }),
      ...Array.from({ length: 58 }, (_, i) =>
        testCdr({ organizationId: 'platform', payer: `household:hh-${i}`, endedAt: NOV, id: `cdr-h${i}` }),
      ),
    ]
    await node.deps.writer.write(cdrs.map((c) => node.deps.repos.cdrs.insert(c)))
  })

  test('a month that is no month is refused beside the field, and nothing is run', async () => {
    const res = await htmx.post('/admin/billing/runs', { organizationId: 'platform', month: '2026-13' })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('a month like 2026-11')
    expect((await node.deps.repos.invoices.runs({ limit: 5, offset: 0 })).total).toBe(1)
  })

  test('the report: invoices issued and their total, the CDRs left out linked, the run listed', async () => {
    const res = await htmx.post('/admin/billing/runs', { organizationId: 'platform', month: '2026-11' })
    expect(res.status).toBe(200)
    const report = await res.text()
    expect(report).toContain('59 invoices issued')
    // drv-a 2 × 50.00 and 58 households × 50.00: 3,000.00 SEK in all, exact
    expect(report).toContain('to pay 3000.00 SEK')
    expect(report).toContain('No payer (the card has no owner): 1')
    expect(report).toContain('href="/admin/cdrs/cdr-nobody"')
    const page = await (await admin.get('/admin/billing')).text()
    expect(page).toContain('2026-11-01 – 2026-11-30')
    expect(page).toContain('noPayer 1')
  })

  test('a second run of the month issues nothing more', async () => {
    const res = await htmx.post('/admin/billing/runs', { organizationId: 'platform', month: '2026-11' })
    expect(await res.text()).toContain('0 invoices issued')
  })
})

describe("/admin/buyers/:kind/:id/billing: a buyer's invoicing details", () => {
  const details = () => node.deps.repos.invoices.buyerDetails('businessAccount', 'ba-sud')
  beforeAll(async () => {
    await node.deps.writer.write([
      node.deps.repos.people.insertBusinessAccount({
        id: 'ba-sud',
        organizationId: 'platform',
        name: 'Ladepark Süd GmbH',
        companyNumber: 'HRB 12345',
        billingEmail: null,
        createdAt: NOW,
        updatedAt: NOW,
      }),
    ])
  })

  test("the business account's page links to it", async () => {
    const page = await (await admin.get('/admin/business-accounts/ba-sud')).text()
    expect(page).toContain('href="/admin/buyers/business-account/ba-sud/billing"')
  })

  test('bad input is refused beside its field, what was typed kept, nothing stored', async () => {
    const res = await admin.post('/admin/buyers/business-account/ba-sud/billing', {
      addressLines: 'Hauptstraße 5\n80331 München',
      country: 'Germany',
      vatNumber: '123',
    })
    expect(res.status).toBe(400)
    const page = await res.text()
    expect(page).toContain('two letters (ISO 3166), e.g. SE')
    expect(page).toContain('e.g. SE556677889901')
    expect(page).toContain('Hauptstraße 5')
    expect(await details()).toBeUndefined()
  })

  test('saved details go on the next invoice: a German business with a VAT number is reverse-charged', async () => {
    const res = await admin.post('/admin/buyers/business-account/ba-sud/billing', {
      addressLines: 'Hauptstraße 5\n80331 München',
      country: 'de',
      vatNumber: 'de123456789',
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Invoicing details saved.')
    expect(await details()).toMatchObject({
      country: 'DE',
      vatNumber: 'DE123456789',
      organizationId: 'platform',
    })
    await node.deps.writer.write([
      node.deps.repos.cdrs.insert(
        testCdr({ organizationId: 'platform', payer: 'businessAccount:ba-sud', endedAt: NOV, id: 'cdr-sud' }),
      ),
    ])
    const run = await htmx.post('/admin/billing/runs', { organizationId: 'platform', month: '2026-11' })
    const report = await run.text()
    expect(report).toContain('1 invoices issued')
    const id = /href="\/admin\/invoices\?run=([^"]+)"/.exec(report)?.[1]
    const list = await (await admin.get(`/admin/invoices?run=${id}`)).text()
    const href = /href="(\/admin\/invoices\/inv-[^"]+)"/.exec(list)?.[1]
    const invoice = await (await admin.get(href as string)).text()
    expect(invoice).toContain('Ladepark Süd GmbH')
    expect(invoice).toContain('München')
    expect(invoice).toContain('Reverse charge')
  })

  test('an unknown kind or buyer is 404', async () => {
    expect((await admin.get('/admin/buyers/token/ba-sud/billing')).status).toBe(404)
    expect((await admin.get('/admin/buyers/driver/ba-sud/billing')).status).toBe(404)
  })
})
