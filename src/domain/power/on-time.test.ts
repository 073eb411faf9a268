import { describe, expect, test } from 'bun:test'
import { allocate } from './allocate'
import { compileConstraints } from './constraint-set'
import { scheduleCurrents } from './scheduler'
import { DEFAULT_SETTINGS } from './site'
import { connector, limits, NOW, session, site } from './test-fixtures'

const MINUTE = 60_000
const connectors = [connector('a'), connector('b')]
const holder = session('holder', 'a', 10, 6, { heldA: 16 })
const urgent = session('urgent', 'b', 30, 1)

describe('allocate: minimum on-time', () => {
  const cases: [string, number | undefined, Record<string, number>][] = [
    ['on for 5 min: keeps its minimum against a need', NOW - 5 * MINUTE, { holder: 6, urgent: 14 }],
    [
      'on for just under the on-time: still keeps it',
      NOW - DEFAULT_SETTINGS.minOnTimeMs + 1,
      { holder: 6, urgent: 14 },
    ],
    [
      'on for the whole on-time: the need takes it',
      NOW - DEFAULT_SETTINGS.minOnTimeMs,
      { holder: 0, urgent: 16 },
    ],
    ['never on: the need takes it', undefined, { holder: 0, urgent: 16 }],
  ]
  for (const [name, onSinceAt, expected] of cases) {
    test(name, () => {
      const on = onSinceAt === undefined ? holder : { ...holder, onSinceAt }
      expect(limits(allocate(site(20, connectors, [on, urgent]), NOW))).toEqual(expected)
    })
  }

  test('a car holding less than its minimum has no on-time floor', () => {
    const low = { ...holder, heldA: 0, onSinceAt: NOW - MINUTE }
    expect(limits(allocate(site(20, connectors, [low, urgent]), NOW))).toEqual({ holder: 0, urgent: 16 })
  })

  test('a site can turn the on-time off', () => {
    const on = { ...holder, onSinceAt: NOW - MINUTE }
    const snapshot = site(20, connectors, [on, urgent], { settings: { minOnTimeMs: 0 } })
    expect(limits(allocate(snapshot, NOW))).toEqual({ holder: 0, urgent: 16 })
  })

  test('a car that must charge now beats the floor when both do not fit', () => {
    const on = { ...holder, onSinceAt: NOW - MINUTE }
    expect(limits(allocate(site(10, connectors, [on, urgent]), NOW))).toEqual({ holder: 0, urgent: 10 })
  })

  test('a car that can wait a period does not: the floor holds and it waits', () => {
    const on = { ...holder, onSinceAt: NOW - MINUTE }
    const later = session('later', 'b', 8, 2.5)
    expect(limits(allocate(site(10, connectors, [on, later]), NOW))).toEqual({ holder: 10, later: 0 })
  })

  test('two incumbents floors do not hold off a car leaving in 10 minutes (the end-to-end site)', () => {
    const wired = [
      connector('a'),
      connector('b', 16, ['L2', 'L3', 'L1']),
      connector('c', 16, ['L2']),
      connector('d', 16, ['L2']),
    ]
    const minutes = (m: number) => m / 60
    const cars = [
      session('a', 'a', 0.03, minutes(20), { heldA: 10, onSinceAt: NOW - 4000 }),
      session('b', 'b', 0.03, minutes(120), { heldA: 6, onSinceAt: NOW - 8000 }),
      session('c', 'c', 0.008, minutes(10), { evPhases: 1 }),
      session('d', 'd', 0.008, minutes(90), { evPhases: 1 }),
    ]
    const got = limits(allocate(site(16, wired, cars), NOW))
    expect(got.c).toBeGreaterThanOrEqual(6)
    expect(got.d).toBe(0)
    expect(got.a! + got.b! + got.c!).toBeLessThanOrEqual(16)
  })

  test('a higher tier beats a lower tier floor, whatever the departures', () => {
    const on = { ...holder, onSinceAt: NOW - MINUTE, priorityTier: 5 }
    const first = session('first', 'b', 10, 8, { priorityTier: 1 })
    expect(limits(allocate(site(16, connectors, [on, first]), NOW))).toEqual({ holder: 0, first: 16 })
  })

  test('the fuse takes the floor back: a floor that does not fit is not given', () => {
    const on = { ...holder, onSinceAt: NOW - MINUTE }
    expect(limits(allocate(site(5, connectors, [on, urgent]), NOW))).toEqual({ holder: 0, urgent: 0 })
  })
})

/** The currents, each within a micro-ampere (fills stop nanoamperes short of a fuse). */
function expectNear(got: ArrayLike<number>, want: number[]): void {
  expect(Array.from(got, (a) => Math.round(a * 1e6) / 1e6)).toEqual(want)
}

describe('scheduleCurrents: on-time floors', () => {
  const fuse = (limitA: number) =>
    compileConstraints(3, [{ id: 'fuse', limitA, terms: [0, 1, 2].map((index) => ({ index, re: 1 })) }])
  const input = (limitA: number, onTimeA?: number[]) => ({
    constraints: fuse(limitA),
    minA: [6, 6, 6],
    maxA: [16, 16, 16],
    evMaxA: [16, 16, 16],
    remainingAs: [16 * 3600, 16 * 3600, 16 * 3600 * 8],
    timeLeftS: [3600, 3600, 12 * 3600],
    ...(onTimeA ? { onTimeA } : {}),
  })

  test('floors are admitted before the needs of sessions ranked ahead', () => {
    expectNear(scheduleCurrents(input(32), { periodS: 300 }).currentsA, [16, 16, 0])
    const floored = scheduleCurrents(input(32, [0, 0, 6]), { periodS: 300 }).currentsA
    expect(floored[2]).toBeCloseTo(6, 6)
    expect(floored[0]! + floored[1]!).toBeCloseTo(26, 6)
  })

  test('a session that must charge now is admitted before the floors', () => {
    const mustNow = { ...input(8, [6, 0, 0]), timeLeftS: [3600, 300, 12 * 3600] }
    expectNear(scheduleCurrents(mustNow, { periodS: 300 }).currentsA, [0, 8, 0])
  })

  test('floors are admitted in priority order while they fit', () => {
    const floored = scheduleCurrents(input(8, [6, 0, 6]), { periodS: 300 }).currentsA
    expectNear(floored, [8, 0, 0])
  })
})
