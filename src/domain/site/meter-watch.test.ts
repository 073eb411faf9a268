import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { METER_WINDOW_MS, type MeterHour, MeterWatch, roundGap } from './meter-watch'

const T = Date.UTC(2026, 5, 1, 16)
const reading = (at: number, l1: number, l2 = 0, l3 = 0) => ({
  currentA: [l1, l2, l3] as const,
  measuredAt: at,
})

describe('MeterWatch', () => {
  test('a steady 5 s meter: interval 5 s, and the largest rise per phase between two readings', () => {
    const watch = new MeterWatch()
    const load = [10, 10, 22, 22, 14, 30, 30]
    load.forEach((a, i) => {
      watch.observe(reading(T + i * 5000, a, 5, 5 + i))
    })
    expect(watch.summary(T + 30_000)).toEqual({ intervalS: 5, longestGapS: 5, worstStepA: [16, 0, 1] })
  })

  test('a drop is no step: only rises can take the fuse over', () => {
    const watch = new MeterWatch()
    watch.observe(reading(T, 40))
    watch.observe(reading(T + 5000, 5))
    expect(watch.summary(T + 5000).worstStepA).toEqual([0, 0, 0])
  })

  test('a repeated or out-of-order reading is ignored', () => {
    const watch = new MeterWatch()
    watch.observe(reading(T, 10))
    watch.observe(reading(T + 10_000, 12))
    watch.observe(reading(T + 5000, 40))
    watch.observe(reading(T + 10_000, 40))
    expect(watch.summary(T + 10_000)).toEqual({ intervalS: 10, longestGapS: 10, worstStepA: [2, 0, 0] })
  })

  test('the usual interval is the median minute, the longest gap is kept apart', () => {
    const watch = new MeterWatch()
    let at = T
    for (let m = 0; m < 10; m++) {
      watch.observe(reading(at, 10))
      at += m === 4 ? 45_000 : 15_000
      watch.observe(reading(at, 10))
      at += 45_000
    }
    const s = watch.summary(at)
    expect(s.intervalS).toBe(45)
    expect(watch.minuteRecord(Math.floor((T + 4 * 60_000 + 50_000) / 60_000))?.gapS).toBe(45)
  })

  test('a step older than a week no longer counts', () => {
    const watch = new MeterWatch()
    watch.observe(reading(T, 10))
    watch.observe(reading(T + 5000, 40))
    watch.observe(reading(T + 70_000, 40))
    watch.observe(reading(T + 75_000, 42))
    expect(watch.summary(T + 80_000).worstStepA[0]).toBe(30)
    expect(watch.summary(T + METER_WINDOW_MS + 2 * 3_600_000).worstStepA[0]).toBe(2)
  })

  test('a restart restores the week from the hours it wrote', () => {
    const hours: MeterHour[] = [
      { hour: Math.floor(T / 3_600_000) - 30, stepA: [18, 4, 0], gaps: new Map([[5, 50]]) },
      { hour: Math.floor(T / 3_600_000) - 2, stepA: [3, 9, 0], gaps: new Map([[6, 10]]) },
    ]
    const watch = new MeterWatch()
    watch.restore(hours)
    expect(watch.summary(T)).toEqual({ intervalS: 5, longestGapS: 6, worstStepA: [18, 9, 0] })
  })

  test('any readings: the worst step is the largest rise of some pair of consecutive readings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: 1, max: 90_000 }), a: fc.integer({ min: 0, max: 80 }) }), {
          minLength: 2,
          maxLength: 60,
        }),
        (steps) => {
          const watch = new MeterWatch()
          let at = T
          const values: number[] = []
          for (const s of steps) {
            at += s.dt
            values.push(s.a)
            watch.observe(reading(at, s.a))
          }
          const rises = values.slice(1).map((v, i) => Math.max(0, v - values[i]!))
          const summary = watch.summary(at)
          expect(summary.worstStepA[0]).toBe(Math.max(...rises))
          expect(summary.longestGapS).toBe(Math.max(...steps.slice(1).map((s) => roundGap(s.dt / 1000))))
        },
      ),
      { numRuns: 200 },
    )
  })
})
