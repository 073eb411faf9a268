import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { OcppClient } from '@src/sim/ocpp-client'
import { startTestNode, type TestNode } from '@src/testing/node'
import { SseClient } from '@src/testing/sse-client'
import { rowEvent } from '@views/admin/charger-list'
import { STALE_ID } from './sse'

/** Bun's default `idleTimeout` is 10 s, checked every few seconds: a quiet stream was cut at 10–14 s. */
const PAST_IDLE_TIMEOUT_MS = 20_000

describe('live admin streams over a real socket', () => {
  let node: TestNode
  let cookie: string
  const cps = new Map<string, OcppClient>()
  const streams: SseClient[] = []

  /** Opens a stream as a signed-in page; `lastEventId` as its EventSource sends it on reconnecting. */
  const open = async (path: string, lastEventId?: string) => {
    const sse = await SseClient.open(`${node.url}${path}`, { cookie }, lastEventId)
    streams.push(sse)
    expect(sse.status).toBe(200)
    return sse
  }
  /** A page that got its first id and then went away; returns the id it would reconnect with. */
  const visit = async (path: string) => {
    const sse = await open(path)
    expect(await sse.readUntil(() => sse.lastEventId !== '', 3000)).toBe(true)
    sse.close()
    return sse.lastEventId
  }
  const status = (id: string, status: string, errorCode = 'NoError') =>
    cps.get(id)!.call('StatusNotification', { connectorId: 1, errorCode, status })

  beforeAll(async () => {
    // A node that remembers the changes of two chargers only, so that a third one pushes the oldest out.
    node = await startTestNode({ CSMS_SSE_REPLAY_KEYS: '2' })
    const res = await node.app.handle(
      new Request('http://localhost/admin/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
        body: new URLSearchParams({ email: 'admin@example.com', password: 'admin-password' }).toString(),
      }),
    )
    cookie = res.headers.get('set-cookie')!.split(';')[0]!
    for (const id of ['LV-1', 'LV-2', 'LV-3']) {
      const cp = await OcppClient.connect({ url: node.ocppUrl, identity: id, protocols: ['ocpp1.6'] })
      await cp.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'Wallbox' })
      cps.set(id, cp)
      await status(id, 'Available')
    }
  })
  afterAll(async () => {
    for (const sse of streams) sse.close()
    for (const cp of cps.values()) await cp.close()
    await node?.dispose()
  })

  test(
    'a stream with nothing to say stays open past Bun’s idle timeout, held by its keepalive',
    async () => {
      const sse = await open('/admin/live/chargers?ids=LV-1')
      expect(await sse.readUntil(() => sse.names().includes('summary'), 3000)).toBe(true)
      const rendered = sse.events.length
      const kept = await sse.readUntil(() => sse.comments.includes('keepalive'), PAST_IDLE_TIMEOUT_MS)
      // Nothing but the keepalive was sent meanwhile: no event kept the connection busy.
      expect({ kept, ended: sse.ended, events: sse.events.length }).toEqual({
        kept: true,
        ended: false,
        events: rendered,
      })
      sse.close()
    },
    PAST_IDLE_TIMEOUT_MS + 10_000,
  )

  test('a new page gets its rows at once; every event carries an id, the last of a batch the newest', async () => {
    const sse = await open('/admin/live/chargers?ids=LV-1,LV-2')
    expect(await sse.readUntil(() => sse.names().includes('summary'), 3000)).toBe(true)
    expect(sse.names().sort()).toEqual([rowEvent('LV-1'), rowEvent('LV-2'), 'summary'].sort())
    const before = sse.lastEventId
    expect(sse.events.map((e) => e.lastEventId)).toEqual([STALE_ID, STALE_ID, before])
    sse.events.length = 0
    await status('LV-2', 'Preparing')
    expect(await sse.readUntil(() => sse.names().includes('summary'), 3000)).toBe(true)
    expect(sse.names()).toEqual([rowEvent('LV-2'), 'summary'])
    expect(sse.events.map((e) => e.lastEventId)).toEqual([before, sse.lastEventId])
    expect(sse.lastEventId).not.toBe(before)
    sse.close()
  })

  test('a page that reconnects with Last-Event-ID gets exactly the rows that changed while it was away', async () => {
    const path = '/admin/live/chargers?ids=LV-1,LV-2'
    const held = await visit(path)
    await status('LV-1', 'Faulted', 'GroundFailure')
    const back = await open(path, held)
    expect(await back.readUntil(() => back.names().includes('summary'), 3000)).toBe(true)
    expect(back.names()).toEqual([rowEvent('LV-1'), 'summary'])
    expect(back.events[0]!.data).toContain('Faulted')
    // Nothing else changed: the same id again replays nothing.
    const again = await open(path, back.lastEventId)
    await again.readUntil(() => again.events.length > 0, 1500)
    expect(again.names()).toEqual([])
  })

  test('a page whose id is older than the node remembers gets every row of the page afresh', async () => {
    const path = '/admin/live/chargers?ids=LV-1,LV-2'
    const held = await visit(path)
    await status('LV-1', 'Available')
    await status('LV-2', 'Available')
    await status('LV-3', 'Charging')
    const back = await open(path, held)
    expect(await back.readUntil(() => back.names().includes('summary'), 3000)).toBe(true)
    expect(back.names().sort()).toEqual([rowEvent('LV-1'), rowEvent('LV-2'), 'summary'].sort())
  })

  test('no id, or one this node never handed out (from before a restart, another node, garbage), gets every row afresh', async () => {
    const path = '/admin/live/chargers?ids=LV-1,LV-3'
    for (const unknown of [undefined, 'Q2xhcmEh-7', 'garbage id', '12']) {
      const back = await open(path, unknown)
      expect(await back.readUntil(() => back.names().includes('summary'), 3000)).toBe(true)
      expect(back.names().sort()).toEqual([rowEvent('LV-1'), rowEvent('LV-3'), 'summary'].sort())
      back.close()
    }
  })

  test('a charger’s page that reconnects gets its live part with the status it missed', async () => {
    const path = '/admin/live/chargers/LV-2'
    const held = await visit(path)
    await status('LV-2', 'Faulted', 'GroundFailure')
    const back = await open(path, held)
    expect(await back.readUntil(() => back.events.length > 0, 3000)).toBe(true)
    expect(back.names()).toEqual(['live'])
    expect(back.events[0]!.data).toContain('Faulted')
  })
})
