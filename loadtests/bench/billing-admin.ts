/**
 * `npm run bench:billing-admin [-- --buyers 5000 --requests 200 --quick]`: the billing admin and the
 * driver's invoices tab with a co-op-sized month: `buyers` households with two sessions each in each of
 * September, October and November. Billing is run for each month through the admin's form (the median
 * of the three runs' times), then each page is asked `requests` times after 20 warm-up requests through
 * `app.handle` (no socket), reporting p50 and p95; the CDR list, measured the same way in the same run,
 * is the baseline the invoice list is compared with.
 */

import { PERMISSIONS } from '@src/domain/tenancy/permissions'
import { systemScope } from '@src/domain/tenancy/scope'
import { sha256Hex } from '@src/lib/ids'
import { adminSession } from '@src/testing/admin'
import { testCdr, testProfile } from '@src/testing/billing-fixtures'
import { JumpingClock } from '@src/testing/jumping-clock'
import { startTestNode } from '@src/testing/node'
import { sql } from 'drizzle-orm'
import { benchArgs, median, progress, report, round, rowMaker } from './bench-kit'

const BENCH = 'billing-admin'
const { out, num } = benchArgs(BENCH, { buyers: { type: 'string' }, requests: { type: 'string' } })
const buyers = num('buyers', 5000, 200)
const requests = num('requests', 200, 20)
const WARM_UP = 20
const MONTHS = ['2026-09', '2026-10', '2026-11']

const node = await startTestNode(
  { LOG_LEVEL: 'warn' },
  { clock: new JumpingClock(Date.parse('2026-12-04T12:00:00Z')) },
)
const admin = await adminSession(node)
const scope = systemScope('bench', new Set(PERMISSIONS))
await node.deps.services.billingProfiles.put(scope, 'platform', testProfile({ invoicePrefix: 'B-' }))
const now = node.deps.clock.now()
await node.deps.writer.write([
  node.deps.repos.people.insertHousehold({
    id: 'hh-0',
    organizationId: 'platform',
    siteId: null,
    apartment: '1001',
    parkingSpace: null,
    name: null,
    createdAt: now,
    updatedAt: now,
  }),
  node.deps.repos.people.insertDriver({
    id: 'drv-bench',
    organizationId: 'platform',
    name: 'Bench Driver',
    email: 'bench@example.com',
    phone: null,
    language: null,
    householdId: 'hh-0',
    businessAccountId: null,
    costCentre: null,
    createdAt: now,
    updatedAt: now,
  }),
])
for (const month of MONTHS) {
  const mid = Date.parse(`${month}-15T12:00:00Z`)
  const cdrs = Array.from({ length: buyers * 2 }, (_, i) =>
    testCdr({
      organizationId: 'platform',
      payer: `household:hh-${i % buyers}`,
      endedAt: mid + i * 1000,
      id: `cdr-${month}-${i}`,
    }),
  )
  for (let i = 0; i < cdrs.length; i += 500)
    await node.deps.writer.write(cdrs.slice(i, i + 500).map((c) => node.deps.repos.cdrs.insert(c)))
}
progress(`seeded ${buyers} households × 2 sessions × ${MONTHS.length} months`)

const runMs: number[] = []
for (const month of MONTHS) {
  const t = performance.now()
  const res = await admin.post('/admin/billing/runs', { organizationId: 'platform', month })
  await res.text()
  if (res.status !== 200) throw new Error(`billing run ${month}: ${res.status}`)
  runMs.push(performance.now() - t)
  progress(`billing run ${month}: ${round(runMs.at(-1) ?? 0, 0)} ms`)
}

// the household with a signed-in driver: its November invoice
const [latest] = await node.deps.database.db.all<{ id: string }>(
  sql`SELECT id FROM invoices WHERE buyer_id = 'hh-0' ORDER BY seq DESC LIMIT 1`,
)
const invoiceId = latest?.id ?? ''
const page = await (await admin.get('/admin/invoices')).text()
const after = /href="\/admin\/invoices\?(after=[^"]+)"/.exec(page)?.[1]?.replaceAll('&amp;', '&')
const secret = 'bench-driver-session-secret'
await node.deps.writer.write([
  node.deps.repos.driverAccounts.addSession({
    hash: sha256Hex(secret),
    email: 'bench@example.com',
    createdAt: now,
    expiresAt: now + 86_400_000,
  }),
])
const driverGet = (path: string) =>
  node.app.handle(new Request(`http://localhost${path}`, { headers: { cookie: `csms_driver=${secret}` } }))

const targets: { name: string; get: () => Promise<Response> }[] = [
  { name: 'cdr_list', get: () => admin.get('/admin/cdrs') },
  { name: 'invoice_list', get: () => admin.get('/admin/invoices') },
  { name: 'invoice_list_next_page', get: () => admin.get(`/admin/invoices?${after}`) },
  {
    name: 'invoice_list_unpaid_november',
    get: () => admin.get('/admin/invoices?status=unpaid&period=2026-11'),
  },
  { name: 'billing_page', get: () => admin.get('/admin/billing') },
  { name: 'invoice_page', get: () => admin.get(`/admin/invoices/${invoiceId}`) },
  { name: 'invoice_pdf', get: () => admin.get(`/admin/invoices/${invoiceId}.pdf`) },
  { name: 'csv_november', get: () => admin.get('/admin/invoices.csv?period=2026-11') },
  { name: 'sie_november', get: () => admin.get('/admin/invoices.sie?period=2026-11') },
  { name: 'driver_invoices_tab', get: () => driverGet('/me/invoices') },
]

const row = rowMaker(BENCH, { buyers, requests })
const rows = [row('billing_run_median', round(median(runMs), 0), 'ms', { invoices: buyers })]
const p50 = new Map<string, number>()
for (const t of targets) {
  const times: number[] = []
  for (let i = 0; i < WARM_UP + requests; i++) {
    const start = performance.now()
    const res = await t.get()
    await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`${t.name}: ${res.status}`)
    if (i >= WARM_UP) times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  p50.set(t.name, median(times))
  rows.push(row(`${t.name}_p50`, round(median(times), 1), 'ms'))
  rows.push(row(`${t.name}_p95`, round(times[Math.floor(times.length * 0.95)] ?? Number.NaN, 1), 'ms'))
  progress(`${t.name}: p50 ${round(median(times), 1)} ms`)
}
rows.push(
  row(
    'invoice_list_vs_cdr_list_p50',
    round((p50.get('invoice_list') ?? 0) / (p50.get('cdr_list') ?? 1), 1),
    'x',
  ),
)
await node.dispose()
report('Billing admin and the driver invoices tab', out, rows)
