import { afterAll, beforeAll, expect, test } from 'bun:test'
import type { CdrRow } from '@src/db/repos/cdrs'
import { OcppClient } from '@src/sim/ocpp-client'
import { eventually } from '@src/sim/sim-test-kit'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'
import { sql } from 'drizzle-orm'

/**
 * Who pays is on the CDR, and a correction is a credit CDR: a session whose stop was lost (a new start
 * on its connector superseded it) gets a flagged CDR; when its real stop arrives later, a credit CDR
 * cancels the first and a new CDR bills the real end.
 */

let node: TestNode
beforeAll(async () => {
  node = await startTestNode()
  const api = apiClient(node)
  const tariff = {
    currency: 'SEK',
    elements: [{ price_components: [{ type: 'ENERGY', price: '2.40', vat: 25, step_size: 1 }] }],
  }
  expect((await api('POST', '/tariffs', { id: 'home', name: 'Home', tariff })).status).toBe(201)
  expect((await api('PUT', '/price-groups/default', { tariffId: 'home' })).status).toBe(201)
  const db = node.deps.database.db
  await db.run(
    sql`INSERT INTO households (id, organization_id, apartment, created_at, updated_at) VALUES ('h-1101', 'platform', '1101', 0, 0)`,
  )
  await db.run(
    sql`INSERT INTO drivers (id, organization_id, name, household_id, created_at, updated_at) VALUES ('d-anna', 'platform', 'Anna', 'h-1101', 0, 0)`,
  )
  await db.run(
    sql`INSERT INTO tokens (uid, type, organization_id, driver_id, status, created_at, updated_at) VALUES ('ANNA', 'ISO14443', 'platform', 'd-anna', 'Accepted', 0, 0), ('OTHER', 'ISO14443', 'platform', NULL, 'Accepted', 0, 0)`,
  )
})
afterAll(() => node.dispose())

const at = (offsetS: number) => new Date(Date.UTC(2026, 10, 3, 17) + offsetS * 1000).toISOString()
const energy = (wh: number, ts: string) => ({
  timestamp: ts,
  sampledValue: [{ value: String(wh), unit: 'Wh' }],
})

async function result(cp: OcppClient, action: string, payload: unknown): Promise<Record<string, unknown>> {
  const o = await cp.call(action, payload)
  if (o.kind !== 'result') throw new Error(`${action}: ${o.code} ${o.description}`)
  return o.payload
}

const generations = async (tx: number): Promise<CdrRow[]> => node.deps.repos.cdrs.generationsOf(tx)

test('a superseded session: flagged CDR billed to the household, then a credit CDR and a new CDR at its real stop', async () => {
  const cp = await OcppClient.connect({ url: node.ocppUrl, identity: 'CREDIT-1', protocols: ['ocpp1.6'] })
  await result(cp, 'BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'M' })
  const first = await result(cp, 'StartTransaction', {
    connectorId: 1,
    idTag: 'ANNA',
    meterStart: 0,
    timestamp: at(0),
  })
  const tx = first.transactionId as number
  await result(cp, 'MeterValues', { connectorId: 1, transactionId: tx, meterValue: [energy(5000, at(1800))] })
  await result(cp, 'StartTransaction', {
    connectorId: 1,
    idTag: 'OTHER',
    meterStart: 9000,
    timestamp: at(3600),
  })
  const [lost] = await eventually(
    'the first CDR',
    async () => {
      const rows = await generations(tx)
      return rows.length === 1 ? rows : undefined
    },
    10_000,
  )
  expect(lost).toMatchObject({
    id: `cdr-${tx}`,
    generation: 1,
    payerKind: 'household',
    payerId: 'h-1101',
    totalExclVat: '12',
    totalInclVat: '15',
  })
  expect(lost?.flags.split(',')).toContain('stopLost')

  await result(cp, 'StopTransaction', {
    transactionId: tx,
    meterStop: 8000,
    timestamp: at(3000),
    reason: 'Local',
  })
  const rows = await eventually(
    'the credit and the corrected CDR',
    async () => {
      const r = await generations(tx)
      return r.length === 3 ? r : undefined
    },
    10_000,
  )
  expect(rows.map((r) => [r.id, r.generation, r.credits, r.totalExclVat, r.totalInclVat, r.payerId])).toEqual(
    [
      [`cdr-${tx}`, 1, null, '12', '15', 'h-1101'],
      [`cdr-${tx}-2`, 2, `cdr-${tx}`, '-12', '-15', 'h-1101'],
      [`cdr-${tx}-3`, 3, null, '19.2', '24', 'h-1101'],
    ],
  )
  expect(rows[2]?.flags).not.toContain('stopLost')
  expect(rows[1]?.body).toMatchObject({ credit: true, credit_reference_id: `cdr-${tx}` })
  expect((await node.deps.repos.cdrs.ofTransaction(tx))?.id).toBe(`cdr-${tx}-3`)

  await node.deps.services.cdrWriter.write(tx)
  expect(await generations(tx)).toHaveLength(3)
  await cp.close()
})
