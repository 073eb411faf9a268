import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { sites } from '@src/db/schema'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'
import { eq } from 'drizzle-orm'

let node: TestNode
let api: ReturnType<typeof apiClient>
let visitors = ''

/** Tuesday 2026-12-01 at 14:00 and 19:00 in Stockholm (UTC+1). */
const AFTERNOON = '2026-12-01T13:00:00Z'
const EVENING = '2026-12-01T18:00:00Z'
const EVENINGS = [{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '08:00' }]

beforeAll(async () => {
  node = await startTestNode()
  api = apiClient(node)
  const ok = async (method: string, path: string, body: unknown) => {
    const res = await api(method, path, body)
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }
  await ok('POST', '/organizations', { id: 'coop', name: 'Brf Solrosen' })
  await ok('PUT', '/chargers/COOP-CP', { organizationId: 'coop' })
  await ok('PUT', '/sites/coop-site', { name: 'Garage', mainFuseA: 63, organizationId: 'coop' })
  await ok('PUT', '/sites/coop-site/connectors/COOP-CP/1', { maxA: 16, wiring: 'L1,L2,L3' })
  await node.deps.database.db.update(sites).set({ accessDefault: 'deny' }).where(eq(sites.id, 'coop-site'))
  for (const uid of ['GUEST-1', 'RESIDENT-1'])
    await ok('PUT', `/tokens/${uid}`, { type: 'ISO14443', status: 'Accepted', organizationId: 'coop' })
  visitors = (await ok('POST', '/groups', { name: 'Visitors', kind: 'visitors', organizationId: 'coop' })).id
  await ok('POST', `/groups/${visitors}/members`, { kind: 'token', id: 'GUEST-1' })
})
afterAll(() => node.dispose())

const visitorsEvenings = () => ({
  name: 'Visitors evenings',
  organizationId: 'coop',
  whoKind: 'group',
  whoId: visitors,
  whereKind: 'site',
  whereId: 'coop-site',
  windows: EVENINGS,
  priceGroup: 'visitor',
  maxSessionMinutes: 600,
})

describe('/api/v1/policies', () => {
  test('a policy is created, listed in order, read, replaced, moved and removed', async () => {
    const a = await api('POST', '/policies', visitorsEvenings())
    expect(a.status).toBe(201)
    expect(a.body).toMatchObject({ position: 1, effect: 'allow', holidays: 'ignore', validFrom: null })
    const b = await api('POST', '/policies', {
      name: 'Residents',
      organizationId: 'coop',
      whoKind: 'token',
      whoId: 'RESIDENT-1',
      whereKind: 'organization',
      whereId: 'coop',
      validFrom: '2026-01-01T00:00:00Z',
      priorityTier: 2,
    })
    expect(b.status).toBe(201)
    expect(b.body).toMatchObject({
      organizationId: 'coop',
      position: 2,
      validFrom: '2026-01-01T00:00:00.000Z',
    })
    const list = await api('GET', '/policies?organizationId=coop')
    expect(list.body.items.map((p: { name: string }) => p.name)).toEqual(['Visitors evenings', 'Residents'])
    expect((await api('GET', `/policies/${b.body.id}`)).body.priorityTier).toBe(2)
    const moved = await api('POST', `/policies/${b.body.id}/move`, { direction: 'up' })
    expect(moved.body.position).toBe(1)
    const put = await api('PUT', `/policies/${b.body.id}`, {
      ...b.body,
      name: 'Residents always',
      validFrom: null,
    })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ name: 'Residents always', position: 1, validFrom: null })
    expect((await api('DELETE', `/policies/${b.body.id}`)).status).toBe(204)
    expect((await api('GET', `/policies/${b.body.id}`)).status).toBe(404)
    expect((await api('GET', `/policies/${a.body.id}`)).body.position).toBe(1)
  })

  test('a policy naming a group that is not there answers 422 with the field', async () => {
    const res = await api('POST', '/policies', { ...visitorsEvenings(), whoId: 'grp_missing' })
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({ code: 'UNPROCESSABLE', field: 'whoId' })
    expect(res.body.error.message).toContain('no group grp_missing in organization coop')
  })

  test('a malformed policy (tier 10, a window at 25:00) is refused before the service', async () => {
    const tier = await api('POST', '/policies', { ...visitorsEvenings(), priorityTier: 10 })
    const window = await api('POST', '/policies', {
      ...visitorsEvenings(),
      windows: [{ days: [1], from: '25:00', to: '08:00' }],
    })
    expect([tier.status, window.status].every((s) => s >= 400 && s < 500)).toBe(true)
    expect((await api('GET', '/policies')).body.total).toBe(1)
  })
})

test('the OpenAPI document describes the policy routes and the check', async () => {
  const doc = JSON.stringify(
    await (await node.app.handle(new Request('http://localhost/api/v1/openapi.json'))).json(),
  )
  for (const path of ['/api/v1/policies/{id}/move', '/api/v1/access/check']) expect(doc).toContain(path)
})

describe('/api/v1/access/check', () => {
  test('a visitor is refused at 14:00 (NotAtThisTime, 1.6 Blocked) and accepted at 19:00, with why', async () => {
    const day = await api('POST', '/access/check', {
      chargerId: 'COOP-CP',
      evseId: 1,
      uid: 'GUEST-1',
      at: AFTERNOON,
    })
    expect(day.status).toBe(200)
    expect(day.body).toMatchObject({
      allowed: false,
      status: { ocpp201: 'NotAtThisTime', ocpp16: 'Blocked' },
      decidedBy: 'default',
      siteDefault: 'deny',
    })
    expect(day.body.explanation).toEqual([
      '"Visitors evenings" allows this token here, but not at this time',
      'the site default (deny) decided: NotAtThisTime',
    ])
    const evening = await api('POST', '/access/check', { chargerId: 'COOP-CP', uid: 'GUEST-1', at: EVENING })
    expect(evening.body).toMatchObject({
      allowed: true,
      status: { ocpp201: 'Accepted', ocpp16: 'Accepted' },
      decidedBy: 'policy',
      policy: { name: 'Visitors evenings' },
      priceGroup: 'visitor',
      maxSessionMinutes: 600,
      validUntil: '2026-12-02T07:00:00.000Z',
    })
  })

  test('a card in no rule is refused as not here; an unknown card is Invalid; an unknown charger 404', async () => {
    const resident = await api('POST', '/access/check', {
      chargerId: 'COOP-CP',
      uid: 'RESIDENT-1',
      at: EVENING,
    })
    expect(resident.body.status).toEqual({ ocpp201: 'NotAtThisLocation', ocpp16: 'Invalid' })
    const unknown = await api('POST', '/access/check', { chargerId: 'COOP-CP', uid: 'NOBODY' })
    expect(unknown.body).toMatchObject({ allowed: false, decidedBy: 'token', status: { ocpp16: 'Invalid' } })
    expect((await api('POST', '/access/check', { chargerId: 'NO-SUCH', uid: 'GUEST-1' })).status).toBe(404)
  })
})
