import { describe, expect, test } from 'bun:test'
import { FakeClock } from './fake-clock'
import { createLogger } from './log'
import { RateLimitedLog } from './rate-limited-log'

function setup(opts: { maxPerInterval?: number; maxKeys?: number } = {}) {
  const clock = new FakeClock()
  const lines: Record<string, unknown>[] = []
  const log = createLogger({ level: 'info', sink: (_, line) => lines.push(JSON.parse(line)) })
  return { clock, lines, limited: new RateLimitedLog({ log, clock, intervalMs: 10_000, ...opts }) }
}

describe('rate-limited log lines', () => {
  test('a key logs at once, then once per interval, saying how many lines it held back', async () => {
    const { clock, lines, limited } = setup()
    for (let i = 0; i < 50; i++) limited.info('a', 'refused', { n: i })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'refused', n: 0 })
    expect(lines[0]).not.toHaveProperty('suppressed')
    await clock.advance(10_000)
    limited.info('a', 'refused', { n: 50 })
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatchObject({ n: 50, suppressed: 49 })
  })

  test('different keys do not hold each other back', () => {
    const { lines, limited } = setup()
    limited.info('a', 'refused')
    limited.info('b', 'refused')
    limited.info('a', 'refused')
    expect(lines).toHaveLength(2)
  })

  test('a flood over many keys stops at the cap, and the next line says how many were held back', async () => {
    const { clock, lines, limited } = setup({ maxPerInterval: 5 })
    for (let i = 0; i < 1000; i++) limited.info(`key-${i}`, 'refused')
    expect(lines).toHaveLength(5)
    await clock.advance(10_000)
    limited.info('late', 'refused')
    expect(lines.at(-1)).toMatchObject({ suppressedOther: 995 })
  })

  test('memory is bounded: the key that logged longest ago is forgotten first', () => {
    const { lines, limited } = setup({ maxKeys: 2, maxPerInterval: 100 })
    for (const key of ['a', 'b', 'c', 'a']) limited.info(key, 'refused')
    expect(lines).toHaveLength(4)
    limited.info('c', 'refused')
    expect(lines).toHaveLength(4)
  })

  test('nothing is counted when info is off', () => {
    const clock = new FakeClock()
    const lines: string[] = []
    const log = createLogger({ level: 'warn', sink: (_, line) => lines.push(line) })
    new RateLimitedLog({ log, clock }).info('a', 'refused')
    expect(lines).toEqual([])
  })
})
