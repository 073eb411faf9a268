import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { groupMembers, groups } from '@src/db/schema'
import { startTestNode, type TestNode } from '@src/testing/node'
import { createdId, peopleAdmin, type Session } from '@src/testing/people-admin'
import { eq } from 'drizzle-orm'
import { membersAndCandidates } from './groups'

let node: TestNode
let coop: Session
let office: Session

beforeAll(async () => {
  node = await startTestNode()
  const w = await peopleAdmin(node, ['coop', 'office'])
  coop = w.orgs.coop!
  office = w.orgs.office!
})
afterAll(() => node.dispose())

const membersOf = async (id: string) =>
  (await node.deps.database.db.select().from(groupMembers).where(eq(groupMembers.groupId, id)))
    .map((m) => `${m.memberKind} ${m.memberId}`)
    .sort()

describe('the groups admin', () => {
  test('adds a group, members of each kind from the pickers, and removes one', async () => {
    const g = createdId(await coop.post('/admin/groups', { name: 'Residents', kind: 'tenants' }))
    const hh = createdId(await coop.post('/admin/households', { apartment: '3' }))
    const drv = createdId(await coop.post('/admin/drivers', { name: 'Greta Group' }))
    const ba = createdId(await coop.post('/admin/business-accounts', { name: 'Board AB' }))
    await coop.post(`/admin/drivers/${drv}/tokens`, { uid: 'GRETA-1', type: 'ISO14443' })
    const page = await (await coop.get(`/admin/groups/${g}`)).text()
    for (const id of [hh, drv, ba, 'GRETA-1']) expect(page).toContain(`<option value="${id}"`)
    for (const [kind, id] of [
      ['driver', drv],
      ['household', hh],
      ['token', 'GRETA-1'],
      ['business', ba],
    ])
      expect((await coop.post(`/admin/groups/${g}/members`, { kind: kind!, id: id! })).status).toBe(303)
    expect(await membersOf(g)).toEqual(
      [`business ${ba}`, `driver ${drv}`, `household ${hh}`, 'token GRETA-1'].sort(),
    )
    const shown = await (await coop.get(`/admin/groups/${g}`)).text()
    expect(shown).toContain('Greta Group')
    expect(shown).not.toContain(`<option value="${drv}"`)
    expect((await coop.post(`/admin/groups/${g}/members/token/GRETA-1/delete`, {})).status).toBe(303)
    expect(await membersOf(g)).not.toContain('token GRETA-1')
    expect(await (await coop.get('/admin/groups')).text()).toMatch(
      /Residents<\/a><\/td><td>tenants<\/td><td>3</,
    )
  })

  test('a name taken is refused with the input kept; a rename and a kind change save', async () => {
    const g = createdId(await coop.post('/admin/groups', { name: 'Visitors', kind: 'visitors' }))
    const dup = await coop.post('/admin/groups', { name: 'visitors', kind: 'guests' })
    expect(dup.status).toBe(409)
    expect(await dup.text()).toContain('there is already a group called visitors')
    expect((await coop.post(`/admin/groups/${g}`, { name: 'Guests', kind: 'guests' })).status).toBe(303)
    const [row] = await node.deps.database.db.select().from(groups).where(eq(groups.id, g))
    expect(row).toMatchObject({ name: 'Guests', kind: 'guests' })
    const badKind = await coop.post('/admin/groups', { name: 'Odd', kind: 'aliens' })
    expect(badKind.status).toBe(400)
    expect(await badKind.text()).toContain('Choose employees, tenants, visitors, guests, fleet or custom.')
    expect((await coop.post(`/admin/groups/${g}/delete`, {})).headers.get('location')).toBe('/admin/groups')
  })

  test("another organization's driver cannot be added, and its group is unknown", async () => {
    const mine = createdId(await coop.post('/admin/groups', { name: 'Board', kind: 'custom' }))
    const theirs = createdId(await office.post('/admin/drivers', { name: 'Office Oskar' }))
    const res = await coop.post(`/admin/groups/${mine}/members`, { kind: 'driver', id: theirs })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain(`no driver ${theirs} in this organization`)
    expect(await (await coop.get(`/admin/groups/${mine}`)).text()).not.toContain('Office Oskar')
    const answers = await Promise.all([
      office.get(`/admin/groups/${mine}`),
      office.post(`/admin/groups/${mine}`, { name: 'x', kind: 'custom' }),
      office.post(`/admin/groups/${mine}/delete`, {}),
      office.post(`/admin/groups/${mine}/members`, { kind: 'driver', id: theirs }),
      office.post(`/admin/groups/${mine}/members/driver/${theirs}/delete`, {}),
    ])
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404])
    expect(await membersOf(mine)).toEqual([])
  })
})

describe('membersAndCandidates', () => {
  const choices = {
    driver: [
      { value: 'd1', label: 'Ann' },
      { value: 'd2', label: 'Bo' },
    ],
    household: [{ value: 'h1', label: '1101' }],
    token: [],
    business: [],
  }
  test.each([
    ['no members: every choice is left', [], ['d1', 'd2'], []],
    ['a member is labelled and no longer offered', [['driver', 'd1']], ['d2'], ['Ann']],
    ['a member not among the choices shows its id', [['token', 'T-9']], ['d1', 'd2'], ['T-9']],
  ] as const)('%s', (_, rows, left, labels) => {
    const members = rows.map(([memberKind, memberId]) => ({
      groupId: 'g',
      memberKind,
      memberId,
      createdAt: 0,
    }))
    const out = membersAndCandidates(members, choices)
    expect(out.candidates.driver.map((c) => c.value)).toEqual([...left])
    expect(out.members.map((m) => m.label)).toEqual([...labels])
  })
})
