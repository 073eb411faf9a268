import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { systemClock } from '@src/lib/clock'
import { OcppClient } from '@src/sim/ocpp-client'
import { startTestNode, type TestNode } from '@src/testing/node'
import { sql } from 'drizzle-orm'

/** Tuesday 2026-12-01 12:00 and 19:00 in Stockholm (UTC+1). */
const NOON = Date.UTC(2026, 11, 1, 11, 0)
const EVENING = Date.UTC(2026, 11, 1, 18, 0)

let now = NOON
let node: TestNode
beforeAll(async () => {
  node = await startTestNode({}, { clock: { ...systemClock, now: () => now } })
  const db = node.deps.database.db
  const t = Date.now()
  for (const q of [
    sql`INSERT INTO organizations (id, name, kind, parent_id, created_at, updated_at) VALUES ('brf', 'BRF Eken', 'owner', 'platform', 0, 0)`,
    sql`INSERT INTO sites (id, name, organization_id, time_zone, access_default, main_fuse_a, created_at, updated_at) VALUES ('eken', 'Eken', 'brf', 'Europe/Stockholm', 'deny', 63, 0, 0)`,
    sql`INSERT INTO site_circuits (site_id, id, name, parent_id, limit_a) VALUES ('eken', 'garage', 'Garage', NULL, 40)`,
    sql`INSERT INTO groups (id, organization_id, name, kind, created_at, updated_at) VALUES ('visitors', 'brf', 'Visitors', 'visitors', 0, 0)`,
    sql`INSERT INTO group_members (group_id, member_kind, member_id, created_at) VALUES ('visitors', 'token', 'GUEST', 0)`,
    sql`INSERT INTO tokens (uid, type, organization_id, status, created_at, updated_at) VALUES ('GUEST', 'RFID', 'brf', 'Accepted', ${t}, ${t}), ('STRANGER', 'RFID', 'brf', 'Accepted', ${t}, ${t})`,
    // caps: a card whose 10 kWh a month are spent (10 kWh charged this morning)
    sql`INSERT INTO tokens (uid, type, organization_id, status, created_at, updated_at) VALUES ('SPENT', 'RFID', 'brf', 'Accepted', ${t}, ${t})`,
    sql`INSERT INTO transactions (charger_id, organization_id, evse_id, connector_id, ocpp_tx_id, id_tag, started_at, ended_at, energy_wh, updated_at)
      VALUES ('E201', 'brf', 1, 1, 'spent-1', 'SPENT', ${NOON - 3 * 3_600_000}, ${NOON - 3_600_000}, 10000, 0)`,
  ])
    await db.run(q)
  for (const id of ['E16', 'E201']) {
    await db.run(
      sql`INSERT INTO chargers (id, organization_id, created_at, updated_at) VALUES (${id}, 'brf', 0, 0)`,
    )
    await db.run(
      sql`INSERT INTO site_connectors (charger_id, evse_id, site_id, circuit_id, max_a, wiring) VALUES (${id}, 1, 'eken', 'garage', 16, 'L1,L2,L3')`,
    )
  }
  await node.deps.writer.write([
    node.deps.repos.accessPolicies.insert(
      'p-visitors',
      {
        organizationId: 'brf',
        name: 'Visitors evenings',
        position: 1,
        enabled: true,
        effect: 'allow',
        whoKind: 'group',
        whoId: 'visitors',
        whereKind: 'site',
        whereId: 'eken',
        whereSub: null,
        windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '08:00' }],
        validFrom: null,
        validUntil: null,
        holidays: 'ignore',
        priceGroup: 'visitor',
        priorityTier: 7,
        monthlyKwhBudget: null,
        maxSessionMinutes: 120,
      },
      0,
    ),
    // caps: a monthly kWh budget
    node.deps.repos.accessPolicies.insert(
      'p-budget',
      {
        organizationId: 'brf',
        name: 'Ten kWh a month',
        position: 2,
        enabled: true,
        effect: 'allow',
        whoKind: 'token',
        whoId: 'SPENT',
        whereKind: 'site',
        whereId: 'eken',
        whereSub: null,
        windows: [],
        validFrom: null,
        validUntil: null,
        holidays: 'ignore',
        priceGroup: null,
        priorityTier: null,
        monthlyKwhBudget: '10',
        maxSessionMinutes: null,
      },
      0,
    ),
  ])
})
afterAll(() => node.dispose())

async function result(cp: OcppClient, action: string, payload: unknown): Promise<Record<string, unknown>> {
  const o = await cp.call(action, payload)
  if (o.kind !== 'result') throw new Error(`${action}: ${o.code} ${o.description}`)
  return o.payload
}

