import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { subjects } from '@src/bus/subjects'
import { startTestNode, type TestNode } from '@src/testing/node'
import { collect, fakeSession, fakeSiteStatus, nextMessage } from '@src/testing/site-status'
import { endedTransaction, meterReading, startedTransaction } from '@src/testing/transactions'
import { formatDateTime } from '@views/format'
import { connectorCode, connectorPath } from './connector-code'
import { localDeparture } from './departure-form'

let node: TestNode
let txId: number

beforeAll(async () => {
  node = await startTestNode()
  const { chargers, sites, transactions } = node.deps.repos
  const now = Date.now()
  await node.deps.writer.write([
    chargers.upsert({ id: 'DRV-CP', label: 'Bay <7>', now }),
    sites.upsert(
      'drv-site',
      {
        name: 'Drive',
        voltageV: 230,
        phases: 3,
        mainFuseA: 63,
        safetyMarginA: 0,
        buildingMaxA: null,
        buildingMeter: 'none',
        buildingMeterChargerId: null,
        peakTargetKw: null,
        loopIntervalMs: 500,
        failSafeA: null,
        objective: 'vehicles',
        timeZone: 'Europe/Stockholm',
      },
      now,
    ),
  ])
  await node.deps.writer.write([
    sites.assignConnector({
      chargerId: 'DRV-CP',
      evseId: 1,
      siteId: 'drv-site',
      circuitId: null,
      maxA: 16,
      wiring: 'L1,L2,L3',
    }),
  ])
  const [[row]] = await node.deps.writer.write([
    startedTransaction(transactions, {
      chargerId: 'DRV-CP',
      evseId: 1,
      connectorId: 1,
      idTag: 'DRIVER',
      startStatus: 'Accepted',
      reservationId: null,
      startedAt: now - 3_600_000,
      meterStartWh: 1000,
      ocppTxId: 'drv-1',
      now,
    }),
  ] as const)
  txId = row!.id
  await node.deps.writer.write([
    meterReading(transactions, txId, 13_500, now, now),
    ...transactions.insertSamples('DRV-CP', 1, txId, [
      { timestamp: now, measurand: 'Power.Active.Import', unit: 'kW', value: 7.4, raw: '7.4' },
      { timestamp: now, measurand: 'SoC', unit: 'Percent', value: 63, raw: '63' },
    ]),
  ])
})
afterAll(() => node.dispose())

const get = (path: string, headers: Record<string, string> = {}) =>
  node.app.handle(new Request(`http://localhost${path}`, { headers, redirect: 'manual' }))

function post(path: string, fields: Record<string, string>, origin = 'http://localhost') {
  return node.app.handle(
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'hx-request': 'true' },
      body: new URLSearchParams(fields).toString(),
    }),
  )
}

/** What the QR code on connector `evseId` of DRV-CP points to. */
const qrPath = async (evseId = 1) =>
  connectorPath('DRV-CP', evseId, await connectorCode(node.deps, 'DRV-CP', evseId))

async function tokenPath(): Promise<string> {
  const res = await get(await qrPath())
  expect(res.status).toBe(303)
  return res.headers.get('location')!
}

