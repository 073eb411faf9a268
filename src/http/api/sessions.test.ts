import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { apiClient } from '@src/testing/api'
import { runningSession } from '@src/testing/driver-sessions'
import { type DriverWorld, seedDriverWorld } from '@src/testing/driver-world'
import { startTestNode, type TestNode } from '@src/testing/node'
import { endedTransaction } from '@src/testing/transactions'

let node: TestNode
let api: ReturnType<typeof apiClient>
let world: DriverWorld
let annaTx: number
let boTx: number

beforeAll(async () => {
  node = await startTestNode()
  api = apiClient(node)
  world = await seedDriverWorld(node)
  // 10 kWh and 4 kWh at 2.40 SEK/kWh + 25 % VAT
  annaTx = await runningSession(node, {
    chargerId: 'ANNA-BAY',
    label: 'Bay of Anna',
    card: world.anna.card,
    startWh: 1000,
    nowWh: 11_000,
  })
  boTx = await runningSession(node, {
    chargerId: 'BO-BAY',
    label: 'Bay of Bo',
    card: world.bo.card,
    startWh: 0,
    nowWh: 4000,
  })
  const site = await api('PUT', '/sites/garage', { name: 'Garage', mainFuseA: 63 })
  const bay = await api('PUT', '/sites/garage/connectors/ANNA-BAY/1', { maxA: 16, wiring: 'L1,L2,L3' })
  if (site.status >= 300 || bay.status >= 300) throw new Error(JSON.stringify([site.body, bay.body]))
})
afterAll(() => node?.dispose())

describe('GET /api/v1/sessions', () => {
  test('lists the running sessions with energy, the cost so far as decimal text and the tariff version', async () => {
    const res = await api('GET', '/sessions')
    expect(res.status).toBe(200)
    expect(res.body.total).toBe(2)
    const anna = res.body.items.find((s: { transactionId: number }) => s.transactionId === annaTx)
    expect(anna).toMatchObject({
      chargerId: 'ANNA-BAY',
      evseId: 1,
      idTag: world.anna.card,
      driverId: world.anna.id,
      state: 'running',
      endedAt: null,
      energyWh: 10_000,
      cost: { tariffId: 'home', tariffVersion: 1, currency: 'SEK', exclVat: '24', inclVat: '30' },
      cdrId: null,
    })
  })

  test('filters by site and by charger, and pages', async () => {
    const ids = (body: { items: { transactionId: number }[] }) => body.items.map((s) => s.transactionId)
    expect(ids((await api('GET', '/sessions?siteId=garage')).body)).toEqual([annaTx])
    expect(ids((await api('GET', '/sessions?chargerId=BO-BAY')).body)).toEqual([boTx])
    expect(ids((await api('GET', '/sessions?siteId=nowhere')).body)).toEqual([])
    const first = await api('GET', '/sessions?limit=1')
    const second = await api('GET', '/sessions?limit=1&offset=1')
    expect([...ids(first.body), ...ids(second.body)].sort()).toEqual([annaTx, boTx].sort())
    expect(first.body.total).toBe(2)
  })

  test('bad filters are a 400 naming the field', async () => {
    const res = await api('GET', '/sessions?limit=0')
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('limit')
  })
})

describe('GET /api/v1/sessions/:transactionId', () => {
  test('a running session', async () => {
    const res = await api('GET', `/sessions/${boTx}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ transactionId: boTx, state: 'running', cost: { inclVat: '12' } })
  })

  test("an ended one with its CDR's total and id, and no longer listed", async () => {
    const tx = await runningSession(node, {
      chargerId: 'DONE-BAY',
      label: 'Done',
      card: world.anna.spare,
      startWh: 0,
      nowWh: 5000,
    })
    const now = node.deps.clock.now()
    await node.deps.writer.write([
      endedTransaction(node.deps.repos.transactions, tx, {
        endedAt: now,
        meterStopWh: 5000,
        energyWh: 5000,
        stopReason: 'Local',
        stopIdTag: null,
        now,
      }),
    ])
    const cdr = await node.deps.services.cdrWriter.write(tx)
    const res = await api('GET', `/sessions/${tx}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      state: 'ended',
      energyWh: 5000,
      cost: { exclVat: cdr?.totalExclVat, inclVat: cdr?.totalInclVat, currency: 'SEK' },
      cdrId: cdr?.id,
    })
    expect(res.body.cost.inclVat).toBe('15')
    const listed = (await api('GET', '/sessions')).body.items.map(
      (s: { transactionId: number }) => s.transactionId,
    )
    expect(listed).not.toContain(tx)
  })

  test('an unknown session is a 404, a bad id a 400', async () => {
    expect((await api('GET', '/sessions/999999')).status).toBe(404)
    expect((await api('GET', '/sessions/abc')).status).toBe(400)
  })
})
