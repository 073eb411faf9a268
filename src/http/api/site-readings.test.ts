import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { subjects } from '@src/bus/subjects'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'
import { collect, nextMessage } from '@src/testing/site-status'

let node: TestNode

beforeAll(async () => {
  node = await startTestNode()
  await node.deps.writer.write([node.deps.repos.chargers.upsert({ id: 'SITE-CP', now: Date.now() })])
})
afterAll(() => node.dispose())

const api = (method: string, path: string, body?: unknown) => apiClient(node)(method, path, body)
const bus = () => node.deps.bus

beforeAll(async () => {
  await api('PUT', '/sites/coop', { name: 'Co-op', mainFuseA: 63 })
})

describe('building meter', () => {
  test('an http-metered site passes the reading to the loop on the bus', async () => {
    await api('PUT', '/sites/metered', { name: 'Metered', mainFuseA: 63, buildingMeter: 'http' })
    const reading = nextMessage(bus(), subjects.siteMeter('metered'))
    const at = new Date(Date.now() - 5000).toISOString()
    expect(
      (await api('POST', '/sites/metered/building-meter', { currentA: [10, 12.5, 8], measuredAt: at }))
        .status,
    ).toBe(204)
    expect(await reading).toEqual({ currentA: [10, 12.5, 8], measuredAt: Date.parse(at) })
  })

  test('readings for other sites are refused; bad readings are 400', async () => {
    const seen = collect(bus(), 'csms.site.*.meter')
    const refused = await api('POST', '/sites/coop/building-meter', { currentA: [1, 2, 3] })
    expect(refused).toMatchObject({
      status: 409,
      body: { error: { message: expect.stringContaining('"none"') } },
    })
    expect((await api('POST', '/sites/metered/building-meter', { currentA: [1, 2] })).status).toBe(400)
    expect((await api('POST', '/sites/metered/building-meter', { currentA: ['x', 2, 3] })).status).toBe(400)
    expect((await api('POST', '/sites/nope/building-meter', { currentA: [1, 2, 3] })).status).toBe(404)
    const future = new Date(Date.now() + 3_600_000).toISOString()
    const late = await api('POST', '/sites/metered/building-meter', {
      currentA: [1, 2, 3],
      measuredAt: future,
    })
    expect(late.body.error.message).toContain('measuredAt')
    seen.stop()
    expect(seen.seen).toEqual([])
  })
})

describe('load history', () => {
  test('load is per minute; peaks are the highest hourly mean of each month', async () => {
    await api('PUT', '/sites/hist', { name: 'Hist', mainFuseA: 63, peakTargetKw: 30 })
    const { sites } = node.deps.repos
    const hour = Math.floor(Date.now() / 3_600_000) * 60 - 60
    const row = (minute: number, siteKw: number) => ({
      siteId: 'hist',
      minute,
      l1A: 10,
      l2A: 11,
      l3A: 12,
      evKw: 5,
      siteKw,
    })
    await node.deps.writer.write([
      sites.recordLoad(row(hour, 10)),
      sites.recordLoad(row(hour + 1, 20)),
      sites.recordLoad(row(hour + 60, 12)),
    ])
    const load = await api('GET', '/sites/hist/load?hours=3')
    expect(load.body.items.length).toBeGreaterThanOrEqual(3)
    expect(load.body.items[0]).toMatchObject({
      at: new Date(hour * 60_000).toISOString(),
      l3A: 12,
      siteKw: 10,
    })
    const peaks = await api('GET', '/sites/hist/peaks?months=2')
    expect(peaks.body.targetKw).toBe(30)
    expect(peaks.body.items).toHaveLength(2)
    const month = new Date(hour * 60_000)
    const label = `${month.getFullYear()}-${String(month.getMonth() + 1).padStart(2, '0')}`
    expect(peaks.body.items.find((p: { month: string }) => p.month === label)?.peakKw).toBe(15)
    expect((await api('GET', '/sites/hist/load?hours=0')).status).toBe(400)
    expect((await api('GET', '/sites/nope/peaks')).status).toBe(404)
  })
})
