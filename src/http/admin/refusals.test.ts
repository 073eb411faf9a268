import { afterAll, beforeAll, expect, test } from 'bun:test'
import { adminSession } from '@src/testing/admin'
import { startTestNode, type TestNode } from '@src/testing/node'
import { sql } from 'drizzle-orm'

/** Tuesday 2026-12-01 10:00 UTC: 19:00 in Tokyo. */
const T0 = Date.UTC(2026, 11, 1, 10, 0)

let node: TestNode
let admin: Awaited<ReturnType<typeof adminSession>>
beforeAll(async () => {
  node = await startTestNode()
  const db = node.deps.database.db
  await db.run(
    sql`INSERT INTO chargers (id, organization_id, protocol, created_at, updated_at) VALUES ('CP-16', 'platform', 'ocpp1.6', 0, 0), ('CP-201', 'platform', 'ocpp2.0.1', 0, 0)`,
  )
  await db.run(
    sql`INSERT INTO sites (id, name, organization_id, time_zone, main_fuse_a, created_at, updated_at) VALUES ('tokyo', 'Tokyo', 'platform', 'Asia/Tokyo', 63, 0, 0)`,
  )
  await db.run(
    sql`INSERT INTO site_connectors (charger_id, evse_id, site_id, max_a, wiring) VALUES ('CP-16', 1, 'tokyo', 16, 'L1,L2,L3')`,
  )
  const { accessRefusals } = node.deps.repos
  const refusal = (chargerId: string, i: number, status: string, line: string) =>
    accessRefusals.insert({
      organizationId: 'platform',
      chargerId,
      evseId: 1,
      idToken: `CARD-${i}`,
      purpose: 'remoteStart',
      status,
      decidedBy: 'policy',
      policyId: 'p1',
      explanation: [line, 'then the site default (deny) decided'],
      at: T0 + i * 1000,
    })
  await node.deps.writer.write([
    ...Array.from({ length: 24 }, (_, i) => refusal('CP-16', i, 'NoCredit', `"Ten kWh" budget spent (${i})`)),
    refusal('CP-16', 24, 'NotAtThisLocation', '"<b>Board</b>" denies this token here'),
    refusal('CP-201', 0, 'NoCredit', '"Ten kWh" budget spent'),
  ])
  admin = await adminSession(node, { htmx: true })
})
afterAll(() => node.dispose())

test('the charger page loads its "Refused" panel beside its sessions', async () => {
  const page = await (await admin.get('/admin/chargers/CP-16')).text()
  expect(page).toContain('hx-get="/admin/chargers/CP-16/refusals"')
  expect(page.indexOf('Recent transactions')).toBeLessThan(page.indexOf('/admin/chargers/CP-16/refusals'))
})

test('the panel shows the newest 20 with time in the site zone, token, status, what 1.6 was told and why', async () => {
  const res = await admin.get('/admin/chargers/CP-16/refusals')
  expect(res.status).toBe(200)
  const panel = await res.text()
  expect(panel).toContain('The newest 20 of 25; times in Asia/Tokyo.')
  expect(panel).toContain('2026-12-01 19:00:24')
  expect(panel).toContain('CARD-24')
  expect(panel).toContain('CARD-5')
  expect(panel).not.toContain('CARD-4<')
  expect(panel).toContain('NotAtThisLocation')
  expect(panel).toContain('1.6: Invalid')
  expect(panel).toContain('1.6: Blocked')
  expect(panel).toContain('remote start')
  expect(panel).toContain('then the site default (deny) decided')
  expect(panel).toContain('&lt;b&gt;Board&lt;/b&gt;')
  expect(panel).not.toContain('<b>Board</b>')
})

test("a 2.0.1 charger's refusals show its own status only, in the default zone when it is on no site", async () => {
  const panel = await (await admin.get('/admin/chargers/CP-201/refusals')).text()
  expect(panel).toContain('Times in Europe/Stockholm.')
  expect(panel).toContain('NoCredit')
  expect(panel).not.toContain('1.6:')
})

test('a charger with no refusals says so, an unknown one is 404', async () => {
  await node.deps.database.db.run(
    sql`INSERT INTO chargers (id, organization_id, created_at, updated_at) VALUES ('CP-QUIET', 'platform', 0, 0)`,
  )
  expect(await (await admin.get('/admin/chargers/CP-QUIET/refusals')).text()).toContain(
    'No refused card or start at this charger.',
  )
  expect((await admin.get('/admin/chargers/NOPE/refusals')).status).toBe(404)
})
