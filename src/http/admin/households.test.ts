import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { drivers, households, tokens } from '@src/db/schema'
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
})
afterAll(() => node.dispose())

const household = async (id: string) =>
  (await node.deps.database.db.select().from(households).where(eq(households.id, id)))[0]

describe('the households admin', () => {
  test('adds a household, then two drivers into it and a card of its own, all shown on its page', async () => {
    const id = createdId(await coop.post('/admin/households', { apartment: '1101', parkingSpace: 'P12' }))
    expect(await household(id)).toMatchObject({
      organizationId: 'coop',
      apartment: '1101',
      parkingSpace: 'P12',
    })
    for (const name of ['Anna Lind', 'Olof Lind'])
      expect(
        (await coop.post('/admin/drivers', { name, householdId: id, organizationId: 'coop' })).status,
      ).toBe(303)
    const card = await coop.post(`/admin/households/${id}/tokens`, { uid: 'HH-1101', type: 'ISO14443' })
    expect(card.status).toBe(303)
    const [t] = await node.deps.database.db.select().from(tokens).where(eq(tokens.uid, 'HH-1101'))
    expect(t?.householdId).toBe(id)
    const page = await (await coop.get(`/admin/households/${id}`)).text()
    expect(page).toContain('Anna Lind')
    expect(page).toContain('Olof Lind')
    expect(page).toContain('HH-1101')
    const list = await (await coop.get('/admin/households?search=P12')).text()
    expect(list).toContain('1101')
  })

  test('a taken apartment is refused on its field with the input kept', async () => {
    const res = await coop.post('/admin/households', { apartment: '1101', parkingSpace: 'P99' })
    expect(res.status).toBe(409)
    const page = await res.text()
    expect(page).toContain('apartment 1101 is already a household')
    expect(page).toContain('value="P99"')
  })

  test('an empty apartment is a field error and nothing is stored', async () => {
    const before = await node.deps.database.db.select().from(households)
    const res = await coop.post('/admin/households', { apartment: '', parkingSpace: 'P1' })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('role="alert"')
    expect(await node.deps.database.db.select().from(households)).toEqual(before)
  })

  test('edits a household; removal waits until its drivers and cards are gone', async () => {
    const id = createdId(await coop.post('/admin/households', { apartment: '1202' }))
    expect(
      (await coop.post(`/admin/households/${id}`, { apartment: '1202', parkingSpace: 'P7' })).status,
    ).toBe(303)
    expect((await household(id))?.parkingSpace).toBe('P7')
    const driver = createdId(await coop.post('/admin/drivers', { name: 'Stay Put', householdId: id }))
    const refused = await coop.post(`/admin/households/${id}/delete`, {})
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain('it still has 1 driver(s)')
    expect((await coop.post(`/admin/drivers/${driver}/delete`, {})).status).toBe(303)
    expect((await coop.post(`/admin/households/${id}/delete`, {})).headers.get('location')).toBe(
      '/admin/households',
    )
    expect(await household(id)).toBeUndefined()
  })

  test("another tenant's household is unknown, and not in its list or pickers", async () => {
    const id = createdId(await coop.post('/admin/households', { apartment: 'SECRET-9' }))
    const answers = await Promise.all([
      office.get(`/admin/households/${id}`),
      office.post(`/admin/households/${id}`, { apartment: 'x' }),
      office.post(`/admin/households/${id}/delete`, {}),
      office.post(`/admin/households/${id}/tokens`, { uid: 'X-1', type: 'ISO14443' }),
    ])
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404])
    expect(await (await office.get('/admin/households')).text()).not.toContain('SECRET-9')
    expect(await (await office.get('/admin/drivers')).text()).not.toContain('SECRET-9')
    expect((await household(id))?.apartment).toBe('SECRET-9')
    const none = await node.deps.database.db.select().from(drivers).where(eq(drivers.householdId, id))
    expect(none).toEqual([])
  })
})
