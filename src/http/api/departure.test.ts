import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { subjects } from '@src/bus/subjects'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'
import { collect, nextMessage } from '@src/testing/site-status'
import { endedTransaction, startedTransaction } from '@src/testing/transactions'

let node: TestNode

beforeAll(async () => {
  node = await startTestNode()
  await node.deps.writer.write([node.deps.repos.chargers.upsert({ id: 'SITE-CP', now: Date.now() })])
})
afterAll(() => node.dispose())

const api = (method: string, path: string, body?: unknown) => apiClient(node)(method, path, body)
const bus = () => node.deps.bus

describe('departure', () => {
  async function startTx(chargerId: string, evseId: number) {
    const { transactions } = node.deps.repos
    const now = Date.now()
    const [[row]] = await node.deps.writer.write([
      startedTransaction(transactions, {
        chargerId,
        evseId,
        connectorId: 1,
        idTag: 'T',
        startStatus: 'Accepted',
        reservationId: null,
        startedAt: now,
        meterStartWh: 0,
        ocppTxId: `tx-${now}-${evseId}`,
        now,
      }),
    ] as const)
    return row!.id
  }

  test('PUT stores a driver departure and tells the site loop; bad times are 400', async () => {
    await api('PUT', '/sites/dep', { name: 'Dep', mainFuseA: 63 })
    await api('PUT', '/sites/dep/connectors/SITE-CP/2', { maxA: 16, wiring: 'L1,L2,L3' })
    const id = await startTx('SITE-CP', 2)
    const departureAt = new Date(Date.now() + 3 * 3_600_000).toISOString()
    const changed = nextMessage(bus(), subjects.siteChanged('dep'))
    const res = await api('PUT', `/transactions/${id}/departure`, { departureAt, energyNeedWh: 20_000 })
    expect(res).toMatchObject({ status: 200, body: { departureSource: 'driver', siteId: 'dep' } })
    expect(await changed).toEqual({})
    expect(await node.deps.repos.transactions.find(id)).toMatchObject({
      departureAt: Date.parse(departureAt),
      energyNeedWh: 20_000,
      departureSource: 'driver',
    })
    const past = await api('PUT', `/transactions/${id}/departure`, {
      departureAt: new Date(Date.now() - 60_000).toISOString(),
    })
    expect(past).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringContaining('departureAt') } },
    })
    const far = new Date(Date.now() + 8 * 86_400_000).toISOString()
    expect((await api('PUT', `/transactions/${id}/departure`, { departureAt: far })).status).toBe(400)
    expect(
      (await api('PUT', `/transactions/${id}/departure`, { departureAt, energyNeedWh: 10 })).status,
    ).toBe(400)
    expect((await api('PUT', '/transactions/999999/departure', { departureAt })).status).toBe(404)
  })

  test('an ended transaction is refused (409) and nothing is published', async () => {
    const id = await startTx('SITE-CP', 2)
    const { transactions } = node.deps.repos
    const now = Date.now()
    await node.deps.writer.write([
      endedTransaction(transactions, id, {
        endedAt: now,
        meterStopWh: 10,
        energyWh: 10,
        stopReason: 'Local',
        stopIdTag: null,
        now,
      }),
    ])
    const seen = collect(bus(), subjects.siteChanged('dep'))
    const departureAt = new Date(Date.now() + 3_600_000).toISOString()
    expect((await api('PUT', `/transactions/${id}/departure`, { departureAt })).status).toBe(409)
    seen.stop()
    expect(seen.seen).toEqual([])
    expect((await transactions.find(id))?.departureAt).toBeNull()
  })
})
