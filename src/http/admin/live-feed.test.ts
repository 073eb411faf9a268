import { describe, expect, test } from 'bun:test'
import { LocalBus } from '@src/bus/local'
import type { Bus } from '@src/bus/port'
import { chargerIdOf, subjects } from '@src/bus/subjects'
import { FakeClock } from '@src/lib/fake-clock'
import { createLogger } from '@src/lib/log'
import { LiveFeed } from './live-feed'

const LINGER_MS = 60_000

/** A local bus that counts its live subscriptions. */
function countingBus(clock: FakeClock): { bus: Bus; live: () => number } {
  const inner = new LocalBus({ clock, log: createLogger({ level: 'silent' }) })
  let live = 0
  const bus: Bus = Object.assign(Object.create(inner) as Bus, {
    subscribe: (pattern: string, handler: Parameters<Bus['subscribe']>[1]) => {
      live++
      const stop = inner.subscribe(pattern, handler)
      return () => {
        live--
        stop()
      }
    },
    publish: (subject: string, payload: unknown) => inner.publish(subject, payload),
  })
  return { bus, live: () => live }
}

function setup() {
  const clock = new FakeClock()
  const { bus, live } = countingBus(clock)
  const feed = new LiveFeed({
    bus,
    clock,
    capacity: 16,
    lingerMs: LINGER_MS,
    sources: [{ pattern: subjects.allChargerEvents, keyOf: (s) => chargerIdOf(s) || undefined }],
  })
  const status = async (id: string) => {
    bus.publish(subjects.chargerEvent(id, 'statusChanged'), {})
    await clock.advance(0)
  }
  return { clock, feed, live, status }
}

describe('LiveFeed', () => {
  test('a node nobody watches does not listen; many streams share one subscription', async () => {
    const { feed, live, status } = setup()
    expect(live()).toBe(0)
    const heard: string[][] = [[], []]
    const watches = heard.map((h) => feed.watch((key) => h.push(key)))
    expect(live()).toBe(1)
    await status('CP-1')
    expect(heard).toEqual([['CP-1'], ['CP-1']])
    expect(watches[0]!.log).toBe(watches[1]!.log)
  })

  test('after the last stream closed it keeps remembering for lingerMs, so a page back by then is replayed', async () => {
    const { clock, feed, status } = setup()
    const first = feed.watch(() => {})
    const { log } = first
    first.close()
    await clock.advance(LINGER_MS - 1)
    await status('CP-1')
    expect(log.since(0)).toEqual(['CP-1'])
    expect(feed.watch(() => {}).log).toBe(log)
  })

  test('the first message after lingerMs without streams unsubscribes; a later page’s old id is unknown', async () => {
    const { clock, feed, live, status } = setup()
    const first = feed.watch(() => {})
    const { log } = first
    const held = log.idOf(log.head)
    first.close()
    await clock.advance(LINGER_MS)
    await status('CP-1')
    expect(live()).toBe(0)
    const next = feed.watch(() => {})
    expect(next.log).not.toBe(log)
    expect(next.log.seqOf(held)).toBeUndefined()
  })
})
