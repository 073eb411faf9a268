import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { invoiceCdrs, invoices } from '@src/db/schema'
import { PERMISSIONS } from '@src/domain/tenancy/permissions'
import { systemScope } from '@src/domain/tenancy/scope'
import { testCdr, testProfile } from '@src/testing/billing-fixtures'
import { startTestNode, type TestNode } from '@src/testing/node'
import { sql } from 'drizzle-orm'
import { Audit } from './audit'
import { BillingRuns } from './billing-runs'

const scope = systemScope('billing test', new Set(PERMISSIONS))
const NOV = Date.parse('2026-11-15T12:00:00Z')

let node: TestNode
beforeAll(async () => {
  node = await startTestNode()
})
afterAll(() => node.dispose())

const db = () => node.deps.database.db
const runs = (invoicesPerCommit?: number) =>
  new BillingRuns({
    clock: node.deps.clock,
    log: node.deps.log,
    writer: node.deps.writer,
    invoices: node.deps.repos.invoices,
    audit: new Audit({ audit: node.deps.repos.audit, clock: node.deps.clock }),
    invoicesPerCommit,
  })

async function seller(org: string) {
  await node.deps.services.billingProfiles.put(scope, org, testProfile({ invoicePrefix: `${org}-` }))
}
async function cdrs(...rows: Parameters<typeof testCdr>[0][]) {
  await node.deps.writer.write(rows.map((r) => node.deps.repos.cdrs.insert(testCdr(r))))
}
const seqs = async (org: string) =>
  (
    await db().all<{ seq: number }>(sql`SELECT seq FROM invoices WHERE organization_id = ${org} ORDER BY seq`)
  ).map((r) => r.seq)

describe('billing runs', () => {
  test('one invoice per buyer; idempotent: a second run issues nothing, the database refuses a duplicate', async () => {
    const org = 'org-idem'
    await seller(org)
    await cdrs(
      { organizationId: org, payer: 'driver:d1', endedAt: NOV },
      { organizationId: org, payer: 'driver:d1', endedAt: NOV + 3_600_000, excl: '10.00', incl: '12.50' },
      { organizationId: org, payer: 'household:h1', endedAt: NOV },
      { organizationId: org, payer: null, endedAt: NOV, id: 'cdr-nobody' },
    )
    const first = await runs().run(scope, org, '2026-11')
    expect(first).toMatchObject({ outcome: 'done', periodStart: '2026-11-01', periodEnd: '2026-11-30' })
    expect(first.invoiceIds).toHaveLength(2)
    expect(first.unbilled).toEqual([{ cdrId: 'cdr-nobody', reason: 'noPayer' }])
    const again = await runs().run(scope, org, '2026-11')
    expect(again.invoiceIds).toEqual([])
    expect(await seqs(org)).toEqual([1, 2])

    const inv = await node.deps.repos.invoices.find(first.invoiceIds[0] as string)
    expect(inv?.body).toMatchObject({
      number: `${org}-000001`,
      buyer: { kind: 'driver', id: 'd1' },
      totalExclVat: '50.00',
      totalVat: '12.50',
      rounding: '0.50',
      totalToPay: '63.00',
      paymentReference: '133',
    })
    if (!inv) throw new Error('no invoice')
    const dup = { ...inv, id: 'inv-dup', seq: 99 }
    await expect((async () => db().insert(invoices).values(dup))()).rejects.toThrow()
    const cdr = (inv.body as { lines: { cdrId: string }[] }).lines[0]?.cdrId as string
    await expect(
      (async () => db().insert(invoiceCdrs).values({ cdrId: cdr, invoiceId: 'x' }))(),
    ).rejects.toThrow()
    expect(await seqs(org)).toEqual([1, 2])
  })

  test('gapless numbers when a run fails halfway: what committed stays, the next run carries on', async () => {
    const org = 'org-gap'
    await seller(org)
    await cdrs(
      ...['a', 'b', 'c', 'd', 'e'].map((d) => ({ organizationId: org, payer: `driver:${d}`, endedAt: NOV })),
    )
    await db().run(
      sql.raw(
        `CREATE TRIGGER fail_c BEFORE INSERT ON invoices WHEN NEW.buyer_id = 'c' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`,
      ),
    )
    const failed = await runs(1).run(scope, org, '2026-11')
    expect(failed.outcome).toBe('failed')
    expect(failed.error).toContain('disk on fire')
    expect(failed.invoiceIds).toHaveLength(2)
    expect(await seqs(org)).toEqual([1, 2])
    await db().run(sql`DROP TRIGGER fail_c`)
    const rest = await runs(1).run(scope, org, '2026-11')
    expect(rest.outcome).toBe('done')
    expect(await seqs(org)).toEqual([1, 2, 3, 4, 5])
    const buyers = await db().all<{ buyer_id: string; number: string }>(
      sql`SELECT buyer_id, number FROM invoices WHERE organization_id = ${org} ORDER BY seq`,
    )
    expect(buyers.map((b) => `${b.buyer_id}=${b.number}`)).toEqual([
      'a=org-gap-000001',
      'b=org-gap-000002',
      'c=org-gap-000003',
      'd=org-gap-000004',
      'e=org-gap-000005',
    ])
    const recorded = await db().all<{ outcome: string; invoices: number }>(
      sql`SELECT outcome, invoices FROM billing_runs WHERE organization_id = ${org} ORDER BY started_at, rowid`,
    )
    expect(recorded).toEqual([
      { outcome: 'failed', invoices: 2 },
      { outcome: 'done', invoices: 3 },
    ])
  })

  test('the period is the seller-zone month: a session ending 00:30 on 1 December local is December', async () => {
    const org = 'org-edge'
    await seller(org)
    await cdrs(
      { organizationId: org, payer: 'driver:late', endedAt: Date.parse('2026-11-30T23:30:00Z') },
      { organizationId: org, payer: 'driver:early', endedAt: Date.parse('2026-11-30T22:30:00Z') },
    )
    const nov = await runs().run(scope, org, '2026-11')
    expect(nov.invoiceIds).toHaveLength(1)
    const dec = await runs().run(scope, org, '2026-12')
    expect(dec.invoiceIds).toHaveLength(1)
    const rows = await db().all<{ buyer_id: string; period_start: string }>(
      sql`SELECT buyer_id, period_start FROM invoices WHERE organization_id = ${org} ORDER BY seq`,
    )
    expect(rows).toEqual([
      { buyer_id: 'early', period_start: '2026-11-01' },
      { buyer_id: 'late', period_start: '2026-12-01' },
    ])
  })

  test('an organization without a billing profile is not invoiced from: the run says so', async () => {
    await cdrs({ organizationId: 'org-none', payer: 'driver:x', endedAt: NOV })
    const r = await runs().run(scope, 'org-none', '2026-11')
    expect(r.outcome).toBe('noProfile')
    expect(r.error).toContain('no billing profile')
    expect(await seqs('org-none')).toEqual([])
  })

  test('a credit note: negated, the next number, credits the invoice; once; never of a credit note', async () => {
    const org = 'org-credit'
    await seller(org)
    await cdrs({
      organizationId: org,
      payer: 'businessAccount:acme',
      endedAt: NOV,
      excl: '99.90',
      incl: '124.88',
    })
    const [id] = (await runs().run(scope, org, '2026-11')).invoiceIds
    const invoice = await node.deps.repos.invoices.find(id as string)
    if (!invoice) throw new Error('no invoice')
    expect(invoice.body).toMatchObject({ totalToPay: '125.00', rounding: '0.12' })
    const credited = await runs().credit(scope, invoice)
    if (!credited.ok) throw new Error(credited.message)
    expect(credited.note).toMatchObject({
      kind: 'credit',
      seq: 2,
      creditsInvoiceId: invoice.id,
      totalToPay: '-125.00',
    })
    expect(credited.note.body).toMatchObject({
      number: `${org}-000002`,
      credits: `${org}-000001`,
      totalExclVat: '-99.90',
      totalVat: '-24.98',
      rounding: '-0.12',
    })
    expect(await runs().credit(scope, invoice)).toMatchObject({ ok: false, reason: 'alreadyCredited' })
    expect(await runs().credit(scope, credited.note)).toMatchObject({ ok: false, reason: 'isCreditNote' })
    expect(await seqs(org)).toEqual([1, 2])
    const standing = await node.deps.services.payments.settlementsOf([invoice])
    expect(standing.get(invoice.id)).toMatchObject({
      status: 'paid',
      outstanding: '0.00',
      creditedBy: `${org}-000002`,
    })
  })

  test('issued invoices never change, and an invoiced CDR stays on its invoice', async () => {
    const refused = async (q: ReturnType<typeof sql>) => {
      try {
        await db().run(q)
        return 'accepted'
      } catch (err) {
        return String((err as { cause?: unknown }).cause ?? err)
      }
    }
    expect(await refused(sql`UPDATE invoices SET total_to_pay = '0'`)).toContain('immutable')
    expect(await refused(sql`DELETE FROM invoices`)).toContain('kept')
    expect(await refused(sql`DELETE FROM invoice_cdrs`)).toContain('stays on its invoice')
  })
})

