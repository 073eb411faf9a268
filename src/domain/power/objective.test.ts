import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { allocate } from './allocate'
import { compileConstraints } from './constraint-set'
import { OBJECTIVES, type Objective } from './objective'
import { scheduleCurrents } from './scheduler'
import type { SiteSnapshot } from './site'
import { connector, limits, NOW, session, site } from './test-fixtures'
import { type ReplayResult, replay } from './test-replay'

const STEP_S = 300
const run = (snapshot: SiteSnapshot, objective: Objective, settings = {}) =>
  replay(snapshot, NOW, { stepS: STEP_S, objective, settings })
const each = (snapshot: SiteSnapshot, settings = {}) =>
  Object.fromEntries(OBJECTIVES.map((o) => [o, run(snapshot, o, settings)])) as Record<
    Objective,
    ReplayResult
  >
const lowest = (r: ReplayResult) => Math.min(...Object.values(r.fraction))
const highest = (r: ReplayResult) => Math.max(...Object.values(r.fraction))

/** Four 150 kWh buses on 32 A chargers, all leaving in 10 h, behind 70 A: capacity for about three. */
const depot = site(
  70,
  ['a', 'b', 'c', 'd'].map((id) => connector(id, 32)),
  ['a', 'b', 'c', 'd'].map((id) => session(`bus-${id}`, id, 150, 10)),
)

describe('objective: the four-bus depot (same deadline, capacity for about three)', () => {
  const result = each(depot)

  test('vehicles: three buses leave with at least 90 %, the fourth gets what is left', () => {
    expect(result.vehicles.finished(0.9)).toBe(3)
    expect(result.vehicles.fraction['bus-d']).toBeLessThan(0.9)
  })

  test('among equal buses the later session gives way', () => {
    expect(Object.entries(result.vehicles.fraction).filter(([, f]) => f < 0.9)).toEqual([
      ['bus-d', result.vehicles.fraction['bus-d']!],
    ])
  })

  test('fair and energy: all four end at the same fraction, none at 90 %', () => {
    for (const o of ['fair', 'energy'] as const) {
      expect(result[o].finished(0.9)).toBe(0)
      expect(highest(result[o]) - lowest(result[o])).toBeLessThan(0.01)
    }
  })

  test('fair and energy deliver the same kWh; vehicles pays under 5 % (the last bus alone cannot use the whole fuse)', () => {
    expect(result.fair.totalWh).toBeCloseTo(result.energy.totalWh, 0)
    expect(result.vehicles.totalWh).toBeGreaterThan(0.95 * result.energy.totalWh)
  })
})

describe('objective: unequal needs, one deadline', () => {
  const three = site(
    40,
    ['a', 'b', 'c'].map((id) => connector(id, 32)),
    [session('big', 'a', 150, 8.5), session('mid', 'b', 100, 8.5), session('small', 'c', 50, 8.5)],
  )
  const result = each(three)

  test('vehicles finishes the two smaller needs', () => {
    expect(result.vehicles.fraction.small).toBeGreaterThan(0.99)
    expect(result.vehicles.fraction.mid).toBeGreaterThan(0.99)
  })

  test('fair gives each the same fraction of its need', () => {
    expect(highest(result.fair) - lowest(result.fair)).toBeLessThan(0.02)
  })

  test('energy serves the least laxity first: the largest need gets the most', () => {
    expect(result.energy.fraction.big).toBeGreaterThan(result.energy.fraction.small! + 0.2)
  })
})

describe('objective: while every need fits, the objectives agree', () => {
  test('the same limits under each objective', () => {
    const roomy = site(
      63,
      ['a', 'b', 'c'].map((id) => connector(id, 16)),
      [session('x', 'a', 10, 8), session('y', 'b', 20, 6), session('z', 'c', 5, 2)],
    )
    const got = OBJECTIVES.map((objective) => limits(allocate({ ...roomy, settings: { objective } }, NOW)))
    expect(got[1]).toEqual(got[0]!)
    expect(got[2]).toEqual(got[0]!)
  })
})

describe('objective: loads that must be kept', () => {
  test('a fixed session (a held or reserved load) keeps its current under every objective', () => {
    const n = 4
    const constraints = compileConstraints(n, [
      { id: 'fuse', limitA: 40, terms: Array.from({ length: n }, (_, index) => ({ index, re: 1 })) },
    ])
    const input = {
      constraints,
      minA: Float64Array.from([10, 6, 6, 6]),
      maxA: Float64Array.from([10, 32, 32, 32]),
      evMaxA: Float64Array.from([10, 32, 32, 32]),
      remainingAs: Float64Array.from([1e9, 4e5, 4e5, 4e5]),
      timeLeftS: Float64Array.from([300, 8 * 3600, 8 * 3600, 8 * 3600]),
    }
    for (const objective of OBJECTIVES) {
      expect(scheduleCurrents(input, { periodS: STEP_S, objective }).currentsA[0]).toBe(10)
    }
  })

  test('a rest below every minimum is not left idle: on 18 A, three cars charge at 6 A', () => {
    const five = site(
      18,
      [13, 12, 25, 31, 17].map((maxA, i) => connector(`c${i}`, maxA)),
      [109, 59, 140, 139, 25].map((kwh, i) => session(`s${i}`, `c${i}`, kwh, 4.5)),
    )
    for (const objective of OBJECTIVES) {
      const got = Object.values(limits(allocate({ ...five, settings: { objective } }, NOW)))
      expect(got.reduce((a, b) => a + b, 0)).toBe(18)
    }
  })
})

