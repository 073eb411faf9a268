import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { SimCharger, type SimProtocol } from '@src/sim/sim-charger'
import { eventually, testEv } from '@src/sim/sim-test-kit'
import { adminSession } from '@src/testing/admin'
import { apiClient } from '@src/testing/api'
import { JumpingClock } from '@src/testing/jumping-clock'
import { startTestNode, type TestNode } from '@src/testing/node'
import { sql } from 'drizzle-orm'

/**
 * Issue 10's scenario end to end: one operator, a housing co-op (40 apartments, 60 cards: residents,
 * visitors, board) and an office (a business account with 30 employees), each with a 1.6 and a 2.0.1
 * charger in Stockholm. Each board sees only its own site; visitors charge 18:00–08:00 only, on both
 * versions, online and offline from the local list; a blocked card is refused everywhere within a
 * minute. Everything is set up as an operator would: organizations, sites, groups and policies through
 * the API, the board's spreadsheet through the CSV import, the boards invited by one-time link. "Now"
 * is Monday 7 December 2026, 14:00 in Stockholm, and jumps to the evening.
 */

const at = (iso: string) => Date.parse(iso)
const AFTERNOON = at('2026-12-07T14:00:00+01:00')
const EVENING = at('2026-12-07T19:00:00+01:00')
const NEXT_MORNING = at('2026-12-08T09:00:00+01:00')

const PROTOCOLS: SimProtocol[] = ['ocpp1.6', 'ocpp2.0.1']
const SITES = { brf: 'brf-garage', kontor: 'kontor-p' } as const
type Org = keyof typeof SITES
const chargerId = (org: Org, p: SimProtocol) => `${org.toUpperCase()}-${p === 'ocpp1.6' ? '16' : '201'}`
const BOARD_PASSWORD = 'board-password-1'

/**
 * The board's spreadsheet: every apartment a resident with a card; in the even apartments up to 1110
 * the resident is on the board and has a second card, in the others a guest of the apartment has a
 * visitor's card (60 cards in all).
 */
function coopCsv(): string {
  const lines = ['apartment;parking_space;name;email;phone;token_uid;token_type;group']
  for (let a = 1; a <= 40; a++) {
    const apt = String(1100 + a)
    lines.push(`${apt};P${a};Resident ${a};r${a}@brf.example;;CARD-${apt}-A;ISO14443;Residents`)
    if (a % 2 === 0)
      lines.push(
        a <= 10
          ? `${apt};P${a};Resident ${a};r${a}@brf.example;;CARD-${apt}-B;ISO14443;Board`
          : `${apt};P${a};Guest of ${apt};;;CARD-${apt}-B;ISO14443;Visitors`,
      )
  }
  return lines.join('\n')
}

let node: TestNode
let api: ReturnType<typeof apiClient>
const clock = new JumpingClock(AFTERNOON)
const sims = new Map<string, SimCharger>()
const connectorsUsed = new Map<string, number>()
const db = () => node.deps.database.db

/** `uid` presented at a fresh connector of `id` (a car plugged in first): Accepted, or the refusal's status. */
async function present(id: string, uid: string): Promise<string> {
  const cp = sims.get(id)!
  const connector = (connectorsUsed.get(id) ?? 0) + 1
  connectorsUsed.set(id, connector)
  cp.plugIn(connector, testEv())
  return new Promise<string>((resolve) => {
    const off = cp.subscribe((e) => {
      if (e.type === 'authorizationRejected' && e.connectorId === connector) {
        off()
        resolve(e.status)
      }
    })
    void cp.startCharging(connector, uid).then((o) => {
      off()
      resolve(o.status === 'Accepted' ? 'Accepted' : o.reason)
    })
    void eventually(`${uid} starting`, () => cp.connector(connector).idTag === uid, 5_000).then(
      () => resolve('Accepted'),
      () => resolve('neither refused nor started'),
    )
  })
}

