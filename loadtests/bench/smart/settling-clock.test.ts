import { expect, test } from 'bun:test'
import { SettlingClock } from './settling-clock'

test('timers fire in due order, same-time ones in the order set, cleared ones never', async () => {
  const clock = new SettlingClock(1000)
  const fired: string[] = []
  clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200)
  clock.setTimeout(() => fired.push(`a@${clock.now()}`), 100)
  clock.setTimeout(() => fired.push(`a2@${clock.now()}`), 100)
  const cleared = clock.setTimeout(() => fired.push('never'), 150)
  clock.clearTimeout(cleared)
  await clock.runUntil(1150)
  expect(fired).toEqual(['a@1100', 'a2@1100'])
  expect(clock.now()).toBe(1150)
  await clock.runUntil(2000)
  expect(fired).toEqual(['a@1100', 'a2@1100', 'b@1200'])
})

test('async work started by a timer finishes before the next timer fires', async () => {
  const clock = new SettlingClock(0)
  const log: string[] = []
  const chain = async () => {
    for (let i = 0; i < 100; i++) await Promise.resolve()
    log.push('work done')
  }
  clock.setTimeout(() => void chain(), 10)
  clock.setTimeout(() => log.push('next timer'), 10)
  await clock.runUntil(10)
  expect(log).toEqual(['work done', 'next timer'])
})
