import { describe, expect, test } from 'bun:test'
import { FakeClock } from './fake-clock'
import { freshWithin } from './fresh-within'

function counter(clock: FakeClock) {
  let loads = 0
  let fail = false
  const load = async () => {
    loads++
    await Promise.resolve()
    if (fail) throw new Error('down')
    return loads
  }
  return {
    get: freshWithin(load, 1000, () => clock.now()),
    loads: () => loads,
    failNext: (f: boolean) => {
      fail = f
    },
  }
}

describe('freshWithin', () => {
  test('callers at the same time share one load', async () => {
    const c = counter(new FakeClock())
    expect(await Promise.all([c.get(), c.get(), c.get()])).toEqual([1, 1, 1])
    expect(c.loads()).toBe(1)
  })

  test('a result is reused inside the window and reloaded after it', async () => {
    const clock = new FakeClock()
    const c = counter(clock)
    expect(await c.get()).toBe(1)
    await clock.advance(999)
    expect(await c.get()).toBe(1)
    await clock.advance(1)
    expect(await c.get()).toBe(2)
  })

  test('a load still running is shared even past the window', async () => {
    const clock = new FakeClock()
    let release = () => {}
    let loads = 0
    const get = freshWithin(
      () => {
        loads++
        return new Promise<number>((resolve) => {
          release = () => resolve(loads)
        })
      },
      1000,
      () => clock.now(),
    )
    const first = get()
    await clock.advance(5000)
    const second = get()
    release()
    expect(await Promise.all([first, second])).toEqual([1, 1])
    expect(loads).toBe(1)
  })

  test('a failed load is not kept: the next caller loads again', async () => {
    const c = counter(new FakeClock())
    c.failNext(true)
    await expect(c.get()).rejects.toThrow('down')
    c.failNext(false)
    expect(await c.get()).toBe(2)
  })
})
