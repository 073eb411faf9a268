import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { SimCharger, type SimProtocol } from '@src/sim/sim-charger'
import { eventually, testEv } from '@src/sim/sim-test-kit'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'
import { sql } from 'drizzle-orm'

/**
 * A finished session gets one immutable CDR, priced like the running cost from the same stored
 * readings: after the stop, the transaction's cost and its CDR agree to the öre, on both versions.
 */

let node: TestNode
let api: ReturnType<typeof apiClient>
const sims: SimCharger[] = []
const PROTOCOLS: SimProtocol[] = ['ocpp1.6', 'ocpp2.0.1']

beforeAll(async () => {
  node = await startTestNode({ CSMS_UNKNOWN_CHARGERS: 'accept' })
  api = apiClient(node)
  const tariff = {
    currency: 'SEK',
    elements: [
      {
        price_components: [
          { type: 'FLAT', price: '5.00', vat: 25, step_size: 0 },
          { type: 'ENERGY', price: '2.40', vat: 25, step_size: 1 },
          { type: 'PARKING_TIME', price: '30.00', vat: 25, step_size: 60 },
        ],
      },
    ],
  }
  expect((await api('POST', '/tariffs', { id: 'home', name: 'Home', tariff })).status).toBe(201)
  expect((await api('PUT', '/price-groups/default', { tariffId: 'home' })).status).toBe(201)
  await node.deps.database.db.run(
    sql`INSERT INTO tokens (uid, type, organization_id, status, created_at, updated_at) VALUES ('CARD', 'ISO14443', 'platform', 'Accepted', 0, 0)`,
  )
  for (const protocol of PROTOCOLS) {
    const cp = new SimCharger({
      url: node.ocppUrl,
      id: `CDR-${protocol === 'ocpp1.6' ? '16' : '201'}`,
      protocol,
      connectors: 1,
      meterIntervalS: 1,
    })
    await cp.start()
    sims.push(cp)
  }
}, 30_000)

afterAll(async () => {
  for (const cp of sims) await cp.stop()
  await node?.dispose()
})

describe('CDRs', () => {
  for (const [i, protocol] of PROTOCOLS.entries()) {
    test(`${protocol}: the CDR of a finished session equals its cost, and is written once`, async () => {
      const cp = sims[i]!
      cp.plugIn(1, testEv())
      expect((await cp.startCharging(1, 'CARD')).status).toBe('Accepted')
      const id = await eventually(
        'transaction stored',
        async () =>
          (
            await node.deps.database.db.all<{ id: number }>(
              sql`SELECT id FROM transactions WHERE charger_id = ${cp.id} AND ended_at IS NULL`,
            )
          )[0]?.id,
        10_000,
      )
      await eventually(
        'energy delivered',
        async () =>
          ((await api('GET', `/transactions/${id}`)).body.cost.lines as { dimension: string }[]).some(
            (l) => l.dimension === 'ENERGY',
          ) || undefined,
        10_000,
      )
      await cp.stopCharging(1)
      const cdr = await eventually(
        'CDR written',
        async () => {
          const r = await api('GET', `/cdrs?chargerId=${cp.id}`)
          return r.body.items[0] as Record<string, unknown> | undefined
        },
        10_000,
      )
      const cost = (await api('GET', `/transactions/${id}`)).body.cost
      expect(cdr).toMatchObject({ transactionId: id, tariffId: 'home', tariffVersion: 1, currency: 'SEK' })
      expect(cdr.totalExclVat).toBe(cost.billed.exclVat)
      expect(cdr.totalInclVat).toBe(cost.billed.inclVat)
      expect(Number(cdr.totalExclVat)).toBeGreaterThan(5)
      expect((cdr.ocpi as { total_cost: { excl_vat: number } }).total_cost.excl_vat).toBe(
        Number(cost.billed.exclVat),
      )
      await node.deps.services.cdrWriter.write(id)
      expect((await api('GET', `/cdrs?chargerId=${cp.id}`)).body.total).toBe(1)
    }, 30_000)
  }

  test('a CDR cannot be changed or deleted', async () => {
    const db = node.deps.database.db
    const refusal = (q: ReturnType<typeof sql>) =>
      (async () => db.run(q))().then(
        () => 'done',
        (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message),
      )
    expect(await refusal(sql`UPDATE cdrs SET total_excl_vat = '0'`)).toContain('immutable')
    expect(await refusal(sql`DELETE FROM cdrs`)).toContain('kept')
  })
})
