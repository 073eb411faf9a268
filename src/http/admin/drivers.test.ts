import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { drivers, tokens } from '@src/db/schema'
import { startTestNode, type TestNode } from '@src/testing/node'
import { createdId, peopleAdmin, type Session } from '@src/testing/people-admin'
import { eq } from 'drizzle-orm'

let node: TestNode
let coop: Session
let office: Session
let platform: Session

beforeAll(async () => {
  node = await startTestNode()
  const w = await peopleAdmin(node, ['coop', 'office'])
  platform = w.platform
  coop = w.orgs.coop!
  office = w.orgs.office!
})
afterAll(() => node.dispose())

const driverRow = async (id: string) =>
  (await node.deps.database.db.select().from(drivers).where(eq(drivers.id, id)))[0]

describe('the drivers admin', () => {
  test("adds a driver to the adder's own organization and shows it in the list", async () => {
    const res = await coop.post('/admin/drivers', { name: 'Åsa Berg', email: 'asa@coop.example', phone: '' })
    const id = createdId(res)
    expect((await driverRow(id))?.organizationId).toBe('coop')
    const list = await (await coop.get('/admin/drivers')).text()
    expect(list).toContain('Åsa Berg')
    expect(await (await office.get('/admin/drivers')).text()).not.toContain('Åsa Berg')
  })

  test('a bad field re-renders the form with its message and what was typed, storing nothing', async () => {
    const res = await coop.post('/admin/drivers', { name: 'Bo "Ek"', email: 'not-an-email' })
    expect(res.status).toBe(400)
    const page = await res.text()
    expect(page).toContain('role="alert"')
    expect(page).toContain('value="Bo &#34;Ek&#34;"')
    expect(page).toContain('value="not-an-email"')
    const stored = await node.deps.database.db.select().from(drivers).where(eq(drivers.name, 'Bo "Ek"'))
    expect(stored).toEqual([])
  })

  test('a service refusal (the same email twice) names the field and keeps the input', async () => {
    const res = await coop.post('/admin/drivers', { name: 'Other Åsa', email: 'asa@coop.example' })
    expect(res.status).toBe(409)
    const page = await res.text()
    expect(page).toContain('has the email asa@coop.example')
    expect(page).toContain('value="Other Åsa"')
  })

  test('the organization picker shows only for a caller of several, preselecting its own', async () => {
    expect(await (await coop.get('/admin/drivers')).text()).not.toContain('name="organizationId"')
    const page = await (await platform.get('/admin/drivers')).text()
    expect(page).toContain('name="organizationId"')
    expect(page).toMatch(/<option value="platform" selected/)
    const res = await platform.post('/admin/drivers', { name: 'Office Olle', organizationId: 'office' })
    expect((await driverRow(createdId(res)))?.organizationId).toBe('office')
  })

  test('searches by name, email and card, and pages', async () => {
    for (let i = 0; i < 55; i++)
      await coop.post('/admin/drivers', { name: `Pager ${String(i).padStart(2, '0')}` })
    const first = await (await coop.get('/admin/drivers?search=Pager')).text()
    expect(first).toContain('1–50 of 55')
    expect(first).toContain('href="/admin/drivers?search=Pager&offset=50"')
    const second = await (await coop.get('/admin/drivers?search=Pager&offset=50')).text()
    expect(second).toContain('Pager 54')
    expect(second).not.toContain('Pager 00')
    expect(await (await coop.get('/admin/drivers?search=asa%40coop')).text()).toContain('Åsa Berg')
  })

  test('edits a driver, gives it a card with expiry and group, and blocks the card from its page', async () => {
    const id = createdId(await coop.post('/admin/drivers', { name: 'Card Carl' }))
    const group = createdId(await coop.post('/admin/groups', { name: 'Visitors', kind: 'visitors' }))
    const edited = await coop.post(`/admin/drivers/${id}`, { name: 'Carl Card', language: 'sv' })
    expect(edited.status).toBe(303)
    expect((await driverRow(id))?.language).toBe('sv')
    const card = await coop.post(`/admin/drivers/${id}/tokens`, {
      uid: 'CARL-1',
      type: 'ISO14443',
      expiresAt: '2027-01-31T23:59',
      [`group_${group}`]: 'on',
    })
    expect(card.status).toBe(303)
    const [t] = await node.deps.database.db.select().from(tokens).where(eq(tokens.uid, 'CARL-1'))
    expect(t).toMatchObject({
      driverId: id,
      organizationId: 'coop',
      expiresAt: Date.UTC(2027, 0, 31, 23, 59),
    })
    const page = await (await coop.get(`/admin/drivers/${id}`)).text()
    expect(page).toContain('CARL-1')
    expect(page).toContain('Visitors')
    expect(page).toContain('action="/admin/tokens/CARL-1/block"')
    expect((await coop.post('/admin/tokens/CARL-1/block', {})).status).toBe(303)
    expect(await (await coop.get(`/admin/drivers/${id}`)).text()).toContain(
      'action="/admin/tokens/CARL-1/unblock"',
    )
  })

  test('a driver with a card is not removed (the message says why); without one it is', async () => {
    const id = createdId(await coop.post('/admin/drivers', { name: 'Held Harry' }))
    await coop.post(`/admin/drivers/${id}/tokens`, { uid: 'HARRY-1', type: 'ISO14443' })
    const refused = await coop.post(`/admin/drivers/${id}/delete`, {})
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain('it still has 1 token(s)')
    await node.deps.writer.write([node.deps.repos.tokens.remove('HARRY-1')])
    const done = await coop.post(`/admin/drivers/${id}/delete`, {})
    expect(done.headers.get('location')).toBe('/admin/drivers')
    expect(await driverRow(id)).toBeUndefined()
  })

  test("another tenant's driver is unknown: page, edit, delete and card all 404, nothing changes", async () => {
    const id = createdId(await coop.post('/admin/drivers', { name: 'Private Pia' }))
    const before = await driverRow(id)
    const answers = await Promise.all([
      office.get(`/admin/drivers/${id}`),
      office.post(`/admin/drivers/${id}`, { name: 'Taken' }),
      office.post(`/admin/drivers/${id}/delete`, {}),
      office.post(`/admin/drivers/${id}/tokens`, { uid: 'STOLEN-1', type: 'ISO14443' }),
    ])
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404])
    for (const r of answers) expect(await r.text()).not.toContain('Private Pia')
    expect(await driverRow(id)).toEqual(before)
  })

  test('a household of another organization is refused on the form', async () => {
    const hh = createdId(await office.post('/admin/households', { apartment: '7' }))
    const res = await coop.post('/admin/drivers', { name: 'Sneaky', householdId: hh })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain(`no household ${hh} in this organization`)
  })
})
