import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { systemScope } from '@src/domain/tenancy/scope'
import { hashChargerPassword } from '@src/ocpp/charger-auth'
import { ALL_PERMISSIONS } from '@src/services/scopes'
import { OcppClient } from '@src/sim/ocpp-client'
import { startTestNode, type TestNode } from '@src/testing/node'
import { ChargerPage } from '@views/admin/charger'
import { TransactionPage } from '@views/admin/transaction'
import { loadChargerPage } from './charger-data'
import { loadChargerList } from './list-data'
import { meterValueView, transactionDetail } from './view-models'

/*
 * A row drags every column into whatever holds it; the pages get view models instead. A charger with
 * a password and a transaction with a driver-page token are rendered, and neither secret may appear
 * in what the views are given, nor in what they render.
 */

const ID = 'VM-1'
const DRIVER_TOKEN = 'driver-token-of-the-session-0123'
let node: TestNode
let cp: OcppClient
let hash = ''
let txId = 0

beforeAll(async () => {
  node = await startTestNode()
  cp = await OcppClient.connect({ url: node.ocppUrl, identity: ID, protocols: ['ocpp1.6'] })
  await cp.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'Wallbox' })
  await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' })
  await node.deps.writer.write([
    node.deps.repos.tokens.upsert('VM-TAG', { type: 'RFID', status: 'Accepted' }, Date.now()),
  ])
  const start = await cp.call('StartTransaction', {
    connectorId: 1,
    idTag: 'VM-TAG',
    meterStart: 1000,
    timestamp: new Date().toISOString(),
  })
  txId = start.kind === 'result' ? Number(start.payload.transactionId) : 0
  hash = await hashChargerPassword('a-password-of-20-chars')
  const { chargers, transactions } = node.deps.repos
  await node.deps.writer.write([
    chargers.setPasswordHash(ID, hash, Date.now()),
    transactions.setDriverToken(txId, DRIVER_TOKEN),
  ])
})
afterAll(async () => {
  await cp?.close()
  await node?.dispose()
})

/** The platform's view: every charger. */
const PLATFORM = systemScope('test', ALL_PERMISSIONS)

/** Every secret the rows hold, and the names of their columns. */
const secrets = () => [hash, DRIVER_TOKEN, 'passwordHash', 'driverToken']

describe('views get view models, never rows', () => {
  test('the charger page is given whether a password is set, never its hash', async () => {
    const props = await loadChargerPage(node.deps, PLATFORM, ID, 'op@example.com')
    expect(props?.charger.hasPassword).toBe(true)
    expect(props?.live.active.map((t) => t.id)).toEqual([txId])
    const given = JSON.stringify(props)
    for (const secret of secrets()) expect(given).not.toContain(secret)
    const page = await ChargerPage(props!)
    expect(page).toContain('set (HTTP Basic required)')
    for (const secret of secrets()) expect(page).not.toContain(secret)
  })

  test('a charger without a password is shown as needing none', async () => {
    await node.deps.writer.write([node.deps.repos.chargers.setPasswordHash(ID, null, Date.now())])
    const props = await loadChargerPage(node.deps, PLATFORM, ID, 'op@example.com')
    expect(props?.charger.hasPassword).toBe(false)
    expect(await ChargerPage(props!)).toContain('none (no authentication)')
    await node.deps.writer.write([node.deps.repos.chargers.setPasswordHash(ID, hash, Date.now())])
  })

  test('the chargers list is given no hash either', async () => {
    const props = await loadChargerList(node.deps, PLATFORM, 'op@example.com', { search: '', offset: 0 })
    expect(props.items.map((i) => i.charger.id)).toContain(ID)
    const given = JSON.stringify(props)
    for (const secret of secrets()) expect(given).not.toContain(secret)
  })

  test("the transaction page is given the energy and readings, not the driver page's token", async () => {
    const row = (await node.deps.repos.transactions.find(txId))!
    expect(row.driverToken).toBe(DRIVER_TOKEN)
    const tx = transactionDetail(row)
    expect(tx).toMatchObject({ id: txId, meterStartWh: 1000, energyWh: 0 })
    const values = (await node.deps.repos.transactions.meterValuesOf(txId, 500)).map(meterValueView)
    const props = { operator: 'op@example.com', now: Date.now(), tx, values, energy: [] }
    const given = JSON.stringify(props)
    for (const secret of secrets()) expect(given).not.toContain(secret)
    expect(await TransactionPage(props)).toContain('1000 → 1000 Wh')
  })
})
