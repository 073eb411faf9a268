import { afterAll, beforeAll, expect, test } from 'bun:test'
import { adminSession } from '@src/testing/admin'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
let admin: Awaited<ReturnType<typeof adminSession>>
const changed: string[] = []
const settings = (over: Record<string, string>) => ({
  name: 'Eken',
  mainFuseA: '63',
  phases: '3',
  voltageV: '230',
  safetyMarginA: '0',
  loopIntervalMs: '500',
  buildingMeter: 'none',
  objective: 'vehicles',
  ...over,
})

beforeAll(async () => {
  node = await startTestNode()
  admin = await adminSession(node, { htmx: true })
  const added = await admin.post('/admin/sites', { id: 'eken', ...settings({}) })
  expect(added.status).toBe(200)
  node.deps.services.accessChanges.listen((org) => changed.push(org))
})
afterAll(() => node.dispose())

test('the settings form offers the access default and a holiday list, a new site allowing any accepted card', async () => {
  const page = await (await admin.get('/admin/sites/eken')).text()
  expect(page).toContain('When no access policy decides')
  expect(page).toMatch(/<option value="allowAccepted" selected/)
  expect(page).toContain('<textarea name="holidays"')
})

test('a deny default and holidays typed by line and comma are saved in date order, and the local lists are told', async () => {
  const res = await admin.post(
    '/admin/sites/eken/settings',
    settings({ accessDefault: 'deny', holidays: '2026-12-31\n2026-12-24, 2026-12-25' }),
  )
  expect(res.status).toBe(200)
  const html = await res.text()
  expect(html).toContain('Saved.')
  expect(html).toMatch(/<option value="deny" selected/)
  expect(html).toContain('2026-12-24\n2026-12-25\n2026-12-31</textarea>')
  expect(await node.deps.repos.sites.find('eken')).toMatchObject({
    accessDefault: 'deny',
    holidays: ['2026-12-24', '2026-12-25', '2026-12-31'],
  })
  expect(changed).toContain('platform')
})

test('a date that does not exist is refused with a message naming it, the typed list kept and nothing saved', async () => {
  const res = await admin.post(
    '/admin/sites/eken/settings',
    settings({ accessDefault: 'allowAccepted', holidays: '2027-01-01, 2027-02-29' }),
  )
  expect(res.status).toBe(400)
  const html = await res.text()
  expect(html).toContain('2027-02-29 is not a date: write dates like 2026-12-24')
  expect(html).toContain('2027-01-01, 2027-02-29</textarea>')
  expect(html).toMatch(/<option value="allowAccepted" selected/)
  expect((await node.deps.repos.sites.find('eken'))?.accessDefault).toBe('deny')
})

test('an emptied holiday list removes every holiday', async () => {
  const res = await admin.post(
    '/admin/sites/eken/settings',
    settings({ accessDefault: 'deny', holidays: '' }),
  )
  expect(res.status).toBe(200)
  expect((await node.deps.repos.sites.find('eken'))?.holidays).toEqual([])
})