describe('objective: a guess never decides who gives way', () => {
  test('cars without a told need leaving first keep the capacity; the ones that told a small need wait', () => {
    const sessions = [
      session('told-late', 'b', 0.03, 2),
      { id: 'guess-soon', connectorId: 'a', departureAt: NOW + 20 * 60_000 },
      { id: 'guess-sooner', connectorId: 'c', departureAt: NOW + 10 * 60_000 },
      session('told-small', 'd', 0.008, 1.5),
    ]
    const connectors = [
      connector('a', 16),
      connector('b', 16, ['L2', 'L3', 'L1']),
      connector('c', 16, ['L2']),
      connector('d', 16, ['L2']),
    ]
    const snapshot = site(16, connectors, sessions, { settings: { objective: 'vehicles' } })
    expect(limits(allocate(snapshot, NOW))).toEqual({
      'told-late': 0,
      'guess-soon': 8,
      'guess-sooner': 8,
      'told-small': 0,
    })
  })
})

/** A random evening: cars on 3-phase chargers behind one fuse, all leaving at the same time. */
const arbEvening = fc.record({
  fuseA: fc.integer({ min: 16, max: 120 }),
  hours: fc.integer({ min: 2, max: 8 }),
  cars: fc.array(
    fc.record({ kwh: fc.integer({ min: 5, max: 150 }), maxA: fc.integer({ min: 10, max: 32 }) }),
    {
      minLength: 2,
      maxLength: 7,
    },
  ),
})

function evening(e: { fuseA: number; hours: number; cars: { kwh: number; maxA: number }[] }): SiteSnapshot {
  return site(
    e.fuseA,
    e.cars.map((c, i) => connector(`c${i}`, c.maxA)),
    e.cars.map((c, i) => session(`s${i}`, `c${i}`, c.kwh, e.hours)),
  )
}

describe('objective: what each promises, on random evenings', () => {
  const noMargin = { departureMarginS: 0 }

  test('no objective ever puts a fuse over its rating', () => {
    fc.assert(
      fc.property(arbEvening, fc.constantFrom(...OBJECTIVES), (e, objective) => {
        expect(run(evening(e), objective, noMargin).minHeadroomA).toBeGreaterThanOrEqual(-1e-9)
      }),
      { numRuns: 25 },
    )
  })

  test('vehicles never finishes more than one car fewer than fair or energy on an evening', () => {
    fc.assert(
      fc.property(arbEvening, (e) => {
        const r = each(evening(e), noMargin)
        expect(r.vehicles.finished(0.9)).toBeGreaterThanOrEqual(r.fair.finished(0.9) - 1)
        expect(r.vehicles.finished(0.9)).toBeGreaterThanOrEqual(r.energy.finished(0.9) - 1)
      }),
      { numRuns: 25 },
    )
  })

  test('over 60 evenings vehicles finishes the most cars, within 1 % of the energy', () => {
    const evenings = fc.sample(arbEvening, { seed: 42, numRuns: 60 }).map((e) => each(evening(e), noMargin))
    const total = (o: Objective, f: (r: ReplayResult) => number) =>
      evenings.reduce((sum, r) => sum + f(r[o]), 0)
    const finished = (o: Objective) => total(o, (r) => r.finished(0.9))
    expect(finished('vehicles')).toBeGreaterThan(finished('fair'))
    expect(finished('vehicles')).toBeGreaterThan(finished('energy'))
    expect(total('vehicles', (r) => r.totalWh)).toBeGreaterThan(0.99 * total('energy', (r) => r.totalWh))
  })

  test('fair leaves no car further behind than the others do, where each fair share is at least 6 A', () => {
    const sixAmpShares = arbEvening.filter((e) => {
      const needWh = e.cars.reduce((sum, c) => sum + c.kwh * 1000, 0)
      const share = Math.min(1, (e.fuseA * 3 * 230 * e.hours) / needWh)
      return e.cars.every((c) => (c.kwh * 1000 * share) / (3 * 230 * e.hours) >= 6)
    })
    fc.assert(
      fc.property(sixAmpShares, (e) => {
        const r = each(evening(e), noMargin)
        expect(lowest(r.fair)).toBeGreaterThanOrEqual(lowest(r.vehicles) - 0.02)
        expect(lowest(r.fair)).toBeGreaterThanOrEqual(lowest(r.energy) - 0.02)
      }),
      { numRuns: 25 },
    )
  })
})
