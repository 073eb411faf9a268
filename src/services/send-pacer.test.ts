import { describe, expect, test } from 'bun:test'
import { FakeClock } from '@src/lib/fake-clock'
import { SendPacer } from './send-pacer'

/** A pacer whose jobs stay running until the test ends them. */
function pacerWith(pace: { concurrency: number; perSecond: number }) {
  const clock = new FakeClock(0)
  const started: { key: string; at: number }[] = []
  const finish = new Map<string, () => void>()
  const pacer = new SendPacer({
    clock,
    pace,
    run: (key) =>
      new Promise<void>((resolve) => {
        started.push({ key, at: clock.now() })
        finish.set(key, resolve)
      }),
  })
  return { clock, pacer, started, finish }
}

describe('pacing sends', () => {
  test('no more than the concurrency run at once; the next starts when one ends', async () => {
    const { pacer, started, finish, clock } = pacerWith({ concurrency: 2, perSecond: 1000 })
    for (const k of ['a', 'b', 'c']) pacer.add(k)
    expect(started.map((s) => s.key)).toEqual(['a', 'b'])
    finish.get('a')!()
    await clock.advance(0)
    expect(started.map((s) => s.key)).toEqual(['a', 'b', 'c'])
  })

  test('starts are spread at the rate after a burst of a tenth of a second', async () => {
    const { pacer, started, finish, clock } = pacerWith({ concurrency: 1000, perSecond: 20 })
    for (let i = 0; i < 6; i++) pacer.add(`k${i}`)
    await clock.advance(1000)
    expect(started.map((s) => s.at)).toEqual([0, 0, 50, 100, 150, 200])
    for (const f of finish.values()) f()
  })

  test('a key added while queued runs once; added while running, it runs again after', async () => {
    const { pacer, started, finish, clock } = pacerWith({ concurrency: 1, perSecond: 1000 })
    pacer.add('a')
    pacer.add('b')
    pacer.add('b')
    pacer.add('a')
    finish.get('a')!()
    await clock.advance(10)
    finish.get('b')!()
    await clock.advance(10)
    expect(started.map((s) => s.key)).toEqual(['a', 'b', 'a'])
  })

  test('after stop nothing more starts', async () => {
    const { pacer, started, clock } = pacerWith({ concurrency: 1, perSecond: 1000 })
    pacer.add('a')
    pacer.add('b')
    pacer.stop()
    pacer.add('c')
    await clock.advance(1000)
    expect(started.map((s) => s.key)).toEqual(['a'])
  })
})
