import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { startTestNode, type TestNode } from '@src/testing/node'
import { sql } from 'drizzle-orm'

const KEY = 'test-api-key-0123456789'
const T0 = Date.UTC(2026, 11, 1, 11, 0)

let node: TestNode
beforeAll(async () => {
  node = await startTestNode()
  const db = node.deps.database.db
  await db.run(
    sql`INSERT INTO chargers (id, organization_id, created_at, updated_at) VALUES ('CP-R', 'platform', 0, 0), ('CP-QUIET', 'platform', 0, 0)`,
  )
  await db.run(
    sql`INSERT INTO sites (id, name, organization_id, time_zone, main_fuse_a, created_at, updated_at) VALUES ('tokyo', 'Tokyo', 'platform', 'Asia/Tokyo', 63, 0, 0)`,
  )
  await db.run(
    sql`INSERT INTO site_connectors (charger_id, evse_id, site_id, max_a, wiring) VALUES ('CP-R', 1, 'tokyo', 16, 'L1,L2,L3')`,
  )
  const { accessRefusals } = node.deps.repos
  await node.deps.writer.write(
    Array.from({ length: 25 }, (_, i) =>
      accessRefusals.insert({
        organizationId: 'platform',
        chargerId: 'CP-R',
        evseId: i % 2 === 0 ? 1 : null,
        idToken: `CARD-${i}`,
        purpose: i % 2 === 0 ? 'start' : 'authorize',
        status: 'NotAtThisTime',
        decidedBy: 'policy',
        policyId: 'p-visitors',
        explanation: [`"Visitors evenings" allows this token here, but not at this time`, `card ${i}`],
        at: T0 + i * 60_000,
      }),
    ),
  )
})
afterAll(() => node.dispose())

async function get(path: string) {
  const res = await node.app.handle(
    new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${KEY}` } }),
  )
  return { status: res.status, body: await res.json() }
}

describe('GET /api/v1/chargers/:id/refusals', () => {
  test("a charger's refusals come newest first, with status, token, what decided and the explanation", async () => {
    const { status, body } = await get('/chargers/CP-R/refusals?limit=2')
    expect(status).toBe(200)
    expect(body.total).toBe(25)
    expect(body.timeZone).toBe('Asia/Tokyo')
    expect(body.items).toEqual([
      {
        id: expect.any(Number),
        at: new Date(T0 + 24 * 60_000).toISOString(),
        chargerId: 'CP-R',
        evseId: 1,
        uid: 'CARD-24',
        purpose: 'start',
        status: 'NotAtThisTime',
        decidedBy: 'policy',
        policyId: 'p-visitors',
        explanation: ['"Visitors evenings" allows this token here, but not at this time', 'card 24'],
      },
      expect.objectContaining({ uid: 'CARD-23', evseId: null, purpose: 'authorize' }),
    ])
  })

  test('pages follow each other with offset, the last one short', async () => {
    const second = await get('/chargers/CP-R/refusals?limit=10&offset=10')
    expect(second.body.items.map((r: { uid: string }) => r.uid)).toEqual(
      Array.from({ length: 10 }, (_, i) => `CARD-${14 - i}`),
    )
    const last = await get('/chargers/CP-R/refusals?limit=10&offset=20')
    expect(last.body.items).toHaveLength(5)
    expect(last.body.total).toBe(25)
  })

  test('a charger with no refusals has an empty list in the default zone; an unknown charger is 404', async () => {
    expect((await get('/chargers/CP-QUIET/refusals')).body).toEqual({
      items: [],
      total: 0,
      timeZone: 'Europe/Stockholm',
    })
    const missing = await get('/chargers/NOPE/refusals')
    expect(missing.status).toBe(404)
    expect(missing.body.error.message).toContain('no charger NOPE')
  })

  test('a page size outside 1–500 is refused with a message', async () => {
    for (const q of ['limit=0', 'limit=501', 'offset=-1', 'limit=ten']) {
      const res = await get(`/chargers/CP-R/refusals?${q}`)
      expect(res.status).toBe(400)
      expect(res.body.error.message).toMatch(/limit|offset/)
    }
  })
})
