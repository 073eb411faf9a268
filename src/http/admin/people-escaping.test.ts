import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { startTestNode, type TestNode } from '@src/testing/node'
import { createdId, peopleAdmin, type Session } from '@src/testing/people-admin'

const SVG = '<svg/onload=p()>'
const IMG = '"><img src=x onerror=p()>'

let node: TestNode
let admin: Session
const pages: string[] = []

/** A page's markup without its attribute values (escaped there, a `<` inside quotes is no element). */
const markupOf = (html: string) => html.replace(/="[^"]*"/g, '=""')

beforeAll(async () => {
  node = await startTestNode()
  admin = (await peopleAdmin(node, [])).platform
  const hh = createdId(
    await admin.post('/admin/households', { apartment: 'A1', name: SVG, parkingSpace: 'P1' }),
  )
  const ba = createdId(await admin.post('/admin/business-accounts', { name: IMG }))
  await admin.post(`/admin/business-accounts/${ba}/cost-centres`, { code: 'CC1', name: SVG })
  const drv = createdId(
    await admin.post('/admin/drivers', { name: SVG, householdId: hh, businessAccountId: ba }),
  )
  const grp = createdId(await admin.post('/admin/groups', { name: IMG, kind: 'custom' }))
  await admin.post(`/admin/drivers/${drv}/tokens`, { uid: 'H<i>1', type: 'ISO14443', [`group_${grp}`]: 'on' })
  await admin.post(`/admin/groups/${grp}/members`, { kind: 'driver', id: drv })
  pages.push(
    '/admin/drivers',
    `/admin/drivers/${drv}`,
    '/admin/households',
    `/admin/households/${hh}`,
    '/admin/business-accounts',
    `/admin/business-accounts/${ba}`,
    '/admin/groups',
    `/admin/groups/${grp}`,
    `/admin/tokens/${encodeURIComponent('H<i>1')}`,
  )
})
afterAll(() => node.dispose())

describe('people pages with hostile names', () => {
  test('every page shows the names as text, never as markup', async () => {
    const found: string[] = []
    for (const path of pages) {
      const res = await admin.get(path)
      expect({ path, status: res.status }).toEqual({ path, status: 200 })
      const body = markupOf(await res.text())
      for (const raw of [SVG, '<img src=x', '<i>1']) if (body.includes(raw)) found.push(`${path}: ${raw}`)
      if (!body.includes('&lt;svg/onload=p()&gt;') && !body.includes('&lt;img src=x'))
        found.push(`${path}: shows none of the names`)
    }
    expect(found).toEqual([])
  })

  test('an import preview shows hostile cells as text', async () => {
    const text = `apartment,name,token_uid\n1,${SVG},T<u>1\n2,"${IMG.replaceAll('"', '""')}",`
    const body = markupOf(await (await admin.post('/admin/people/import', { step: 'preview', text })).text())
    expect(body).not.toContain(SVG)
    expect(body).not.toContain('<img src=x')
    expect(body).toContain('&lt;svg/onload=p()&gt;')
  })
})