describe('payments (manual adapter)', () => {
  test('unpaid, reminded, partly paid, paid; overdue past the due date; the list filters by status', async () => {
    const org = 'org-pay'
    await seller(org)
    await cdrs(
      { organizationId: org, payer: 'driver:p1', endedAt: NOV },
      { organizationId: org, payer: 'driver:p2', endedAt: NOV },
    )
    const ids = (await runs().run(scope, org, '2026-11')).invoiceIds
    const [a, b] = await Promise.all(ids.map((id) => node.deps.repos.invoices.find(id)))
    if (!a || !b) throw new Error('no invoices')
    const pay = node.deps.services.payments
    expect((await pay.settlementsOf([a])).get(a.id)).toMatchObject({ status: 'unpaid', outstanding: '50.00' })
    await pay.remind(scope, a)
    await pay.markPaid(scope, b, { paidOn: '2026-12-10', amount: '20.00' })
    let s = await pay.settlementsOf([a, b])
    expect(s.get(a.id)).toMatchObject({ status: 'reminded', outstanding: '50.00' })
    expect(s.get(b.id)).toMatchObject({ status: 'unpaid', outstanding: '30.00' })
    await pay.markPaid(scope, b, { paidOn: '2026-12-11', amount: '30.00' })
    s = await pay.settlementsOf([b])
    expect(s.get(b.id)).toMatchObject({ status: 'paid', outstanding: '0.00', overdue: false })
    expect(s.get(b.id)?.payments.map((p) => p.amount)).toEqual(['20.00', '30.00'])

    const list = (q: object) =>
      node.deps.repos.invoices.list({ limit: 10, offset: 0, within: sql`organization_id = ${org}`, ...q })
    expect((await list({ status: 'paid' })).rows.map((r) => r.id)).toEqual([b.id])
    expect((await list({ status: 'reminded' })).rows.map((r) => r.id)).toEqual([a.id])
    expect((await list({ status: 'unpaid' })).total).toBe(0)
    expect((await list({ overdueOn: '2099-01-01' })).rows.map((r) => r.id)).toEqual([a.id])
    expect((await list({ overdueOn: a.dueOn })).total).toBe(0)
  })
})
