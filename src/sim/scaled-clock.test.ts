import { expect, test } from 'bun:test'
import { FakeClock } from '@src/lib/fake-clock'
import { ScaledClock } from './scaled-clock'

test('a scaled clock runs `speed` times faster than its base, timers included', async () => {
  const base = new FakeClock(Date.UTC(2026, 0, 1))
  const clock = new ScaledClock({ speed: 60, base })
  const fired: number[] = []
  clock.setTimeout(() => fired.push(clock.now()), 60_000)
  await base.advance(999)
  expect(fired).toEqual([])
  await base.advance(1)
  expect(fired).toEqual([Date.UTC(2026, 0, 1) + 60_000])
  expect(clock.now()).toBe(Date.UTC(2026, 0, 1) + 60_000)
})

test('a scaled clock may start at another simulated time, and its timers can be cleared', async () => {
  const base = new FakeClock(0)
  const clock = new ScaledClock({ speed: 10, base, start: Date.UTC(2026, 5, 1, 6) })
  const handle = clock.setTimeout(() => {
    throw new Error('cleared timer fired')
  }, 1000)
  clock.clearTimeout(handle)
  await base.advance(500)
  expect(clock.now()).toBe(Date.UTC(2026, 5, 1, 6) + 5000)
})

test('speed must be positive', () => {
  expect(() => new ScaledClock({ speed: 0 })).toThrow(RangeError)
})