/** Every charger of `org` has acknowledged the list the node wants, and `uid` is on it or not. */
async function listsSettled(org: Org, uid: string, listed: boolean): Promise<boolean> {
  const rows = await db().all<{ ok: number; has: number }>(sql`
    SELECT (l.sent_hash IS NOT NULL AND l.sent_hash = l.wanted_hash) AS ok,
      EXISTS (SELECT 1 FROM local_list_entries e WHERE e.charger_id = c.id AND e.id_tag = ${uid}) AS has
    FROM chargers c LEFT JOIN local_lists l ON l.charger_id = c.id WHERE c.organization_id = ${org}`)
  return rows.length === PROTOCOLS.length && rows.every((r) => r.ok === 1 && (r.has === 1) === listed)
}

/** Signs in to the admin as `email` and gives `get`/`post` with that session. */
async function signIn(email: string) {
  const form = (path: string, fields: Record<string, string>, cookie = '') =>
    node.app.handle(
      new Request(`http://localhost${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'http://localhost',
          cookie,
        },
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      }),
    )
  const res = await form('/admin/login', { email, password: BOARD_PASSWORD })
  const cookie = res.headers.get('set-cookie')?.split(';')[0]
  if (!cookie) throw new Error(`${email} could not sign in (${res.status})`)
  return {
    get: (path: string) => node.app.handle(new Request(`http://localhost${path}`, { headers: { cookie } })),
    post: (path: string, fields: Record<string, string>) => form(path, fields, cookie),
  }
}

async function must(res: Promise<{ status: number; body: unknown }>, status = 200) {
  const r = await res
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`)
  return r.body as Record<string, unknown>
}

/** An access policy of `org`, last in its order, through the API. */
function policy(org: Org, name: string, group: string, windows: unknown[], priceGroup?: string) {
  return must(
    api('POST', '/policies', {
      name,
      organizationId: org,
      whoKind: 'group',
      whoId: group,
      whereKind: 'site',
      whereId: SITES[org],
      windows,
      ...(priceGroup ? { priceGroup } : {}),
    }),
    201,
  )
}

async function seed() {
  for (const [org, name] of [
    ['brf', 'BRF Eken'],
    ['kontor', 'Kontorshuset AB'],
  ] as const) {
    await must(api('POST', '/organizations', { id: org, name }), 201)
    await must(
      api('PUT', `/sites/${SITES[org]}`, {
        name: `${name} parking`,
        organizationId: org,
        timeZone: 'Europe/Stockholm',
        mainFuseA: 63,
        accessDefault: 'deny',
      }),
      201,
    )
    for (const p of PROTOCOLS) {
      await must(api('PUT', `/chargers/${chargerId(org, p)}`, { organizationId: org }), 201)
      await must(
        api('PUT', `/sites/${SITES[org]}/connectors/${chargerId(org, p)}/1`, {
          maxA: 16,
          wiring: 'L1,L2,L3',
        }),
        201,
      )
    }
  }
  const groups: Record<string, string> = {}
  for (const [org, name, kind] of [
    ['brf', 'Residents', 'tenants'],
    ['brf', 'Visitors', 'visitors'],
    ['brf', 'Board', 'custom'],
    ['kontor', 'Employees', 'employees'],
  ] as const)
    groups[name] = (await must(api('POST', '/groups', { name, kind, organizationId: org }), 201)).id as string
  const imported = await node.app.handle(
    new Request('http://localhost/api/v1/people/import?organizationId=brf&dryRun=false&strict=true', {
      method: 'POST',
      headers: { authorization: 'Bearer test-api-key-0123456789', 'content-type': 'text/csv' },
      body: coopCsv(),
    }),
  )
  expect(((await imported.json()) as { counts: { tokensCreated: number } }).counts.tokensCreated).toBe(60)

  const company = await must(
    api('POST', '/business-accounts', { name: 'Kontorshuset AB', organizationId: 'kontor' }),
    201,
  )
  for (let e = 1; e <= 30; e++) {
    const driver = await must(
      api('POST', '/drivers', {
        name: `Employee ${e}`,
        email: `e${e}@kontor.example`,
        businessAccountId: company.id,
        organizationId: 'kontor',
      }),
      201,
    )
    await must(
      api('PUT', `/tokens/EMP-${e}`, {
        type: 'ISO14443',
        status: 'Accepted',
        organizationId: 'kontor',
        driverId: driver.id,
        businessAccountId: company.id,
      }),
      201,
    )
  }
  await must(api('POST', `/groups/${groups.Employees}/members`, { kind: 'business', id: company.id }), 201)

  const always: unknown[] = []
  await policy('brf', 'Residents', groups.Residents!, always)
  await policy('brf', 'Board', groups.Board!, always)
  await policy(
    'brf',
    'Visitors evenings',
    groups.Visitors!,
    [{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '08:00' }],
    'visitors',
  )
  await policy('kontor', 'Employees', groups.Employees!, always)
  // tariffs: residents on the co-op's default price group, visitors on their own
  for (const [id, price, group] of [
    ['brf-residents', '2.40', 'default'],
    ['brf-visitors', '4.00', 'visitors'],
  ] as const) {
    const energy = { type: 'ENERGY', price, vat: 25, step_size: 1 }
    const startFee = { type: 'FLAT', price: '10.00', vat: 25, step_size: 0 }
    const components = group === 'visitors' ? [startFee, energy] : [energy]
    const tariff = { currency: 'SEK', elements: [{ price_components: components }] }
    await must(api('POST', '/tariffs', { id, name: id, organizationId: 'brf', tariff }), 201)
    await must(api('PUT', `/price-groups/${group}`, { tariffId: id }), 201)
  }

  // each board member is invited by the operator and accepts the one-time link
  for (const org of ['brf', 'kontor'] as const) {
    const invite = await must(
      api('POST', '/invites', { email: `board@${org}.example`, organizationId: org, roleId: 'board' }),
      201,
    )
    const accepted = await node.app.handle(
      new Request(`http://localhost${invite.path as string}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
        body: new URLSearchParams({
          name: `Board ${org}`,
          password: BOARD_PASSWORD,
          confirm: BOARD_PASSWORD,
        }),
        redirect: 'manual',
      }),
    )
    expect(accepted.status).toBe(303)
  }
}

