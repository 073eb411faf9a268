import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { jittered, phaseOf } from './jitter'
import { refreshDueAt, SETPOINT_REFRESH_MS, SETPOINT_TTL_S } from './setpoint-profiles'

describe('phaseOf', () => {
  test('is stable per key and within [0, 1)', () => {
    fc.assert(
      fc.property(fc.string(), (key) => {
        const p = phaseOf(key)
        expect(p).toBeGreaterThanOrEqual(0)
        expect(p).toBeLessThan(1)
        expect(phaseOf(key)).toBe(p)
      }),
    )
  })

  test('spreads similar keys evenly', () => {
    const tenths = new Array<number>(10).fill(0)
    for (let i = 0; i < 10_000; i++) tenths[Math.floor(phaseOf(`SC-${i}#1`) * 10)]!++
    for (const n of tenths) expect(n).toBeGreaterThan(800)
  })
})

describe('jittered', () => {
  test('stays within half a period either side', () => {
    expect(jittered(60_000, () => 0)).toBe(30_000)
    expect(jittered(60_000, () => 0.5)).toBe(60_000)
    expect(jittered(60_000, () => 0.999_999)).toBeLessThan(90_000)
  })
})

describe('refreshDueAt', () => {
  test('renews every setpoint after the refresh age and well before its TTL', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 2 ** 45 }), (key, sentAt) => {
        const age = refreshDueAt(key, sentAt) - sentAt
        expect(age).toBeGreaterThanOrEqual(SETPOINT_REFRESH_MS)
        expect(age).toBeLessThanOrEqual(SETPOINT_TTL_S * 1000 - 120_000)
      }),
    )
  })
})
