import { afterAll, beforeAll, expect, test } from 'bun:test'
import { sendChargerCommand } from '@actors/charger/client'
import { startTestNode, type TestNode } from '@src/testing/node'
import { Fleet } from './fleet'

let node: TestNode
const FLEET_TOKEN = 'FLEET-SMOKE'

beforeAll(async () => {
  node = await startTestNode({ LOG_LEVEL: 'warn' })
  const token = { type: 'ISO14443', status: 'Accepted', allowConcurrentTx: true }
  await node.deps.writer.write([node.deps.repos.tokens.upsert(FLEET_TOKEN, token, Date.now())])
})
afterAll(() => node.dispose())

test('the fleet driver boots 200 chargers of both versions and every one completes a transaction', async () => {
  const fleet = new Fleet({
    urls: [node.ocppUrl],
    idPrefix: 'SMOKE-',
    count: 200,
    protocol: 'mixed',
    connectors: 2,
    idTag: FLEET_TOKEN,
    connectRate: 2000,
    metersPerTx: 2,
    callTimeoutMs: 10_000,
  })
  try {
    const up = await fleet.connectAll()
    expect(up).toMatchObject({ chargers: 200, booted: 200, failed: 0 })
    expect(node.deps.gateway.connections).toBe(200)

    await fleet.runCycles(1)
    const { counters, samples } = fleet.snapshot()
    expect(samples).toEqual([])
    expect(counters).toMatchObject({ txCompleted: 200, callErrors: 0, refused: 0, timeouts: 0, lost: 0 })
    const { rows } = await node.deps.repos.transactions.list({ open: false, limit: 500, offset: 0 })
    expect(rows.filter((t) => t.chargerId.startsWith('SMOKE-') && t.endedAt !== null)).toHaveLength(200)
  } finally {
    await fleet.close()
  }
})

test('fleet chargers answer CSMS commands in both versions', async () => {
  const fleet = new Fleet({ urls: [node.ocppUrl], idPrefix: 'CMD-', count: 2, protocol: 'mixed' })
  try {
    await fleet.connectAll()
    for (const c of fleet.chargers) {
      const reset = await sendChargerCommand(node.deps.bus, c.facts.id, { type: 'reset', kind: 'Soft' }, 5000)
      const clear = await sendChargerCommand(node.deps.bus, c.facts.id, { type: 'clearCache' }, 5000)
      expect([reset.status, clear.status]).toEqual(['Accepted', 'Accepted'])
    }
    expect(fleet.snapshot().counters.csmsCalls).toBe(4)
  } finally {
    await fleet.close()
  }
})