describe('access policies at the charger', () => {
  test('1.6: a visitor is Blocked at 12:00 (recorded with its explanation) and Accepted at 19:00 until 08:00', async () => {
    const cp = await OcppClient.connect({ url: node.ocppUrl, identity: 'E16', protocols: ['ocpp1.6'] })
    await result(cp, 'BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'M' })
    now = NOON
    const noon = await result(cp, 'Authorize', { idTag: 'GUEST' })
    expect(noon.idTagInfo).toMatchObject({ status: 'Blocked' })
    const [refusal] = await node.deps.repos.accessRefusals.recentOfCharger('E16', 5)
    expect(refusal).toMatchObject({ status: 'NotAtThisTime', purpose: 'authorize', organizationId: 'brf' })
    expect(refusal?.explanation[0]).toContain('Visitors evenings')
    now = EVENING
    const evening = await result(cp, 'Authorize', { idTag: 'GUEST' })
    expect(evening.idTagInfo).toEqual({
      status: 'Accepted',
      expiryDate: new Date(Date.UTC(2026, 11, 2, 7, 0)).toISOString(),
    })
    const start = await result(cp, 'StartTransaction', {
      connectorId: 1,
      idTag: 'GUEST',
      meterStart: 0,
      timestamp: new Date(EVENING).toISOString(),
    })
    expect(start.idTagInfo).toMatchObject({ status: 'Accepted' })
    expect(await node.deps.repos.transactions.find(start.transactionId as number)).toMatchObject({
      accessPolicyId: 'p-visitors',
      priceGroup: 'visitor',
      priorityTier: 7,
      stopBy: EVENING + 120 * 60_000,
    })
    await cp.close()
  })

  test('1.6: on a deny-default site a token no policy names is Invalid (NotAtThisLocation)', async () => {
    const cp = await OcppClient.connect({ url: node.ocppUrl, identity: 'E16', protocols: ['ocpp1.6'] })
    await result(cp, 'BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'M' })
    now = EVENING
    const a = await result(cp, 'Authorize', { idTag: 'STRANGER' })
    expect(a.idTagInfo).toMatchObject({ status: 'Invalid' })
    const [refusal] = await node.deps.repos.accessRefusals.recentOfCharger('E16', 1)
    expect(refusal).toMatchObject({ idToken: 'STRANGER', status: 'NotAtThisLocation', decidedBy: 'default' })
    await cp.close()
  })

  test('2.0.1: a visitor is NotAtThisTime at 12:00 and Accepted at 19:00 with the cache expiring at 08:00', async () => {
    const cp = await OcppClient.connect({ url: node.ocppUrl, identity: 'E201', protocols: ['ocpp2.0.1'] })
    await result(cp, 'BootNotification', {
      reason: 'PowerUp',
      chargingStation: { vendorName: 'ACME', model: 'M' },
    })
    const idToken = { idToken: 'GUEST', type: 'ISO14443' }
    now = NOON
    const noon = await result(cp, 'Authorize', { idToken })
    expect(noon.idTokenInfo).toMatchObject({ status: 'NotAtThisTime' })
    now = EVENING
    const evening = await result(cp, 'Authorize', { idToken })
    expect(evening.idTokenInfo).toMatchObject({
      status: 'Accepted',
      cacheExpiryDateTime: new Date(Date.UTC(2026, 11, 2, 7, 0)).toISOString(),
    })
    await cp.close()
  })

  // caps: a spent budget on both versions
  test('2.0.1: a card whose monthly kWh budget is spent is NoCredit, recorded with the policy that ran out', async () => {
    const cp = await OcppClient.connect({ url: node.ocppUrl, identity: 'E201', protocols: ['ocpp2.0.1'] })
    await result(cp, 'BootNotification', {
      reason: 'PowerUp',
      chargingStation: { vendorName: 'ACME', model: 'M' },
    })
    now = EVENING
    const a = await result(cp, 'Authorize', { idToken: { idToken: 'SPENT', type: 'ISO14443' } })
    expect(a.idTokenInfo).toMatchObject({ status: 'NoCredit' })
    const [refusal] = await node.deps.repos.accessRefusals.recentOfCharger('E201', 1)
    expect(refusal).toMatchObject({ idToken: 'SPENT', status: 'NoCredit', purpose: 'authorize' })
    expect(refusal?.explanation.join(' ')).toContain('Ten kWh a month')
    await cp.close()
  })

  test('1.6: a card whose monthly kWh budget is spent is Blocked', async () => {
    const cp = await OcppClient.connect({ url: node.ocppUrl, identity: 'E16', protocols: ['ocpp1.6'] })
    await result(cp, 'BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'M' })
    now = EVENING
    const a = await result(cp, 'Authorize', { idTag: 'SPENT' })
    expect(a.idTagInfo).toMatchObject({ status: 'Blocked' })
    const [refusal] = await node.deps.repos.accessRefusals.recentOfCharger('E16', 1)
    expect(refusal).toMatchObject({ idToken: 'SPENT', status: 'NoCredit' })
    await cp.close()
  })
})
