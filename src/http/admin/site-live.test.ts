import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { subjects } from '@src/bus/subjects'
import type { SiteSettings } from '@src/domain/site/site-config'
import { startTestNode, type TestNode } from '@src/testing/node'
import { fakeSiteStatus } from '@src/testing/site-status'
import { SseClient } from '@src/testing/sse-client'
import { siteRowEvents } from '@views/admin/site-list'

const settings = (name: string, mainFuseA: number): SiteSettings => ({
  name,
  mainFuseA,
  voltageV: 230,
  phases: 3,
  safetyMarginA: 3,
  buildingMaxA: null,
  buildingMeter: 'none',
  buildingMeterChargerId: null,
  peakTargetKw: null,
  loopIntervalMs: 500,
  failSafeA: null,
  objective: 'vehicles',
  timeZone: 'Europe/Stockholm',
})

describe('live site streams over a real socket', () => {
  let node: TestNode
  let cookie: string
  const streams: SseClient[] = []
  /** Fake statuses are dated ahead of now, so they are always the newest. */
  let at = Date.now() + 3_600_000
  const publishStatus = (siteId: string) => {
    at += 5000
    node.deps.bus.publish(subjects.siteStatus(siteId), fakeSiteStatus(siteId, at))
  }

  const open = async (path: string, lastEventId?: string) => {
    const sse = await SseClient.open(`${node.url}${path}`, { cookie }, lastEventId)
    streams.push(sse)
    expect(sse.status).toBe(200)
    return sse
  }
  const visit = async (path: string) => {
    const sse = await open(path)
    expect(await sse.readUntil(() => sse.lastEventId !== '', 3000)).toBe(true)
    sse.close()
    return sse.lastEventId
  }

  beforeAll(async () => {
    node = await startTestNode()
    const now = Date.now()
    const { sites } = node.deps.repos
    await node.deps.writer.write([
      sites.upsert('sa', settings('Site A', 63), now),
      sites.upsert('sb', settings('Site B', 40), now),
    ])
    const res = await node.app.handle(
      new Request('http://localhost/admin/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
        body: new URLSearchParams({ email: 'admin@example.com', password: 'admin-password' }).toString(),
      }),
    )
    cookie = res.headers.get('set-cookie')!.split(';')[0]!
  })
  afterAll(async () => {
    for (const sse of streams) sse.close()
    await node?.dispose()
  })

  test('the sites list that reconnects gets the cells of the sites that reported meanwhile, only', async () => {
    const held = await visit('/admin/live/sites')
    publishStatus('sa')
    const back = await open('/admin/live/sites', held)
    expect(await back.readUntil(() => back.events.length >= 2, 3000)).toBe(true)
    const a = siteRowEvents('sa')
    expect(back.names()).toEqual([a.load, a.health])
  })

  test('the sites list with an id this node never handed out gets every site’s cells afresh', async () => {
    const back = await open('/admin/live/sites', 'Q2xhcmEh-3')
    expect(await back.readUntil(() => back.events.length >= 4, 3000)).toBe(true)
    const [a, b] = [siteRowEvents('sa'), siteRowEvents('sb')]
    expect(back.names().sort()).toEqual([a.load, a.health, b.load, b.health].sort())
  })

  test('a site page that reconnects after its configuration changed gets its live part with the change', async () => {
    const held = await visit('/admin/live/sites/sb')
    await node.deps.writer.write([node.deps.repos.sites.upsert('sb', settings('Site B', 80), Date.now())])
    node.deps.bus.publish(subjects.siteChanged('sb'), {})
    const back = await open('/admin/live/sites/sb', held)
    expect(await back.readUntil(() => back.events.length > 0, 3000)).toBe(true)
    expect(back.names()).toEqual(['live'])
    expect(back.events[0]!.data).toContain('80 A')
  })

  test('a site page that reconnects when nothing changed gets nothing', async () => {
    const held = await visit('/admin/live/sites/sb')
    publishStatus('sa')
    const back = await open('/admin/live/sites/sb', held)
    await back.readUntil(() => back.events.length > 0, 1500)
    expect(back.names()).toEqual([])
    expect(back.lastEventId).not.toBe(held)
  })
})
