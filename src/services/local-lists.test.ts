import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'bun:test'
import { LocalBus } from '@src/bus/local'
import { subjects } from '@src/bus/subjects'
import { AccessFactsRepo } from '@src/db/repos/access-facts'
import { AccessPoliciesRepo } from '@src/db/repos/access-policies'
import { LocalListsRepo } from '@src/db/repos/local-lists'
import { openTestDatabase } from '@src/db/testing'
import { DbWriter } from '@src/db/writer'
import { applyDiff } from '@src/domain/access/list-diff'
import type { ChargerCommand, CommandOutcome, LocalListEntry } from '@src/domain/charger/commands'
import { FakeClock } from '@src/lib/fake-clock'
import { silentLogger } from '@src/lib/log'
import { sql } from 'drizzle-orm'
import { AccessChanges } from './access-changes'
import { AccessDirectory } from './access-directory'
import { LocalLists } from './local-lists'

/** Tuesday 2026-12-01 12:00 and 19:00 in Stockholm (UTC+1). */
const NOON = Date.UTC(2026, 11, 1, 11, 0)
const EVENING = Date.UTC(2026, 11, 1, 18, 0)
/** The visitors' window opens at 18:00 local. */
const OPENS = Date.UTC(2026, 11, 1, 17, 0)

/** A charger as the service sees it through commands: what it holds, and how it answers a list. */
class FakeCharger {
  version = 0
  entries: LocalListEntry[] = []
  answers: string[] = []
  config = new Map<string, string>([
    ['AuthorizationCacheEnabled', 'true'],
    ['LocalAuthListMaxLength', '100'],
    ['SendLocalListMaxLength', '2'],
  ])
  commands: ChargerCommand[] = []
  online = true

  answer(command: ChargerCommand): CommandOutcome {
    if (!this.online) return { status: 'Offline' }
    this.commands.push(command)
    switch (command.type) {
      case 'getVariables':
        return {
          status: 'Accepted',
          data: {
            variables: (command.variables ?? [])
              .filter((v) => this.config.has(v.variable))
              .map((v) => ({
                component: 'Configuration',
                variable: v.variable,
                value: this.config.get(v.variable),
              })),
          },
        }
      case 'setVariables':
        for (const v of command.variables) this.config.set(v.variable, v.value)
        return { status: 'Accepted', data: { variables: command.variables } }
      case 'getLocalListVersion':
        return { status: 'Accepted', data: { version: this.version } }
      case 'sendLocalList': {
        const status = this.answers.shift() ?? 'Accepted'
        if (status !== 'Accepted') return { status }
        this.entries =
          command.updateType === 'Full' ? [...command.entries] : applyDiff(this.entries, command.entries)
        this.version = command.version
        return { status }
      }
      default:
        return { status: 'Accepted' }
    }
  }

  sends = () => this.commands.filter((c) => c.type === 'sendLocalList')
  ids = () => this.entries.map((e) => `${e.idTag}:${e.status}`).sort()
}

let database: Awaited<ReturnType<typeof openTestDatabase>>
let clock: FakeClock
let bus: LocalBus
let writer: DbWriter
let lists: LocalLists
let chargers: Map<string, FakeCharger>
const run = (q: ReturnType<typeof sql>) => database.db.run(q)
const repo = () => new LocalListsRepo(database.db)

beforeAll(async () => {
  database = await openTestDatabase()
  await run(
    sql`INSERT INTO organizations (id, name, kind, parent_id, created_at, updated_at) VALUES ('brf', 'BRF Eken', 'owner', 'platform', 0, 0), ('office', 'Office', 'owner', 'platform', 0, 0)`,
  )
  await run(
    sql`INSERT INTO sites (id, name, organization_id, access_default, main_fuse_a, created_at, updated_at) VALUES ('eken', 'Eken', 'brf', 'deny', 63, 0, 0)`,
  )
  await run(
    sql`INSERT INTO chargers (id, organization_id, online, node_id, protocol, created_at, updated_at) VALUES ('CP1', 'brf', 1, 'n1', 'ocpp1.6', 0, 0), ('CP2', 'brf', 1, 'n1', 'ocpp1.6', 0, 0), ('ELSEWHERE', 'brf', 1, 'n2', 'ocpp1.6', 0, 0), ('OFFICE1', 'office', 1, 'n1', 'ocpp1.6', 0, 0)`,
  )
  await run(
    sql`INSERT INTO site_connectors (charger_id, evse_id, site_id, circuit_id, max_a, wiring) VALUES ('CP1', 1, 'eken', NULL, 16, 'L1,L2,L3'), ('CP2', 1, 'eken', NULL, 16, 'L1,L2,L3')`,
  )
  await run(
    sql`INSERT INTO groups (id, organization_id, name, kind, created_at, updated_at) VALUES ('visitors', 'brf', 'Visitors', 'visitors', 0, 0), ('residents', 'brf', 'Residents', 'tenants', 0, 0)`,
  )
  await run(
    sql`INSERT INTO group_members (group_id, member_kind, member_id, created_at) VALUES ('visitors', 'token', 'GUEST', 0), ('residents', 'token', 'RES1', 0), ('residents', 'token', 'RES2', 0), ('residents', 'token', 'RES3', 0)`,
  )
  await run(
    sql`INSERT INTO tokens (uid, type, organization_id, status, created_at, updated_at) VALUES ('GUEST', 'RFID', 'brf', 'Accepted', 0, 0), ('RES1', 'RFID', 'brf', 'Accepted', 0, 0), ('RES2', 'RFID', 'brf', 'Accepted', 0, 0), ('RES3', 'RFID', 'brf', 'Accepted', 0, 0)`,
  )
  const base = {
    organizationId: 'brf',
    enabled: true,
    effect: 'allow' as const,
    whoKind: 'group' as const,
    whereKind: 'site' as const,
    whereId: 'eken',
    whereSub: null,
    validFrom: null,
    validUntil: null,
    holidays: 'ignore' as const,
    priceGroup: null,
    priorityTier: null,
    monthlyKwhBudget: null,
    maxSessionMinutes: null,
  }
  const policies = new AccessPoliciesRepo(database.db)
  await database.db.batch([
    policies.insert(
      'p-vis',
      {
        ...base,
        name: 'Visitors evenings',
        position: 1,
        whoId: 'visitors',
        windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '08:00' }],
      },
      0,
    ),
    policies.insert('p-res', { ...base, name: 'Residents', position: 2, whoId: 'residents', windows: [] }, 0),
  ])
})
afterAll(() => database.remove())

