import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { FakeClock } from '@src/lib/fake-clock'
import { SimCharger, type SimProtocol } from '@src/sim/sim-charger'
import { eventually, testEv } from '@src/sim/sim-test-kit'
import { startTestNode, type TestNode } from '@src/testing/node'
import { sql } from 'drizzle-orm'

/**
 * Offline, the rules hold through the local lists on both OCPP versions: a co-op's visitors may
 * charge 18:00–08:00. Two sites put "now" at noon and in the evening (each in a zone chosen from the
 * real clock), each with a 1.6 and a 2.0.1 simulated charger that the node fills with its compiled
 * list; then the chargers lose their connection and decide alone.
 */

/** An `Etc/GMT±N` zone in which the local hour is `hour` now. */
function zoneWhere(hour: number, now: number): string {
  const d = (hour - new Date(now).getUTCHours() + 24) % 24
  const offset = d <= 14 ? d : d - 24
  return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`
}

const SITES = [
  { id: 'noon', hour: 12 },
  { id: 'evening', hour: 20 },
] as const
const PROTOCOLS: SimProtocol[] = ['ocpp1.6', 'ocpp2.0.1']
const chargerId = (site: string, p: SimProtocol) => `${site.toUpperCase()}-${p === 'ocpp1.6' ? '16' : '201'}`

let node: TestNode
const sims = new Map<string, { cp: SimCharger; clock: FakeClock }>()
const run = (q: ReturnType<typeof sql>) => node.deps.database.db.run(q)

/** Every charger's acknowledged list equals the wanted one and holds (or lacks) `uid`. */
async function listsSettled(uid: string, present: boolean): Promise<boolean> {
  const rows = await node.deps.database.db.all<{ id: string; ok: number; has: number }>(sql`
    SELECT c.id, (l.sent_hash IS NOT NULL AND l.sent_hash = l.wanted_hash) AS ok,
      EXISTS (SELECT 1 FROM local_list_entries e WHERE e.charger_id = c.id AND e.id_tag = ${uid}) AS has
    FROM chargers c LEFT JOIN local_lists l ON l.charger_id = c.id`)
  return rows.length === 4 && rows.every((r) => r.ok === 1 && (r.has === 1) === present)
}

/** Presents a card offline; resolves with the charger's own refusal, or Accepted once the start is under way. */
function offlineAnswer(cp: SimCharger, connector: number, uid: string): Promise<string> {
  return new Promise<string>((resolve) => {
    const off = cp.subscribe((e) => {
      if (e.type === 'authorizationRejected') {
        off()
        resolve(e.status)
      }
    })
    void cp
      .startCharging(connector, uid)
      .then((o) => o.status === 'Rejected' && resolve(o.reason ?? 'Rejected'))
    void eventually(`${uid} starting`, () => cp.connector(connector).idTag === uid, 5_000).then(
      () => resolve('Accepted'),
      () => resolve('neither refused nor started'),
    )
  })
}

beforeAll(async () => {
  node = await startTestNode({ CSMS_LOCAL_LISTS: 'on', CSMS_UNKNOWN_CHARGERS: 'reject' })
  const now = Date.now()
  await run(
    sql`INSERT INTO organizations (id, name, kind, parent_id, created_at, updated_at) VALUES ('coop', 'BRF Eken', 'owner', 'platform', 0, 0)`,
  )
  for (const s of SITES) {
    await run(
      sql`INSERT INTO sites (id, name, organization_id, access_default, main_fuse_a, time_zone, created_at, updated_at) VALUES (${s.id}, ${s.id}, 'coop', 'deny', 63, ${zoneWhere(s.hour, now)}, 0, 0)`,
    )
    for (const p of PROTOCOLS) {
      const id = chargerId(s.id, p)
      await run(
        sql`INSERT INTO chargers (id, organization_id, created_at, updated_at) VALUES (${id}, 'coop', 0, 0)`,
      )
      await run(
        sql`INSERT INTO site_connectors (charger_id, evse_id, site_id, circuit_id, max_a, wiring) VALUES (${id}, 1, ${s.id}, NULL, 16, 'L1,L2,L3')`,
      )
    }
  }
  await run(
    sql`INSERT INTO groups (id, organization_id, name, kind, created_at, updated_at) VALUES ('visitors', 'coop', 'Visitors', 'visitors', 0, 0), ('residents', 'coop', 'Residents', 'tenants', 0, 0)`,
  )
  await run(
    sql`INSERT INTO tokens (uid, type, organization_id, status, created_at, updated_at) VALUES ('GUEST', 'ISO14443', 'coop', 'Accepted', 0, 0), ('RES1', 'ISO14443', 'coop', 'Accepted', 0, 0), ('RES2', 'ISO14443', 'coop', 'Accepted', 0, 0)`,
  )
  await run(
    sql`INSERT INTO group_members (group_id, member_kind, member_id, created_at) VALUES ('visitors', 'token', 'GUEST', 0), ('residents', 'token', 'RES1', 0), ('residents', 'token', 'RES2', 0)`,
  )
  const policy = (id: string, position: number, group: string, windows: string) =>
    run(sql`INSERT INTO access_policies (id, organization_id, name, position, enabled, effect, who_kind, who_id, where_kind, where_id, windows, holidays, created_at, updated_at)
      VALUES (${id}, 'coop', ${id}, ${position}, 1, 'allow', 'group', ${group}, 'organization', 'coop', ${windows}, 'ignore', 0, 0)`)
  await policy('Visitors evenings', 1, 'visitors', '[{"days":[1,2,3,4,5,6,7],"from":"18:00","to":"08:00"}]')
  await policy('Residents', 2, 'residents', '[]')
  for (const s of SITES) {
    for (const p of PROTOCOLS) {
      const id = chargerId(s.id, p)
      const clock = new FakeClock(now)
      const cp = new SimCharger({
        url: node.ocppUrl,
        id,
        protocol: p,
        clock,
        connectors: 3,
        reconnectMs: 1e12,
      })
      await cp.start()
      sims.set(id, { cp, clock })
    }
  }
}, 60_000)

afterAll(async () => {
  for (const { cp } of sims.values()) await cp.stop()
  await node?.dispose()
})

describe('offline, the access rules hold through the local lists', () => {
  test('every charger gets its list, with the visitor only where it is evening, expiring at 08:00 there', async () => {
    await eventually(
      'lists acknowledged',
      async () => {
        const rows = await node.deps.database.db.all<{
          charger_id: string
          id_tag: string
          expires_at: number | null
        }>(sql`SELECT charger_id, id_tag, expires_at FROM local_list_entries ORDER BY charger_id, id_tag`)
        return rows.length === 2 * 2 + 2 * 3 && rows
      },
      20_000,
    )
    const rows = await node.deps.database.db.all<{
      charger_id: string
      id_tag: string
      expires_at: number | null
    }>(
      sql`SELECT charger_id, id_tag, expires_at FROM local_list_entries WHERE id_tag = 'GUEST' ORDER BY charger_id`,
    )
    expect(rows.map((r) => r.charger_id)).toEqual(['EVENING-16', 'EVENING-201'])
    const hoursLeft = (rows[0]!.expires_at! - Date.now()) / 3_600_000
    expect(hoursLeft).toBeGreaterThan(11)
    expect(hoursLeft).toBeLessThanOrEqual(12)
  }, 30_000)

  test('a blocked card is out of every list within a minute of the block', async () => {
    const blockedAt = Date.now()
    await run(sql`UPDATE tokens SET status = 'Blocked' WHERE uid = 'RES2'`)
    node.deps.services.accessChanges.changed('coop')
    await eventually('RES2 out of every list', () => listsSettled('RES2', false) || undefined, 60_000)
    expect(Date.now() - blockedAt).toBeLessThan(60_000)
  }, 70_000)

  for (const p of PROTOCOLS) {
    test(`${p}: offline, the visitor is refused at noon and accepted in the evening from the list until 08:00; the blocked card is refused`, async () => {
      const noon = sims.get(chargerId('noon', p))!
      const evening = sims.get(chargerId('evening', p))!
      for (const s of [noon, evening]) {
        await s.cp.dropConnection()
        for (const connector of [1, 2, 3]) s.cp.plugIn(connector, testEv())
      }
      expect(noon.cp.online || evening.cp.online).toBe(false)
      // Not on the list: 1.6 refuses an unknown id offline (AllowOfflineTxForUnknownId=false), the 2.0.1 simulator answers Offline.
      const unlisted = p === 'ocpp1.6' ? 'Invalid' : 'Offline'
      expect(await offlineAnswer(noon.cp, 1, 'GUEST')).toBe(unlisted)
      expect(await offlineAnswer(evening.cp, 1, 'RES2')).toBe(unlisted)
      expect(await offlineAnswer(evening.cp, 2, 'GUEST')).toBe('Accepted')
      await evening.clock.advance(12 * 3_600_000)
      expect(await offlineAnswer(evening.cp, 3, 'GUEST')).toBe('Expired')
    }, 30_000)
  }
})
