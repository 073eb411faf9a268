import { afterEach, describe, expect, test } from 'bun:test'
import { siteFixture } from './fixture'
import { RESYNC_MS } from './site-actor'

type Fixture = Awaited<ReturnType<typeof siteFixture>>
let f: Fixture
afterEach(() => f?.dispose())

/** When each site read its configuration: at its start, then at every resync. */
function recordReads(fx: Fixture): Map<string, number[]> {
  const reads = new Map<string, number[]>()
  const read = fx.repos.sites.config.bind(fx.repos.sites)
  fx.repos.sites.config = (id) => {
    reads.set(id, [...(reads.get(id) ?? []), fx.clock.now()])
    return read(id)
  }
  return reads
}

describe('the sites of a node spread their work over time', () => {
  test('100 sites started together re-read the database at different times, each within 30 to 90 s', async () => {
    f = await siteFixture({ loopIntervalMs: 5000 })
    const ids = Array.from({ length: 100 }, (_, i) => `S${i + 1}`)
    for (const id of ids.slice(1)) await f.addSite(id, { loopIntervalMs: 5000 })
    const reads = recordReads(f)
    const start = f.clock.now()
    for (const id of ids) f.kind.get(id)
    await f.run(200_000, 500)
    expect(reads.size).toBe(100)
    const perTick = new Map<number, number>()
    for (const at of [...reads.values()].flatMap((r) => r.slice(1))) {
      const tick = Math.floor((at - start) / 500)
      perTick.set(tick, (perTick.get(tick) ?? 0) + 1)
    }
    expect(Math.max(...perTick.values())).toBeLessThanOrEqual(10)
    const firsts = [...reads.values()].map((r) => r[1]!)
    expect(Math.max(...firsts) - Math.min(...firsts)).toBeGreaterThan(RESYNC_MS / 2)
    for (const r of reads.values()) {
      expect(r.length).toBeGreaterThanOrEqual(3)
      for (let i = 1; i < r.length; i++) {
        expect(r[i]! - r[i - 1]!).toBeGreaterThanOrEqual(RESYNC_MS / 2)
        expect(r[i]! - r[i - 1]!).toBeLessThanOrEqual((RESYNC_MS * 3) / 2 + 500)
      }
    }
  })

  test('sites started together tick at different points of their interval', async () => {
    f = await siteFixture()
    const ids = Array.from({ length: 20 }, (_, i) => `S${i + 1}`)
    for (const id of ids.slice(1)) await f.addSite(id, {})
    for (const id of ids) f.kind.get(id)
    await f.run(3000, 10)
    const phases = new Set(f.statuses.map((s) => s.at % 500))
    expect(new Set(f.statuses.map((s) => s.siteId)).size).toBe(20)
    expect(phases.size).toBeGreaterThan(5)
  })
})
