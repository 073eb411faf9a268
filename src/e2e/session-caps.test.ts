import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { auditLog, transactions } from '@src/db/schema'
import { systemClock } from '@src/lib/clock'
import { FakeClock } from '@src/lib/fake-clock'
import { SimCharger, type SimProtocol } from '@src/sim/sim-charger'
import { eventually, testEv } from '@src/sim/sim-test-kit'
import { startTestNode, type TestNode } from '@src/testing/node'
import { eq, sql } from 'drizzle-orm'

/**
 * A policy's maximum session length, end to end: a co-op lets visitors charge for at most a minute.
 * Two simulated chargers (1.6 and 2.0.1) start capped sessions and a resident's uncapped one; the node's
 * clock then moves past the minute. The 1.6 session is stopped by the node's next look; the 2.0.1
 * charger is offline then and is stopped when it connects again; the resident's session is never touched.
 */

let skewMs = 0
let node: TestNode
const sims = new Map<SimProtocol, { cp: SimCharger; clock: FakeClock }>()
const run = (q: ReturnType<typeof sql>) => node.deps.database.db.run(q)
const ids: Record<SimProtocol, string> = { 'ocpp1.6': 'CAP-16', 'ocpp2.0.1': 'CAP-201' }
const RECONNECT_MS = 5_000

const txOf = async (chargerId: string, idTag: string) => {
  const rows = await node.deps.database.db
    .select()
    .from(transactions)
    .where(sql`${transactions.chargerId} = ${chargerId} AND ${transactions.idTag} = ${idTag}`)
  return rows[0]
}

beforeAll(async () => {
  node = await startTestNode({}, { clock: { ...systemClock, now: () => Date.now() + skewMs } })
  await run(
    sql`INSERT INTO organizations (id, name, kind, parent_id, created_at, updated_at) VALUES ('coop', 'BRF Eken', 'owner', 'platform', 0, 0)`,
  )
  await run(
    sql`INSERT INTO tokens (uid, type, organization_id, status, created_at, updated_at) VALUES ('GUEST-16', 'ISO14443', 'coop', 'Accepted', 0, 0), ('GUEST-201', 'ISO14443', 'coop', 'Accepted', 0, 0), ('RES-16', 'ISO14443', 'coop', 'Accepted', 0, 0), ('RES-201', 'ISO14443', 'coop', 'Accepted', 0, 0)`,
  )
  await run(
    sql`INSERT INTO groups (id, organization_id, name, kind, created_at, updated_at) VALUES ('visitors', 'coop', 'Visitors', 'visitors', 0, 0)`,
  )
  await run(
    sql`INSERT INTO group_members (group_id, member_kind, member_id, created_at) VALUES ('visitors', 'token', 'GUEST-16', 0), ('visitors', 'token', 'GUEST-201', 0)`,
  )
  await run(sql`INSERT INTO access_policies (id, organization_id, name, position, enabled, effect, who_kind, who_id, where_kind, where_id, windows, holidays, max_session_minutes, created_at, updated_at)
    VALUES ('p-visitors', 'coop', 'Visitors, a minute', 1, 1, 'allow', 'group', 'visitors', 'organization', 'coop', '[]', 'ignore', 1, 0, 0)`)
  for (const [protocol, id] of Object.entries(ids) as [SimProtocol, string][]) {
    await run(
      sql`INSERT INTO chargers (id, organization_id, created_at, updated_at) VALUES (${id}, 'coop', 0, 0)`,
    )
    const clock = new FakeClock(Date.now())
    const cp = new SimCharger({
      url: node.ocppUrl,
      id,
      protocol,
      clock,
      connectors: 2,
      reconnectMs: RECONNECT_MS,
    })
    await cp.start()
    sims.set(protocol, { cp, clock })
  }
}, 30_000)

afterAll(async () => {
  for (const { cp } of sims.values()) await cp.stop()
  await node?.dispose()
})

describe('sessions are stopped at their maximum length', () => {
  test('a capped session stops after its minute, an offline charger is stopped when it returns, an uncapped one is never touched', async () => {
    for (const [protocol, { cp }] of sims) {
      const suffix = protocol === 'ocpp1.6' ? '16' : '201'
      cp.plugIn(1, testEv())
      cp.plugIn(2, testEv())
      expect((await cp.startCharging(1, `GUEST-${suffix}`)).status).toBe('Accepted')
      expect((await cp.startCharging(2, `RES-${suffix}`)).status).toBe('Accepted')
    }
    const capped16 = await eventually('the 1.6 capped transaction', () => txOf(ids['ocpp1.6'], 'GUEST-16'))
    // A minute from when the node accepted the start (the charger's start timestamp is a moment earlier).
    expect(capped16.stopBy! - capped16.startedAt - 60_000).toBeWithin(0, 5_000)
    expect((await eventually('the resident', () => txOf(ids['ocpp1.6'], 'RES-16'))).stopBy).toBeNull()
    const capped201 = await eventually('the 2.0.1 capped transaction', () =>
      txOf(ids['ocpp2.0.1'], 'GUEST-201'),
    )

    const offline = sims.get('ocpp2.0.1')!
    await offline.cp.dropConnection()
    await eventually('the 2.0.1 charger offline', async () => {
      const row = await node.deps.repos.chargers.find(ids['ocpp2.0.1'])
      return row?.online === false
    })
    skewMs = 61_000

    const stopped = await eventually(
      'the 1.6 capped session stopped',
      async () => {
        const row = await txOf(ids['ocpp1.6'], 'GUEST-16')
        return row?.endedAt !== null && row
      },
      20_000,
    )
    expect(stopped?.stopReason).toBe('Remote')
    expect((await txOf(ids['ocpp2.0.1'], 'GUEST-201'))?.endedAt).toBeNull()
    const requests = await node.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'transaction.stopRequested'))
    expect(requests.map((r) => [r.entityId, r.actorKind, r.organizationId])).toEqual([
      [String(capped16.id), 'system', 'coop'],
    ])

    await offline.clock.advance(RECONNECT_MS)
    const late = await eventually(
      'the 2.0.1 capped session stopped once the charger returned',
      async () => {
        // The simulator's own time moves on (its queued messages go out as a charger's would).
        await offline.clock.advance(1_000)
        const row = await txOf(ids['ocpp2.0.1'], 'GUEST-201')
        return row?.endedAt !== null && row
      },
      20_000,
    )
    expect(late).toMatchObject({ id: capped201.id })
    expect((await txOf(ids['ocpp1.6'], 'RES-16'))?.endedAt).toBeNull()
    expect((await txOf(ids['ocpp2.0.1'], 'RES-201'))?.endedAt).toBeNull()
    const counter = node.deps.metrics.render()
    expect(counter).toContain('session_cap_stops_total{status="Accepted"} 2')
  }, 60_000)
})