beforeAll(async () => {
  node = await startTestNode({ CSMS_LOCAL_LISTS: 'on', CSMS_UNKNOWN_CHARGERS: 'reject' }, { clock })
  api = apiClient(node)
  await seed()
  for (const org of ['brf', 'kontor'] as const)
    for (const p of PROTOCOLS) {
      const cp = new SimCharger({
        url: node.ocppUrl,
        id: chargerId(org, p),
        protocol: p,
        clock,
        connectors: 12,
        meterIntervalS: 2,
        reconnectMs: 1e12,
      })
      await cp.start()
      sims.set(chargerId(org, p), cp)
    }
}, 90_000)

afterAll(async () => {
  for (const cp of sims.values()) await cp.stop()
  await node?.dispose()
})

describe('a co-op and an office under one operator', () => {
  test('the co-op has 40 apartments and 60 cards; the office 30 employees on its business account', async () => {
    expect((await must(api('GET', '/households?organizationId=brf&limit=500'))).total).toBe(40)
    const tokens = await db().all<{ org: string; n: number }>(
      sql`SELECT organization_id AS org, count(*) AS n FROM tokens GROUP BY organization_id ORDER BY org`,
    )
    expect(tokens).toEqual([
      { org: 'brf', n: 60 },
      { org: 'kontor', n: 30 },
    ])
  })

  test('each board sees only its own site and chargers, and may change nothing', async () => {
    for (const org of ['brf', 'kontor'] as const) {
      const other: Org = org === 'brf' ? 'kontor' : 'brf'
      const board = await signIn(`board@${org}.example`)
      const sites = await (await board.get('/admin/sites')).text()
      expect(sites).toContain(SITES[org])
      expect(sites).not.toContain(SITES[other])
      const chargers = await (await board.get('/admin/chargers')).text()
      expect(chargers).toContain(chargerId(org, 'ocpp1.6'))
      expect(chargers).not.toContain(chargerId(other, 'ocpp1.6'))
      expect((await board.get(`/admin/sites/${SITES[other]}`)).status).toBe(404)
      expect((await board.get(`/admin/chargers/${chargerId(other, 'ocpp2.0.1')}`)).status).toBe(404)
      const edit = await board.post(`/admin/sites/${SITES[org]}/settings`, {
        name: 'renamed',
        mainFuseA: '80',
      })
      expect(edit.status).toBe(403)
    }
    const [site] = await db().all<{ name: string }>(sql`SELECT name FROM sites WHERE id = 'brf-garage'`)
    expect(site?.name).toBe('BRF Eken parking')
  })

  test('every charger gets its list; at 14:00 no visitor card is on the co-op lists', async () => {
    await eventually(
      'lists acknowledged',
      () => listsSettled('brf', 'CARD-1101-A', true) || undefined,
      30_000,
    )
    await eventually('lists acknowledged', () => listsSettled('kontor', 'EMP-1', true) || undefined, 30_000)
    expect(await listsSettled('brf', 'CARD-1112-B', false)).toBe(true)
  }, 70_000)

  test('online at 14:00: a visitor is refused with each version’s status; residents, board and employees charge where they may', async () => {
    const brf16 = chargerId('brf', 'ocpp1.6')
    const brf201 = chargerId('brf', 'ocpp2.0.1')
    expect(await present(brf16, 'CARD-1112-B')).toBe('Blocked')
    expect(await present(brf201, 'CARD-1112-B')).toBe('NotAtThisTime')
    expect(await present(brf16, 'CARD-1101-A')).toBe('Accepted')
    expect(await present(brf201, 'CARD-1104-B')).toBe('Accepted')
    expect(await present(brf16, 'EMP-3')).toBe('Invalid')
    expect(await present(brf201, 'EMP-3')).toBe('NotAtThisLocation')
    expect(await present(chargerId('kontor', 'ocpp1.6'), 'EMP-3')).toBe('Accepted')
    expect(await present(chargerId('kontor', 'ocpp2.0.1'), 'CARD-1101-A')).toBe('NotAtThisLocation')
    const refusals = await db().all<{ explanation: string }>(
      sql`SELECT explanation FROM access_refusals WHERE id_token = 'CARD-1112-B' AND charger_id = ${brf201}`,
    )
    expect(refusals[0]?.explanation).toContain('Visitors evenings')
  }, 30_000)

  test('at 19:00 the visitor charges online, and the co-op lists carry the card until 08:00', async () => {
    await clock.jumpTo(EVENING)
    expect(await present(chargerId('brf', 'ocpp1.6'), 'CARD-1112-B')).toBe('Accepted')
    expect(await present(chargerId('brf', 'ocpp2.0.1'), 'CARD-1114-B')).toBe('Accepted')
    await eventually('visitors listed', () => listsSettled('brf', 'CARD-1112-B', true) || undefined, 30_000)
    const [entry] = await db().all<{ expires_at: number }>(
      sql`SELECT expires_at FROM local_list_entries WHERE id_tag = 'CARD-1112-B' LIMIT 1`,
    )
    expect(entry?.expires_at).toBe(at('2026-12-08T08:00:00+01:00'))
    const priced = await db().all<{
      id_tag: string
      tariff_id: string | null
      tariff_version: number | null
    }>(
      sql`SELECT id_tag, tariff_id, tariff_version FROM transactions WHERE id_tag IN ('CARD-1112-B', 'CARD-1101-A', 'EMP-3') ORDER BY id_tag`,
    )
    expect(priced).toEqual([
      { id_tag: 'CARD-1101-A', tariff_id: 'brf-residents', tariff_version: 1 },
      { id_tag: 'CARD-1112-B', tariff_id: 'brf-visitors', tariff_version: 1 },
      { id_tag: 'EMP-3', tariff_id: null, tariff_version: null },
    ])
  }, 40_000)

  test('the visitor’s running cost is priced under the visitors’ tariff from the charger’s meter', async () => {
    const [tx] = await db().all<{ id: number; start: number }>(
      sql`SELECT id, meter_start_wh AS start FROM transactions WHERE id_tag = 'CARD-1112-B'`,
    )
    const body = await must(api('GET', `/transactions/${tx!.id}`))
    const cost = body.cost as {
      tariffId: string
      pricedUntil: string
      exact: { exclVat: string }
      lines: { dimension: string; exclVat: string }[]
    }
    const samples = body.meterValues as {
      timestamp: string
      measurand: string
      value: number
      unit: string
      phase: string | null
    }[]
    // the register as priced: its reading at the instant the cost was priced up to
    const registers = samples.filter(
      (s) =>
        s.measurand === 'Energy.Active.Import.Register' &&
        s.phase === null &&
        Date.parse(s.timestamp) <= Date.parse(cost.pricedUntil),
    )
    const last = registers.at(-1)
    const wh = last ? (last.unit === 'kWh' ? last.value * 1000 : last.value) - tx!.start : 0
    expect(cost.tariffId).toBe('brf-visitors')
    expect(cost.lines.find((l) => l.dimension === 'FLAT')?.exclVat).toBe('10')
    expect(Number(cost.exact.exclVat)).toBeCloseTo(10 + (wh / 1000) * 4, 6)
  }, 30_000)

  test('a card blocked in one click is refused online at once and is off every list within a minute', async () => {
    const admin = await adminSession(node, { htmx: true })
    const blockedAt = Date.now()
    expect((await admin.post('/admin/tokens/CARD-1102-A/block', {})).status).toBe(200)
    expect(await present(chargerId('brf', 'ocpp1.6'), 'CARD-1102-A')).toBe('Blocked')
    expect(await present(chargerId('brf', 'ocpp2.0.1'), 'CARD-1102-A')).toBe('Blocked')
    await eventually(
      'blocked card delisted',
      () => listsSettled('brf', 'CARD-1102-A', false) || undefined,
      60_000,
    )
    expect(Date.now() - blockedAt).toBeLessThan(60_000)
  }, 70_000)

  test('offline, on both versions: the visitor charges in the evening from the list and is refused after 08:00; the blocked card is refused', async () => {
    for (const p of PROTOCOLS) await sims.get(chargerId('brf', p))!.dropConnection()
    const unlisted = { 'ocpp1.6': 'Invalid', 'ocpp2.0.1': 'Offline' }
    const evening: Record<string, string> = {}
    const morning: Record<string, string> = {}
    for (const p of PROTOCOLS) {
      expect(sims.get(chargerId('brf', p))!.online).toBe(false)
      evening[p] =
        `${await present(chargerId('brf', p), 'CARD-1116-B')}, blocked ${await present(chargerId('brf', p), 'CARD-1102-A')}`
    }
    await clock.jumpTo(NEXT_MORNING)
    for (const p of PROTOCOLS)
      morning[p] =
        `${await present(chargerId('brf', p), 'CARD-1118-B')}, resident ${await present(chargerId('brf', p), 'CARD-1103-A')}`
    expect(evening).toEqual({
      'ocpp1.6': `Accepted, blocked ${unlisted['ocpp1.6']}`,
      'ocpp2.0.1': `Accepted, blocked ${unlisted['ocpp2.0.1']}`,
    })
    expect(morning).toEqual({
      'ocpp1.6': 'Expired, resident Accepted',
      'ocpp2.0.1': 'Expired, resident Accepted',
    })
  }, 30_000)
})
