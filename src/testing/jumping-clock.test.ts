import { describe, expect, test } from 'bun:test'
import { JumpingClock } from './jumping-clock'

describe('JumpingClock', () => {
  test('starts at the chosen instant and keeps real time', () => {
    const clock = new JumpingClock(Date.UTC(2026, 11, 7, 13))
    expect(Math.abs(clock.now() - Date.UTC(2026, 11, 7, 13))).toBeLessThan(50)
  })

  test('a jump fires the timers due by then, in due order, and keeps the later ones', async () => {
    const clock = new JumpingClock(Date.UTC(2026, 11, 7, 13))
    const fired: string[] = []
    clock.setTimeout(() => fired.push('two hours'), 2 * 3_600_000)
    clock.setTimeout(() => fired.push('one hour'), 3_600_000)
    const cleared = clock.setTimeout(() => fired.push('cleared'), 60_000)
    clock.setTimeout(() => fired.push('a day'), 86_400_000)
    clock.clearTimeout(cleared)
    await clock.jumpTo(Date.UTC(2026, 11, 7, 16))
    expect(fired).toEqual(['one hour', 'two hours'])
  })

  test('a wait longer than the runtime allows does not fire early', async () => {
    const clock = new JumpingClock(Date.UTC(2026, 11, 7, 13))
    let fired = false
    clock.setTimeout(() => {
      fired = true
    }, 1e12)
    // the runtime fires an over-long timeout after 1 ms: wait a little longer than that
    await Bun.sleep(20)
    expect(fired).toBe(false)
  })

  test('never jumps back', () => {
    const clock = new JumpingClock(Date.UTC(2026, 11, 7, 13))
    expect(clock.jumpTo(Date.UTC(2026, 11, 7, 12))).rejects.toThrow('only jumps forward')
  })
})
