import { afterAll, beforeAll, expect, test } from 'bun:test'
import { AccessFactsRepo } from '@src/db/repos/access-facts'
import { AccessPoliciesRepo } from '@src/db/repos/access-policies'
import { openTestDatabase } from '@src/db/testing'
import { sql } from 'drizzle-orm'
import { AccessDirectory, monthStart, usageMap } from './access-directory'

let database: Awaited<ReturnType<typeof openTestDatabase>>
let directory: AccessDirectory
const policies = () => new AccessPoliciesRepo(database.db)

/** Tuesday 2026-12-01 12:00 and 19:00 in Stockholm (UTC+1). */
const NOON = Date.UTC(2026, 11, 1, 11, 0)
const EVENING = Date.UTC(2026, 11, 1, 18, 0)

const policy = {
  organizationId: 'brf',
  enabled: true,
  whoId: null,
  whereSub: null,
  windows: [],
  validFrom: null,
  validUntil: null,
  holidays: 'ignore' as const,
  priceGroup: null,
  priorityTier: null,
  monthlyKwhBudget: null,
  maxSessionMinutes: null,
}

beforeAll(async () => {
  database = await openTestDatabase()
  directory = new AccessDirectory({ facts: new AccessFactsRepo(database.db), policies: policies() })
  const run = (q: ReturnType<typeof sql>) => database.db.run(q)
  await run(
    sql`INSERT INTO organizations (id, name, kind, parent_id, created_at, updated_at) VALUES ('brf', 'BRF Eken', 'owner', 'platform', 0, 0)`,
  )
  await run(
    sql`INSERT INTO sites (id, name, organization_id, access_default, main_fuse_a, created_at, updated_at) VALUES ('eken', 'Eken', 'brf', 'deny', 63, 0, 0)`,
  )
  await run(
    sql`INSERT INTO site_circuits (site_id, id, name, parent_id, limit_a) VALUES ('eken', 'garage', 'Garage', NULL, 40)`,
  )
  await run(
    sql`INSERT INTO site_circuits (site_id, id, name, parent_id, limit_a) VALUES ('eken', 'row-a', 'Row A', 'garage', 20)`,
  )
  await run(
    sql`INSERT INTO chargers (id, organization_id, created_at, updated_at) VALUES ('CP1', 'brf', 0, 0), ('LOOSE', 'platform', 0, 0)`,
  )
  await run(
    sql`INSERT INTO site_connectors (charger_id, evse_id, site_id, circuit_id, max_a, wiring) VALUES ('CP1', 1, 'eken', 'row-a', 16, 'L1,L2,L3'), ('CP1', 2, 'eken', 'garage', 16, 'L1,L2,L3')`,
  )
  await run(
    sql`INSERT INTO groups (id, organization_id, name, kind, created_at, updated_at) VALUES ('visitors', 'brf', 'Visitors', 'visitors', 0, 0)`,
  )
  await run(
    sql`INSERT INTO households (id, organization_id, apartment, created_at, updated_at) VALUES ('h1', 'brf', '1101', 0, 0)`,
  )
  await run(
    sql`INSERT INTO group_members (group_id, member_kind, member_id, created_at) VALUES ('visitors', 'token', 'GUEST', 0)`,
  )
  await run(
    sql`INSERT INTO tokens (uid, type, organization_id, household_id, status, created_at, updated_at) VALUES ('GUEST', 'RFID', 'brf', NULL, 'Accepted', 0, 0), ('RES', 'RFID', 'brf', 'h1', 'Accepted', 0, 0), ('RES2', 'RFID', 'brf', 'h1', 'Accepted', 0, 0)`,
  )
  await run(
    sql`INSERT INTO transactions (charger_id, organization_id, evse_id, connector_id, ocpp_tx_id, id_tag, started_at, energy_wh, updated_at) VALUES ('CP1', 'brf', 1, 1, '1', 'RES2', ${NOON - 3_600_000}, 30000, 0)`,
  )
  await database.db.batch([
    policies().insert(
      'p-visitors',
      {
        ...policy,
        name: 'Visitors evenings',
        position: 1,
        effect: 'allow',
        whoKind: 'group',
        whoId: 'visitors',
        whereKind: 'site',
        whereId: 'eken',
        windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '08:00' }],
      },
      0,
    ),
    policies().insert(
      'p-residents',
      {
        ...policy,
        name: 'Residents on row A',
        position: 2,
        effect: 'allow',
        whoKind: 'household',
        whoId: 'h1',
        whereKind: 'circuit',
        whereId: 'eken',
        whereSub: 'row-a',
        monthlyKwhBudget: '40',
      },
      0,
    ),
  ])
})
afterAll(() => database.remove())

