import { describe, expect, test } from 'bun:test'
import { FakeClock } from './fake-clock'
import { Lockout } from './lockout'

const WINDOW = 60_000

function lockout(extra: { maxCounting?: number; maxLocked?: number } = {}) {
  const clock = new FakeClock()
  return { clock, lock: new Lockout({ clock, maxFailures: 3, windowMs: WINDOW, ...extra }) }
}

describe('lockout', () => {
  test('a key is locked at its last allowed failure, for the window, then free again', async () => {
    const { clock, lock } = lockout()
    expect([lock.fail('a'), lock.fail('a'), lock.isLocked('a')]).toEqual([false, false, false])
    expect(lock.fail('a')).toBe(true)
    expect(lock.isLocked('a')).toBe(true)
    expect(lock.isLocked('b')).toBe(false)
    await clock.advance(WINDOW - 1)
    expect(lock.isLocked('a')).toBe(true)
    await clock.advance(1)
    expect(lock.isLocked('a')).toBe(false)
  })

  test('failures spread wider than the window never lock', async () => {
    const { clock, lock } = lockout()
    for (let i = 0; i < 10; i++) {
      lock.fail('a')
      await clock.advance(WINDOW / 2 + 1)
      lock.fail('a')
      await clock.advance(WINDOW + 1)
    }
    expect(lock.isLocked('a')).toBe(false)
  })

  test('clearing forgets counted failures but not a lock', () => {
    const { lock } = lockout()
    lock.fail('a')
    lock.fail('a')
    lock.clear('a')
    lock.fail('a')
    expect(lock.isLocked('a')).toBe(false)
    lock.fail('b')
    lock.fail('b')
    lock.fail('b')
    lock.clear('b')
    expect(lock.isLocked('b')).toBe(true)
  })

  test('150,000 failures for fresh keys do not evict a lock; memory stays bounded', () => {
    const { lock } = lockout()
    for (let i = 0; i < 3; i++) lock.fail('attacker')
    for (let i = 0; i < 150_000; i++) lock.fail(`other-${i}`)
    expect(lock.isLocked('attacker')).toBe(true)
    expect(lock.size).toEqual({ counting: 100_000, locked: 1 })
  })

  test('when the locked table is full, the lock that expires first makes room', async () => {
    const { clock, lock } = lockout({ maxLocked: 2 })
    for (const key of ['first', 'second', 'third']) {
      for (let i = 0; i < 3; i++) lock.fail(key)
      await clock.advance(1)
    }
    expect([lock.isLocked('first'), lock.isLocked('second'), lock.isLocked('third')]).toEqual([
      false,
      true,
      true,
    ])
    expect(lock.size.locked).toBe(2)
  })
})