describe('the driver page', () => {
  test('a connector without a session says so; an unknown charger, connector or code is 404', async () => {
    const empty = await get(await qrPath(2))
    expect(await empty.text()).toContain('No car is charging at connector 2 right now.')
    expect((await get('/drive/NOPE/1')).status).toBe(404)
    expect((await get('/drive/DRV-CP/zero')).status).toBe(404)
    expect((await get('/drive/s/not-a-real-token-at-all')).status).toBe(404)
    expect((await get('/drive/DRV-CP/1/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404)
  })

  test("the connector's QR page leads to the session's own page, with the same token every time", async () => {
    const path = await tokenPath()
    expect(path).toMatch(/^\/drive\/s\/[A-Za-z0-9_-]{16,}$/)
    expect(await tokenPath()).toBe(path)
    expect((await node.deps.repos.transactions.find(txId))?.driverToken).toBe(path.slice('/drive/s/'.length))
    const polled = await get(await qrPath(), { 'hx-request': 'true' })
    expect(polled.headers.get('hx-redirect')).toBe(path)
  })

  test("each connector has its own code: one connector's code opens no other", async () => {
    const [one, two] = [
      await connectorCode(node.deps, 'DRV-CP', 1),
      await connectorCode(node.deps, 'DRV-CP', 2),
    ]
    expect(one).not.toBe(two)
    expect(await connectorCode(node.deps, 'DRV-CP', 1)).toBe(one)
    expect((await get(`/drive/DRV-CP/1/${two}`)).status).toBe(404)
  })

  test('a stranger who knows the charger and connector sees it is busy, and cannot reach or change the session', async () => {
    const before = await node.deps.repos.transactions.find(txId)
    const seen = await get('/drive/DRV-CP/1')
    expect(seen.status).toBe(200)
    expect(seen.headers.get('location')).toBeNull()
    const page = await seen.text()
    expect(page).toContain('A car is charging at connector 1.')
    expect(page).not.toContain('/drive/s/')
    expect(page).not.toContain('When do you leave?')
    for (const path of [
      '/drive/DRV-CP/1/departure',
      '/drive/DRV-CP/1',
      '/drive/s/DRV-CP-1-guessed-token/departure',
    ]) {
      const res = await post(path, { day: '1', time: '07:30', energyKwh: '80' })
      expect(res.status).toBeGreaterThanOrEqual(400)
    }
    const after = await node.deps.repos.transactions.find(txId)
    expect(after).toEqual(before)
  })

  test('the session page shows energy, power, battery and the expected completion from the site loop', async () => {
    const done = Date.now() + 2 * 3_600_000
    const status = fakeSiteStatus('drv-site', Date.now() + 3_600_000, {
      sessions: [fakeSession({ chargerId: 'DRV-CP', transactionId: txId, expectedDoneAt: done })],
    })
    const seen = nextMessage(node.deps.bus, subjects.siteStatus('drv-site'))
    node.deps.bus.publish(subjects.siteStatus('drv-site'), status)
    await seen
    const html = await (await get(await tokenPath())).text()
    expect(html).toContain('Bay &lt;7&gt;')
    expect(html).toContain('12.50 kWh')
    expect(html).toContain('7.4 kW')
    expect(html).toContain('63 %')
    expect(html).toContain('not set: charging as soon as possible')
    expect(html).toContain('When do you leave?')
    expect(html).toContain(formatDateTime(done))
  })

  test('saving a departure validates, stores it as the driver’s and tells the site loop', async () => {
    const path = await tokenPath()
    const seen = collect(node.deps.bus, subjects.siteChanged('drv-site'))
    const bad = await post(`${path}/departure`, { day: '9', time: '07:30', energyKwh: '500' })
    expect(bad.status).toBe(400)
    const text = await bad.text()
    expect(text).toContain('choose a day')
    expect(text).toContain('enter 0.5 to 200 kWh')
    expect(text).toContain('value="500"')
    expect(
      (await post(`${path}/departure`, { day: '1', time: '07:30' }, 'https://evil.example')).status,
    ).toBe(403)
    seen.stop()
    expect(seen.seen).toEqual([])
    expect((await node.deps.repos.transactions.find(txId))?.departureAt).toBeNull()
    const changed = nextMessage(node.deps.bus, subjects.siteChanged('drv-site'))
    const ok = await post(`${path}/departure`, { day: '1', time: '07:30', energyKwh: '20' })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('Saved')
    expect(await changed).toEqual({})
    const tx = await node.deps.repos.transactions.find(txId)
    expect(tx).toMatchObject({ energyNeedWh: 20_000, departureSource: 'driver' })
    expect(tx?.departureAt).toBe(localDeparture(Date.now(), 1, '07:30', 'Europe/Stockholm')!)
    const live = await (await get(`${path}/live`)).text()
    expect(live).toContain('(set by you)')
    expect(live).toContain('20.00 kWh')
  })

  test('an ended session shows its energy, has no form, and refuses a departure', async () => {
    const path = await tokenPath()
    const { transactions } = node.deps.repos
    const now = Date.now()
    await node.deps.writer.write([
      endedTransaction(transactions, txId, {
        endedAt: now,
        meterStopWh: 14_000,
        energyWh: 13_000,
        stopReason: 'EVDisconnected',
        stopIdTag: null,
        now,
      }),
    ])
    const html = await (await get(path)).text()
    expect(html).toContain('this session has ended')
    expect(html).toContain('13.00 kWh')
    expect(html).not.toContain('When do you leave?')
    const refused = await post(`${path}/departure`, { day: '1', time: '08:00' })
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain('This session has ended.')
    expect(await (await get('/drive/DRV-CP/1')).text()).toContain('No car is charging')
  })
})
