import { afterAll, beforeAll, expect, test } from 'bun:test'
import { FakeClock } from '@src/lib/fake-clock'
import { SimCharger } from '@src/sim/sim-charger'
import { adminSession } from '@src/testing/admin'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
let cp: SimCharger
let admin: Awaited<ReturnType<typeof adminSession>>

beforeAll(async () => {
  node = await startTestNode()
  const { tokens } = node.deps.repos
  await node.deps.writer.write([
    tokens.upsert('CARD-1', { type: 'ISO14443', status: 'Accepted' }, Date.now()),
    tokens.upsert('CARD-2', { type: 'ISO14443', status: 'Accepted' }, Date.now()),
    tokens.upsert('LOST', { type: 'ISO14443', status: 'Blocked' }, Date.now()),
  ])
  cp = new SimCharger({ url: node.ocppUrl, id: 'LIST-CP', clock: new FakeClock(Date.now()) })
  await cp.start()
  admin = await adminSession(node, { htmx: true })
})
afterAll(async () => {
  await cp.stop()
  await node.dispose()
})

test('the charger page loads its local-list panel: nothing sent yet', async () => {
  const page = await (await admin.get('/admin/chargers/LIST-CP')).text()
  expect(page).toContain('hx-get="/admin/chargers/LIST-CP/local-list"')
  const panel = await (await admin.get('/admin/chargers/LIST-CP/local-list')).text()
  expect(panel).toContain('Local list (offline access)')
  expect(panel).toContain('nothing sent yet')
})

test('"Send now" sends the compiled list in full and the panel shows what the charger holds', async () => {
  const res = await admin.post('/admin/chargers/LIST-CP/local-list', {})
  expect(res.status).toBe(200)
  const panel = await res.text()
  expect(panel).toContain('version 1, 2 entries')
  expect(panel).toContain('up to date')
  expect(panel).toMatch(/Accepted at \d{4}-/)
})

test('"Send now" for an unknown or offline charger says so', async () => {
  expect((await admin.post('/admin/chargers/NOPE/local-list', {})).status).toBe(404)
  await node.deps.writer.write([node.deps.repos.chargers.upsert({ id: 'ASLEEP', now: Date.now() })])
  const panel = await (await admin.post('/admin/chargers/ASLEEP/local-list', {})).text()
  expect(panel).toContain('Offline')
})
