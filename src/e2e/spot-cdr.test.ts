import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Tariff } from '@src/domain/tariffs/tariff'
import { SimCharger } from '@src/sim/sim-charger'
import { eventually, testEv } from '@src/sim/sim-test-kit'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'
import { sql } from 'drizzle-orm'

/**
 * A session under a tariff that follows a 15-minute spot-price series, end to end: slots imported
 * through the API, a simulated charger charging, and the CDR equal to the last running cost, with the
 * slots it was priced at in its tariff snapshot.
 */

const QUARTER = 900_000
let node: TestNode
let api: ReturnType<typeof apiClient>
let cp: SimCharger

beforeAll(async () => {
  node = await startTestNode({ CSMS_UNKNOWN_CHARGERS: 'accept' })
  api = apiClient(node)
  const series = await api('POST', '/price-series', {
    name: 'Nord Pool SE3',
    currency: 'SEK',
    slotMinutes: 15,
    zone: 'SE3',
  })
  const first = Math.floor(Date.now() / QUARTER) * QUARTER - 4 * QUARTER
  const slots = Array.from({ length: 12 }, (_, i) => ({
    from: new Date(first + i * QUARTER).toISOString(),
    to: new Date(first + (i + 1) * QUARTER).toISOString(),
    price_per_kwh: (0.5 + i / 100).toFixed(2),
  }))
  expect((await api('PUT', `/price-series/${series.body.id}/slots`, { slots })).status).toBe(200)
  const tariff = {
    currency: 'SEK',
    elements: [{ price_components: [{ type: 'FLAT', price: '5.00', vat: 25, step_size: 0 }] }],
    spot: {
      series_id: series.body.id,
      markup_per_kwh: '0.40',
      fallback_per_kwh: '3.00',
      vat: 25,
      step_size: 1,
    },
  }
  expect((await api('POST', '/tariffs', { id: 'spot', name: 'Spot', tariff })).status).toBe(201)
  expect((await api('PUT', '/price-groups/default', { tariffId: 'spot' })).status).toBe(201)
  await node.deps.database.db.run(
    sql`INSERT INTO tokens (uid, type, organization_id, status, created_at, updated_at) VALUES ('CARD', 'ISO14443', 'platform', 'Accepted', 0, 0)`,
  )
  cp = new SimCharger({
    url: node.ocppUrl,
    id: 'SPOT-201',
    protocol: 'ocpp2.0.1',
    connectors: 1,
    meterIntervalS: 1,
  })
  await cp.start()
}, 30_000)

afterAll(async () => {
  await cp?.stop()
  await node?.dispose()
})

describe('a spot-priced session', () => {
  test('its CDR equals its running cost and keeps the slots it was priced at', async () => {
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
      'energy priced at a slot, a few öre of it',
      async () => {
        const cost = (await api('GET', `/transactions/${id}`)).body.cost
        const atSlot = (cost.lines as { dimension: string; unitPrice: string }[]).some(
          (l) => l.dimension === 'ENERGY' && l.unitPrice !== '3',
        )
        return (atSlot && Number(cost.billed.exclVat) >= 5.02) || undefined
      },
      20_000,
    )
    await cp.stopCharging(1)
    const cdr = await eventually(
      'CDR written',
      async () =>
        (await api('GET', `/cdrs?chargerId=${cp.id}`)).body.items[0] as Record<string, unknown> | undefined,
      10_000,
    )
    const cost = (await api('GET', `/transactions/${id}`)).body.cost
    expect(cdr).toMatchObject({ transactionId: id, tariffId: 'spot', currency: 'SEK' })
    expect(cdr.totalExclVat).toBe(cost.billed.exclVat)
    expect(cdr.totalInclVat).toBe(cost.billed.inclVat)
    expect(Number(cdr.totalExclVat)).toBeGreaterThan(5)
    const snapshot = (cdr.ocpi as { tariffs: Tariff[] }).tariffs[0]
    // the slots the session overlapped, the FLAT element, and the fallback
    expect(snapshot?.elements.filter((e) => e.restrictions?.start_time !== undefined).length).toBeGreaterThan(
      0,
    )
    expect(snapshot?.elements.at(-1)).toEqual({
      price_components: [{ type: 'ENERGY', price: '3.00', vat: 25, step_size: 1 }],
    })
  }, 40_000)
})
