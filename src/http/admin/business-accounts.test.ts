import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { businessAccounts, costCentres, drivers } from '@src/db/schema'
import { startTestNode, type TestNode } from '@src/testing/node'
import { createdId, peopleAdmin, type Session } from '@src/testing/people-admin'
import { eq } from 'drizzle-orm'

let node: TestNode
let office: Session
let coop: Session

beforeAll(async () => {
  node = await startTestNode()
  const w = await peopleAdmin(node, ['coop', 'office'])
  coop = w.orgs.coop!
  office = w.orgs.office!
})
afterAll(() => node.dispose())

const db = () => node.deps.database.db
const centresOf = async (id: string) =>
  (await db().select().from(costCentres).where(eq(costCentres.businessAccountId, id)))
    .map((c) => c.code)
    .sort()

describe('the business accounts admin', () => {
  test('adds a company, cost centres and an employee booked to one', async () => {
    const id = createdId(
      await office.post('/admin/business-accounts', { name: 'Kontor AB', companyNumber: '556677-8899' }),
    )
    expect(
      (await db().select().from(businessAccounts).where(eq(businessAccounts.id, id)))[0]?.organizationId,
    ).toBe('office')
    for (const [code, name] of [
      ['SALES', 'Sales'],
      ['DEV', 'Development'],
    ] as const)
      expect((await office.post(`/admin/business-accounts/${id}/cost-centres`, { code, name })).status).toBe(
        303,
      )
    expect(await centresOf(id)).toEqual(['DEV', 'SALES'])
    const emp = createdId(
      await office.post('/admin/drivers', {
        name: 'Eva Employee',
        businessAccountId: id,
        costCentre: 'SALES',
      }),
    )
    const page = await (await office.get(`/admin/business-accounts/${id}`)).text()
    expect(page).toContain('Eva Employee')
    expect(page).toContain('Development')
    const used = await office.post(`/admin/business-accounts/${id}/cost-centres/SALES/delete`, {})
    expect(used.status).toBe(409)
    expect(await used.text()).toContain('booked to cost centre SALES')
    expect((await office.post(`/admin/business-accounts/${id}/cost-centres/DEV/delete`, {})).status).toBe(303)
    expect(await centresOf(id)).toEqual(['SALES'])
    const refused = await office.post(`/admin/business-accounts/${id}/delete`, {})
    expect(refused.status).toBe(409)
    expect((await db().select().from(drivers).where(eq(drivers.id, emp)))[0]?.costCentre).toBe('SALES')
  })

  test('editing keeps the cost centres; a bad company number is a field error with the input kept', async () => {
    const id = createdId(await office.post('/admin/business-accounts', { name: 'Firma' }))
    await office.post(`/admin/business-accounts/${id}/cost-centres`, { code: 'HQ', name: 'Head office' })
    expect(
      (
        await office.post(`/admin/business-accounts/${id}`, {
          name: 'Firma AB',
          billingEmail: 'bill@firma.se',
        })
      ).status,
    ).toBe(303)
    expect(await centresOf(id)).toEqual(['HQ'])
    const bad = await office.post(`/admin/business-accounts/${id}`, {
      name: 'Firma AB',
      companyNumber: 'abc',
    })
    expect(bad.status).toBe(400)
    const page = await bad.text()
    expect(page).toContain('Enter a company number like 556677-8899.')
    expect(page).toContain('value="abc"')
    expect((await office.post(`/admin/business-accounts/${id}/delete`, {})).headers.get('location')).toBe(
      '/admin/business-accounts',
    )
  })

  test("another tenant's company is unknown everywhere", async () => {
    const id = createdId(await office.post('/admin/business-accounts', { name: 'Hidden Corp' }))
    const answers = await Promise.all([
      coop.get(`/admin/business-accounts/${id}`),
      coop.post(`/admin/business-accounts/${id}`, { name: 'x' }),
      coop.post(`/admin/business-accounts/${id}/delete`, {}),
      coop.post(`/admin/business-accounts/${id}/cost-centres`, { code: 'X', name: 'x' }),
      coop.post(`/admin/business-accounts/${id}/cost-centres/X/delete`, {}),
      coop.post(`/admin/business-accounts/${id}/tokens`, { uid: 'X-2', type: 'ISO14443' }),
    ])
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404])
    expect(await (await coop.get('/admin/business-accounts')).text()).not.toContain('Hidden Corp')
    expect(await centresOf(id)).toEqual([])
  })
})
