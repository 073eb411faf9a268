import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { groupMembers, tokens } from '@src/db/schema'
import { startTestNode, type TestNode } from '@src/testing/node'
import { createdId, peopleAdmin, type Session } from '@src/testing/people-admin'
import { eq } from 'drizzle-orm'

let node: TestNode
let coop: Session
let office: Session

beforeAll(async () => {
  node = await startTestNode()
  const w = await peopleAdmin(node, ['coop', 'office'])
  coop = w.orgs.coop!
  office = w.orgs.office!
  await coop.post('/admin/tokens', { uid: 'EDIT-1', type: 'ISO14443', status: 'Accepted', label: '' })
})
afterAll(() => node.dispose())

const token = async (uid: string) =>
  (await node.deps.database.db.select().from(tokens).where(eq(tokens.uid, uid)))[0]

const fields = (over: Record<string, string> = {}) => ({
  type: 'ISO14443',
  status: 'Accepted',
  expiresAt: '',
  label: '',
  driverId: '',
  householdId: '',
  businessAccountId: '',
  ...over,
})

describe("a token's page", () => {
  test('the tokens list links each token to its page, and searches by id', async () => {
    const list = await (await coop.get('/admin/tokens?search=EDIT')).text()
    expect(list).toContain('href="/admin/tokens/EDIT-1"')
    expect(await (await coop.get('/admin/tokens?search=NOPE')).text()).not.toContain('EDIT-1')
  })

  test('changes status, expiry, label, owner and groups, and shows them back', async () => {
    const drv = createdId(await coop.post('/admin/drivers', { name: 'Owner Olga' }))
    const hh = createdId(await coop.post('/admin/households', { apartment: '42' }))
    const g = createdId(await coop.post('/admin/groups', { name: 'Visitors', kind: 'visitors' }))
    const res = await coop.post(
      '/admin/tokens/EDIT-1',
      fields({
        status: 'Blocked',
        expiresAt: '2027-06-30T18:00',
        label: 'Olga card',
        driverId: drv,
        householdId: hh,
        [`group_${g}`]: 'on',
      }),
    )
    expect(res.status).toBe(303)
    expect(await token('EDIT-1')).toMatchObject({
      status: 'Blocked',
      expiresAt: Date.UTC(2027, 5, 30, 18),
      label: 'Olga card',
      driverId: drv,
      householdId: hh,
    })
    const members = await node.deps.database.db
      .select()
      .from(groupMembers)
      .where(eq(groupMembers.memberId, 'EDIT-1'))
    expect(members.map((m) => m.groupId)).toEqual([g])
    const page = await (await coop.get('/admin/tokens/EDIT-1')).text()
    expect(page).toContain('value="2027-06-30T18:00"')
    expect(page).toMatch(new RegExp(`<option value="${drv}" selected`))
    expect(page).toMatch(new RegExp(`name="group_${g}" value="on" checked`))
    expect((await coop.post('/admin/tokens/EDIT-1', fields())).status).toBe(303)
    expect(await token('EDIT-1')).toMatchObject({ status: 'Accepted', expiresAt: null, driverId: null })
  })

  test('a bad expiry or status is a field error with the input kept, and nothing changes', async () => {
    const before = await token('EDIT-1')
    const res = await coop.post('/admin/tokens/EDIT-1', fields({ expiresAt: 'soon', label: 'kept label' }))
    expect(res.status).toBe(400)
    const page = await res.text()
    expect(page).toContain('Enter a date and time.')
    expect(page).toContain('value="kept label"')
    expect((await coop.post('/admin/tokens/EDIT-1', fields({ status: 'Lost' }))).status).toBe(400)
    expect(await token('EDIT-1')).toEqual(before)
  })

  test("another organization's driver as owner is refused; another tenant's token is unknown", async () => {
    const theirs = createdId(await office.post('/admin/drivers', { name: 'Office Otto' }))
    const res = await coop.post('/admin/tokens/EDIT-1', fields({ driverId: theirs }))
    expect(res.status).toBe(400)
    expect(await res.text()).toContain(`no driver ${theirs} in this organization`)
    expect((await office.get('/admin/tokens/EDIT-1')).status).toBe(404)
    expect((await office.post('/admin/tokens/EDIT-1', fields({ status: 'Blocked' }))).status).toBe(404)
    expect((await token('EDIT-1'))?.status).toBe('Accepted')
  })
})
