import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { PERMISSIONS } from '@src/domain/tenancy/permissions'
import { systemScope } from '@src/domain/tenancy/scope'
import { sha256Hex } from '@src/lib/ids'
import { adminSession } from '@src/testing/admin'
import { testCdr, testProfile } from '@src/testing/billing-fixtures'
import { JumpingClock } from '@src/testing/jumping-clock'
import { startTestNode, type TestNode } from '@src/testing/node'
import { sql } from 'drizzle-orm'

const SVG = '<svg/onload=p()>'
const IMG = '"><img src=x onerror=p()>'
const NOW = Date.parse('2026-12-04T12:00:00Z')

let node: TestNode
let admin: Awaited<ReturnType<typeof adminSession>>
const pages: string[] = []
let driverCookie = ''

/** A page's markup without its attribute values (escaped there, a `<` inside quotes is no element). */
const markupOf = (html: string) => html.replace(/="[^"]*"/g, '=""')

beforeAll(async () => {
  node = await startTestNode({}, { clock: new JumpingClock(NOW) })
  admin = await adminSession(node)
  const scope = systemScope('escaping test', new Set(PERMISSIONS))
  await node.deps.services.billingProfiles.put(
    scope,
    'platform',
    testProfile({ legalName: SVG, addressLines: [IMG], email: null }),
  )
  await node.deps.writer.write([
    node.deps.repos.people.insertDriver({
      id: 'drv-hostile',
      organizationId: 'platform',
      name: SVG,
      email: 'hostile@example.com',
      phone: null,
      language: null,
      householdId: null,
      businessAccountId: null,
      costCentre: IMG,
      createdAt: NOW,
      updatedAt: NOW,
    }),
    node.deps.repos.invoices.putBuyerDetails({
      buyerKind: 'driver',
      buyerId: 'drv-hostile',
      organizationId: 'platform',
      addressLines: [IMG],
      country: 'SE',
      vatNumber: null,
      updatedAt: NOW,
    }),
    node.deps.repos.cdrs.insert(
      testCdr({
        organizationId: 'platform',
        payer: 'driver:drv-hostile',
        endedAt: Date.parse('2026-11-15T12:00:00Z'),
      }),
    ),
    node.deps.repos.cdrs.insert(
      testCdr({
        organizationId: 'platform',
        payer: null,
        endedAt: Date.parse('2026-11-15T12:00:00Z'),
        id: 'cdr-lost',
      }),
    ),
  ])
  const run = await node.deps.services.billingRuns.run(scope, 'platform', '2026-11')
  const id = run.invoiceIds[0] as string
  pages.push(
    '/admin/billing',
    '/admin/invoices',
    `/admin/invoices?buyer=${encodeURIComponent(SVG)}&period=${encodeURIComponent(IMG)}`,
    `/admin/invoices/${id}`,
    `/admin/invoices/${encodeURIComponent(SVG)}`,
    '/admin/buyers/driver/drv-hostile/billing',
  )
  const secret = 'escaping-driver-session-secret'
  await node.deps.writer.write([
    node.deps.repos.driverAccounts.addSession({
      hash: sha256Hex(secret),
      email: 'hostile@example.com',
      createdAt: NOW,
      expiresAt: NOW + 86_400_000,
    }),
  ])
  driverCookie = `csms_driver=${secret}`
  const rows = await node.deps.database.db.all<{ n: number }>(sql`SELECT COUNT(*) AS n FROM invoices`)
  expect(rows[0]?.n).toBe(1)
})
afterAll(() => node.dispose())

describe('billing pages with hostile text', () => {
  test('every page shows names, addresses, ids and typed values as text, never as markup', async () => {
    const found: string[] = []
    const driverTab = async () =>
      node.app.handle(new Request('http://localhost/me/invoices', { headers: { cookie: driverCookie } }))
    for (const [path, get] of [
      ...pages.map((p) => [p, () => admin.get(p)] as const),
      ['/me/invoices', driverTab] as const,
    ]) {
      const res = await get()
      expect({ path, status: res.status < 500 }).toEqual({ path, status: true })
      const body = markupOf(await res.text())
      for (const raw of [SVG, '<img src=x']) if (body.includes(raw)) found.push(`${path}: ${raw}`)
      if (
        path !== '/me/invoices' &&
        !body.includes('&lt;svg/onload=p()&gt;') &&
        !body.includes('&lt;img src=x')
      )
        found.push(`${path}: shows none of the hostile text`)
    }
    expect(found).toEqual([])
  })

  test('refused forms show what was typed as text', async () => {
    const profile = await admin.post('/admin/billing/profile', {
      organizationId: 'platform',
      legalName: IMG,
      country: SVG,
    })
    const payment = await admin.post('/admin/invoices/x/payments', { paidOn: SVG, amount: IMG })
    const buyer = await admin.post('/admin/buyers/driver/drv-hostile/billing', {
      addressLines: SVG,
      country: IMG,
    })
    for (const res of [profile, buyer]) {
      expect(res.status).toBe(400)
      const page = await res.text()
      expect(markupOf(page)).not.toContain(SVG)
      expect(markupOf(page)).not.toContain('<img src=x')
    }
    expect(payment.status).toBe(404)
  })
})
