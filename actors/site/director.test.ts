import { describe, expect, test } from 'bun:test'
import type { KindHandle } from '@actors/runtime/system'
import type { ActorRef } from '@actors/runtime/types'
import { LocalBus } from '@src/bus/local'
import { subjects } from '@src/bus/subjects'
import type { Site } from '@src/domain/site/site-config'
import { FakeClock, flushMicrotasks } from '@src/lib/fake-clock'
import { createLogger } from '@src/lib/log'
import { SITE_SYNC_MS, startSites } from './director'
import type { SiteMsg } from './protocol'

/** A site kind that records which actors are asked for and stopped. */
function recordingKind() {
  const live = new Set<string>()
  const kind: KindHandle<SiteMsg> = {
    get: (id) => {
      live.add(id)
      return { id } as ActorRef<SiteMsg>
    },
    find: () => undefined,
    stop: (id) => void live.delete(id),
    ids: () => [...live],
    get size() {
      return live.size
    },
  }
  return { kind, live }
}

function setup(list: () => Promise<Pick<Site, 'id'>[]>) {
  const clock = new FakeClock()
  const lines: string[] = []
  const log = createLogger({ level: 'warn', sink: (_, line) => void lines.push(line) })
  const bus = new LocalBus({ clock, log })
  const sites = { list: list as () => Promise<Site[]> }
  return {
    clock,
    bus,
    lines,
    start: (kind: KindHandle<SiteMsg>) => startSites({ sites, bus, clock, log }, kind),
  }
}

describe('the site director', () => {
  test('keeps one actor per site: new sites start, removed ones stop', async () => {
    let ids = ['S1', 'S2']
    const { clock, bus, start } = setup(async () => ids.map((id) => ({ id })))
    const { kind, live } = recordingKind()
    const stop = await start(kind)
    expect([...live].sort()).toEqual(['S1', 'S2'])
    ids = ['S2', 'S3']
    bus.publish(subjects.sitesChanged, {})
    await flushMicrotasks()
    expect([...live].sort()).toEqual(['S2', 'S3'])
    ids = ['S3']
    await clock.advance(SITE_SYNC_MS)
    expect([...live]).toEqual(['S3'])
    stop()
  })

  test('a list of sites that cannot be read later is logged and read again at the next sync', async () => {
    let failing = false
    const { clock, bus, lines, start } = setup(async () => {
      if (failing) throw new Error('database is locked')
      return [{ id: 'S1' }]
    })
    const { kind, live } = recordingKind()
    const stop = await start(kind)
    failing = true
    bus.publish(subjects.sitesChanged, {})
    await clock.advance(SITE_SYNC_MS)
    expect(lines.filter((l) => l.includes('list of sites unreadable'))).toHaveLength(2)
    failing = false
    live.clear()
    await clock.advance(SITE_SYNC_MS)
    expect([...live]).toEqual(['S1'])
    stop()
  })

  test('a sync still reading when the director stops starts nothing', async () => {
    let release: () => void = () => undefined
    let slow = false
    const { bus, start } = setup(async () => {
      if (slow) await new Promise<void>((resolve) => (release = resolve))
      return [{ id: 'S1' }, { id: 'S9' }]
    })
    const { kind, live } = recordingKind()
    const stop = await start(kind)
    live.delete('S9')
    slow = true
    bus.publish(subjects.sitesChanged, {})
    await flushMicrotasks()
    stop()
    release()
    await flushMicrotasks()
    expect([...live]).toEqual(['S1'])
  })
})
