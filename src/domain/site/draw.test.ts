import { describe, expect, test } from 'bun:test'
import { type DrawReading, estimateDraw, type LimitChange } from './draw'

const FOLLOW = 5000
const now = 100_000
const reading = (a: [number, number, number], at: number): DrawReading => ({ currentA: a, at })
/** A change to `limitA` at `at`, from `fromA` in force since long before (undefined: the first limit). */
const change = (limitA: number, fromA: number | undefined, at: number): LimitChange => ({
  limitA,
  at,
  from: fromA === undefined ? undefined : { limitA: fromA, at: at - 60_000 },
})

describe('what a session draws now', () => {
  const cases: {
    name: string
    reading: DrawReading | null
    change?: LimitChange
    limitA?: number
    phases?: number
    expected: [number, number, number]
    stale: boolean
  }[] = [
    {
      name: 'a reading with no limit change since is the truth',
      reading: reading([15.9, 16, 16.1], now - 30_000),
      expected: [15.9, 16, 16.1],
      stale: false,
    },
    {
      name: 'a reading taken after the limit took effect is the truth, even above the limit',
      reading: reading([20, 20, 20], now - 1000),
      change: change(16, 32, now - 10_000),
      expected: [20, 20, 20],
      stale: false,
    },
    {
      name: 'cut to 0 A: nothing flows once the cut took effect, whatever the last reading said',
      reading: reading([32, 32, 32], now - 8000),
      change: change(0, 32, now - 7000),
      expected: [0, 0, 0],
      stale: true,
    },
    {
      name: 'a limit under 6 A pauses charging (IEC 61851)',
      reading: reading([16, 16, 16], now - 60_000),
      change: change(5, 16, now - 10_000),
      expected: [0, 0, 0],
      stale: true,
    },
    {
      name: 'cut from 32 to 10 A: the phases it drew on draw 10 A',
      reading: reading([31.8, 31.9, 0], now - 20_000),
      change: change(10, 32, now - 10_000),
      expected: [10, 10, 0],
      stale: true,
    },
    {
      name: 'raised from 10 to 16 A: a car that followed 10 A follows 16 A',
      reading: reading([9.9, 0, 0], now - 20_000),
      change: change(16, 10, now - 10_000),
      expected: [16, 0, 0],
      stale: true,
    },
    {
      name: 'raised from 32 to 40 A: a car drawing 16 A of 32 limits itself and stays at 16 A',
      reading: reading([16, 16, 16], now - 20_000),
      change: change(40, 32, now - 10_000),
      expected: [16, 16, 16],
      stale: true,
    },
    {
      name: 'a reading from before the old limit took effect says nothing of the car: the new limit',
      reading: reading([0, 0, 0], now - 20_000),
      change: { limitA: 26, at: now - 10_000, from: { limitA: 32, at: now - 19_000 } },
      phases: 1,
      expected: [26, 0, 0],
      stale: true,
    },
    {
      name: 'while a cut is being applied, what flowed before it',
      reading: reading([32, 32, 32], now - 20_000),
      change: change(10, 32, now - 2000),
      expected: [32, 32, 32],
      stale: true,
    },
    {
      name: 'while a raise is being applied, what flowed before it',
      reading: reading([10, 10, 10], now - 20_000),
      change: change(16, 10, now - 2000),
      expected: [10, 10, 10],
      stale: true,
    },
    {
      name: 'a limit replaced before it took effect never flowed: before the second, the first was not yet in force',
      reading: reading([0, 0, 0], now - 9000),
      change: { limitA: 12.9, at: now - 2000, from: { limitA: 16, at: now - 4000 } },
      expected: [0, 0, 0],
      stale: true,
    },
    {
      name: 'a first limit, no reading drawing yet: the limit on the planned phases',
      reading: reading([0, 0, 0], now - 20_000),
      change: change(16, undefined, now - 10_000),
      phases: 1,
      expected: [16, 0, 0],
      stale: true,
    },
    {
      name: 'never read and nothing sent: the planned limit on the planned phases',
      reading: null,
      limitA: 12,
      phases: 3,
      expected: [12, 12, 12],
      stale: true,
    },
  ]
  for (const c of cases) {
    test(c.name, () => {
      const d = estimateDraw({
        reading: c.reading,
        change: c.change,
        limitA: c.limitA ?? c.change?.limitA ?? 0,
        phases: c.phases ?? 3,
        now,
        followMs: FOLLOW,
      })
      expect(d).toEqual({ currentA: c.expected, stale: c.stale })
    })
  }
})
