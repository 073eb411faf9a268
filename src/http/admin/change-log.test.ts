import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { ChangeLog } from './change-log'

describe('ChangeLog', () => {
  test('says which keys changed after a number, each once, oldest change first', () => {
    const log = new ChangeLog(10)
    const start = log.head
    log.record('A')
    const afterA = log.head
    log.record('B')
    log.record('A')
    expect(log.since(start)).toEqual(['B', 'A'])
    expect(log.since(afterA)).toEqual(['B', 'A'])
    expect(log.since(log.head)).toEqual([])
  })

  test('a key that changes all the time does not push out a quiet key’s change', () => {
    const log = new ChangeLog(2)
    const start = log.head
    log.record('QUIET')
    for (let i = 0; i < 10_000; i++) log.record('CHATTY')
    expect(log.since(start)).toEqual(['QUIET', 'CHATTY'])
  })

  test('once more keys changed than it holds, a number from before the oldest it forgot is too old', () => {
    const log = new ChangeLog(2)
    const start = log.head
    log.record('A')
    const afterA = log.head
    log.record('B')
    log.record('C')
    expect(log.since(start)).toBeUndefined()
    expect(log.since(afterA)).toEqual(['B', 'C'])
  })

  test('a number it never reached is unknown', () => {
    const log = new ChangeLog(4)
    log.record('A')
    expect(log.since(log.head + 1)).toBeUndefined()
  })

  test('an id names its log: another log’s id, garbage or an out-of-range number is no number of this one', () => {
    const log = new ChangeLog(4)
    const other = new ChangeLog(4)
    log.record('A')
    expect(log.seqOf(log.idOf(1))).toBe(1)
    expect(log.epoch).not.toBe(other.epoch)
    for (const id of [
      other.idOf(1),
      `${log.epoch}-`,
      `${log.epoch}-x`,
      `${log.epoch}-1e3`,
      `${log.epoch}-${'9'.repeat(16)}`,
      '',
      '7',
    ])
      expect(log.seqOf(id)).toBeUndefined()
  })

  test('property: what it replays after a number is exactly what changed since, whenever it still knows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'), { maxLength: 60 }),
        fc.nat(),
        (capacity, keys, pick) => {
          const log = new ChangeLog(capacity)
          for (const key of keys) log.record(key)
          const n = pick % (keys.length + 1)
          const changed = new Set(keys.slice(n))
          const replay = log.since(n)
          if (replay !== undefined) expect(new Set(replay)).toEqual(changed)
          // It may only give up when more keys changed than it holds.
          if (new Set(keys).size <= capacity) expect(replay).toBeDefined()
          return true
        },
      ),
    )
  })
})