beforeEach(async () => {
  await run(sql`DELETE FROM local_lists`)
  await run(sql`DELETE FROM local_list_entries`)
  await run(sql`UPDATE tokens SET status = 'Accepted', expires_at = NULL`)
  clock = new FakeClock(NOON)
  bus = new LocalBus({ clock, log: silentLogger })
  writer = new DbWriter({ db: database.db, clock, log: silentLogger, flushMs: 0 })
  chargers = new Map(['CP1', 'CP2', 'OFFICE1', 'ELSEWHERE'].map((id) => [id, new FakeCharger()]))
  const changes = new AccessChanges(bus)
  lists = new LocalLists({
    clock,
    bus,
    log: silentLogger,
    writer,
    nodeId: 'n1',
    lists: repo(),
    access: new AccessDirectory({
      facts: new AccessFactsRepo(database.db),
      policies: new AccessPoliciesRepo(database.db),
    }),
    changes,
    send: async (id, command) => chargers.get(id)!.answer(command),
    settings: { concurrency: 4, perSecond: 1_000_000, debounceMs: 2_000, sweepMs: 20_000 },
  })
  lists.start()
})

const cp1 = () => chargers.get('CP1')!

describe('the local-list service', () => {
  test('on connect it reads the limits, sets the offline settings, clears the cache and sends a Full list in parts', async () => {
    lists.refresh('CP1', 'connect')
    await lists.idle()
    const c = cp1()
    expect(c.config.get('LocalAuthListEnabled')).toBe('true')
    expect(c.config.get('AllowOfflineTxForUnknownId')).toBe('false')
    expect(c.config.get('AuthorizationCacheEnabled')).toBe('false')
    expect(c.commands.some((x) => x.type === 'clearCache')).toBe(true)
    expect(
      c.sends().map((s) => s.type === 'sendLocalList' && [s.version, s.updateType, s.entries.length]),
    ).toEqual([
      [1, 'Full', 2],
      [2, 'Differential', 1],
    ])
    expect(c.ids()).toEqual(['RES1:Accepted', 'RES2:Accepted', 'RES3:Accepted'])
    const row = await repo().find('CP1')
    expect(row).toMatchObject({ version: 2, lastStatus: 'Accepted', maxEntries: 100 })
    expect(row?.sentHash).toBe(row?.wantedHash)
    expect(await lists.state('CP1')).toMatchObject({ pendingVersion: null, nextChangeAt: OPENS, dropped: 0 })
    expect((await repo().entries('CP1')).length).toBe(3)
  })

  test('a blocked card goes out as a Differential update after the organization announces the change', async () => {
    lists.refresh('CP1', 'connect')
    await lists.idle()
    await run(sql`UPDATE tokens SET status = 'Blocked' WHERE uid = 'RES2'`)
    new AccessChanges(bus).changed('brf')
    await clock.advance(2_000)
    await lists.idle()
    const last = cp1().sends().at(-1)
    expect(last).toEqual({
      type: 'sendLocalList',
      version: 3,
      updateType: 'Differential',
      entries: [{ idTag: 'RES2' }],
    })
    expect(cp1().ids()).toEqual(['RES1:Accepted', 'RES3:Accepted'])
    expect(chargers.get('CP2')!.ids()).toEqual(['RES1:Accepted', 'RES3:Accepted'])
    expect(chargers.get('ELSEWHERE')!.sends()).toEqual([])
    expect(chargers.get('OFFICE1')!.sends()).toEqual([])
  })

  test("at the visitors' window the sweep sends the visitor with an expiry at 08:00", async () => {
    lists.refresh('CP1', 'connect')
    await lists.idle()
    await clock.advance(EVENING - NOON)
    await lists.idle()
    expect(cp1().entries.find((e) => e.idTag === 'GUEST')).toEqual({
      idTag: 'GUEST',
      status: 'Accepted',
      expiresAt: Date.UTC(2026, 11, 2, 7, 0),
    })
  })

  test('VersionMismatch is answered with a Full list above the version the charger reports', async () => {
    lists.refresh('CP1', 'connect')
    await lists.idle()
    cp1().version = 40
    cp1().answers = ['VersionMismatch']
    await run(sql`UPDATE tokens SET status = 'Blocked' WHERE uid = 'RES1'`)
    new AccessChanges(bus).changed('brf')
    lists.refresh('CP1', 'change')
    await lists.idle()
    const [mismatched, full] = cp1().sends().slice(-2)
    expect(mismatched).toMatchObject({ updateType: 'Differential', version: 3 })
    expect(full).toMatchObject({ updateType: 'Full', version: 41 })
    expect(cp1().ids()).toEqual(['RES2:Accepted', 'RES3:Accepted'])
    expect(await repo().find('CP1')).toMatchObject({ version: 41, lastStatus: 'Accepted' })
  })

  test('Failed is retried with backoff by the sweep; NotSupported is recorded and not retried', async () => {
    cp1().answers = ['Failed']
    lists.refresh('CP1', 'connect')
    await lists.idle()
    expect(await repo().find('CP1')).toMatchObject({ lastStatus: 'Failed' })
    expect((await lists.state('CP1')).pendingVersion).toBeNull()
    expect((await lists.state('CP1')).retryAt).toBe(NOON + 5_000)
    await clock.advance(20_000)
    await lists.idle()
    expect(cp1().ids()).toEqual(['RES1:Accepted', 'RES2:Accepted', 'RES3:Accepted'])

    const cp2 = chargers.get('CP2')!
    cp2.answers = ['NotSupported']
    lists.refresh('CP2', 'connect')
    await lists.idle()
    expect(await repo().find('CP2')).toMatchObject({ lastStatus: 'NotSupported' })
    await clock.advance(60_000)
    await lists.idle()
    expect(cp2.sends().length).toBe(1)
  })

  test('an offline charger is owed its list and gets it when it connects and boots', async () => {
    const cp2 = chargers.get('CP2')!
    cp2.online = false
    lists.refresh('CP2', 'connect')
    await lists.idle()
    expect(cp2.ids()).toEqual([])
    cp2.online = true
    bus.publish(subjects.chargerEvent('CP2', 'connected'), {
      chargerId: 'CP2',
      nodeId: 'n1',
      protocol: 'ocpp1.6',
      at: NOON,
    })
    bus.publish(subjects.chargerEvent('CP2', 'booted'), {
      chargerId: 'CP2',
      registration: 'Accepted',
      at: NOON,
    })
    await clock.advance(0)
    await lists.idle()
    expect(cp2.ids()).toEqual(['RES1:Accepted', 'RES2:Accepted', 'RES3:Accepted'])
    expect(cp2.commands.some((c) => c.type === 'getLocalListVersion')).toBe(true)
  })

  test('a list over the charger’s maximum keeps the first entries and records how many were dropped', async () => {
    cp1().config.set('LocalAuthListMaxLength', '2')
    lists.refresh('CP1', 'connect')
    await lists.idle()
    expect(cp1().entries.length).toBe(2)
    expect(await repo().find('CP1')).toMatchObject({ maxEntries: 2 })
    expect((await lists.state('CP1')).dropped).toBe(1)
  })

  test('nothing is sent when the compiled list equals what the charger holds', async () => {
    lists.refresh('CP1', 'connect')
    await lists.idle()
    const before = cp1().sends().length
    lists.refresh('CP1')
    await lists.idle()
    expect(cp1().sends().length).toBe(before)
  })

  test('updates started within one second compile as of its first instant; the sweep catches what changed in it', async () => {
    await run(sql`UPDATE tokens SET expires_at = ${NOON + 500} WHERE uid = 'RES3'`)
    lists.refresh('CP1', 'connect')
    await lists.idle()
    await clock.advance(700)
    lists.refresh('CP2', 'connect')
    await lists.idle()
    const res3: LocalListEntry = { idTag: 'RES3', status: 'Accepted', expiresAt: NOON + 500 }
    expect(cp1().entries).toContainEqual(res3)
    expect(chargers.get('CP2')!.entries).toContainEqual(res3)
    expect((await lists.state('CP2')).nextChangeAt).toBe(NOON + 500)
    await clock.advance(20_000)
    await lists.idle()
    expect(chargers.get('CP2')!.ids()).not.toContain('RES3:Accepted')
  })
})