const check = (uid: string, now: number, evseId: number | null = 1) =>
  directory.decide({ chargerId: 'CP1', evseId, uid, now, busyElsewhere: false })

test("a visitor is refused at noon and accepted in the evening under the site's rules", async () => {
  const noon = await check('GUEST', NOON)
  expect(noon.decision.status).toBe('NotAtThisTime')
  expect(noon.organizationId).toBe('brf')
  expect(noon.explanation[0]).toContain('Visitors evenings')
  const evening = await check('GUEST', EVENING)
  expect(evening.decision.allowed).toBe(true)
  expect(evening.decision.validUntil).toBe(Date.UTC(2026, 11, 2, 7, 0))
})

test('a circuit policy holds on the EVSE under the circuit and not on its sibling; an Authorize without an EVSE takes any', async () => {
  expect((await check('RES', NOON, 1)).decision.allowed).toBe(true)
  expect((await check('RES', NOON, 2)).decision.status).toBe('NotAtThisLocation')
  expect((await check('RES', NOON, null)).decision.allowed).toBe(true)
})

test("a household's budget counts every token of the household this month", async () => {
  await database.db.run(
    sql`INSERT INTO transactions (charger_id, organization_id, evse_id, connector_id, ocpp_tx_id, id_tag, started_at, energy_wh, updated_at) VALUES ('CP1', 'brf', 1, 1, '2', 'RES', ${NOON - 60_000}, 10000, 0)`,
  )
  const spent = await check('RES', NOON)
  expect(spent.decision.status).toBe('NoCredit')
  await database.db.run(sql`DELETE FROM transactions WHERE ocpp_tx_id = '2'`)
})

test('an unknown token is Invalid; a charger on no site takes its organization with the default (any accepted token)', async () => {
  expect((await check('NOPE', NOON)).decision.status).toBe('Invalid')
  const loose = await directory.decide({
    chargerId: 'LOOSE',
    evseId: 1,
    uid: 'GUEST',
    now: NOON,
    busyElsewhere: false,
  })
  expect(loose).toMatchObject({ organizationId: 'platform', decision: { allowed: true } })
})

test("the local-list input holds the site organization's tokens, one place per EVSE and the month's usage", async () => {
  const input = await directory.listInput('CP1', NOON, { maxEntries: 100, offlineAcceptsUnknown: false })
  expect(input?.tokens.map((t) => t.uid)).toEqual(['GUEST', 'RES', 'RES2'])
  expect(input?.evses.map((e) => [e.evseId, e.circuitChain])).toEqual([
    [1, ['row-a', 'garage']],
    [2, ['garage']],
  ])
  expect(input?.usageWh.get('household:h1')).toBe(30000)
  expect(
    await directory.listInput('NOPE', NOON, { maxEntries: null, offlineAcceptsUnknown: false }),
  ).toBeUndefined()
})

test('the month starts at local midnight on the 1st; usage counts for each subject of a token', () => {
  expect(monthStart(NOON, 'Europe/Stockholm')).toBe(Date.UTC(2026, 10, 30, 23, 0))
  const m = usageMap([{ uid: 'A', driverId: 'd', householdId: 'h', businessAccountId: null, wh: 5 }])
  expect([...m]).toEqual([
    ['token:A', 5],
    ['driver:d', 5],
    ['household:h', 5],
  ])
})
