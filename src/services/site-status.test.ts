import { describe, expect, test } from 'bun:test'
import { LocalBus } from '@src/bus/local'
import { subjects } from '@src/bus/subjects'
import { FakeClock, flushMicrotasks } from '@src/lib/fake-clock'
import { silentLogger } from '@src/lib/log'
import { fakeSiteStatus } from '@src/testing/site-status'
import { RING_BUCKET_MS, RING_SPAN_MS, SiteStatusStore } from './site-status'

describe('the site status store', () => {
  test('keeps the newest status; a malformed or older one is ignored', () => {
    const store = new SiteStatusStore()
    expect(store.accept(fakeSiteStatus('s', 2000))).toBe(true)
    expect(store.accept(fakeSiteStatus('s', 1000, { health: 'degraded' }))).toBe(false)
    expect(store.accept({ siteId: 's', at: 3000 })).toBe(false)
    expect(store.accept('nonsense')).toBe(false)
    expect(store.latest('s')?.at).toBe(2000)
    expect(store.latest('other')).toBeUndefined()
  })

  test('the ring keeps ten minutes, one sample per bucket with each phase at its highest', () => {
    const store = new SiteStatusStore()
    store.accept(fakeSiteStatus('s', 0, { loadA: [10, 50, 10] }))
    store.accept(
      fakeSiteStatus('s', RING_BUCKET_MS - 1, { loadA: [40, 20, 10], limitA: 55, loadStale: true }),
    )
    expect(store.samples('s')).toEqual([{ at: 0, loadA: [40, 50, 10], limitA: 55, stale: true }])
    for (let at = RING_BUCKET_MS; at <= RING_SPAN_MS + 3 * RING_BUCKET_MS; at += RING_BUCKET_MS)
      store.accept(fakeSiteStatus('s', at))
    const samples = store.samples('s')
    expect(samples[0]!.at).toBeGreaterThanOrEqual(samples.at(-1)!.at - RING_SPAN_MS)
    expect(samples.length).toBe(RING_SPAN_MS / RING_BUCKET_MS + 1)
    store.forget('s')
    expect(store.samples('s')).toEqual([])
  })

  test('each node builds its own store from its own bus: no shared, hidden instance', async () => {
    const clock = new FakeClock(0)
    const [busA, busB] = [
      new LocalBus({ clock, log: silentLogger }),
      new LocalBus({ clock, log: silentLogger }),
    ]
    const [a, b] = [SiteStatusStore.listen(busA), SiteStatusStore.listen(busB)]
    busA.publish(subjects.siteStatus('s'), fakeSiteStatus('s', 1000))
    await flushMicrotasks()
    expect(a.latest('s')?.at).toBe(1000)
    expect(b.latest('s')).toBeUndefined()
    await Promise.all([busA.close(), busB.close()])
  })
})
