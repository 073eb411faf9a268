import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { type ConstraintRow, compileConstraints, isFeasible, rowMagnitudes } from './constraint-set'
import { planMandatory } from './horizon-plan'
import { OBJECTIVES } from './objective'
import { type ScheduleInput, scheduleCurrents } from './scheduler'

const PERIOD = 300
const deg = (d: number) => (d * Math.PI) / 180
const at = (index: number, angle: number, scale = 1) => ({
  index,
  re: scale * Math.cos(deg(angle)),
  im: scale * Math.sin(deg(angle)),
})

/** A small delta-wye transformer: sessions 0–2 on AB (+30°), 3 on BC (−90°), 4 on CA (+150°). */
function transformer(limitA: number): ConstraintRow[] {
  const lines = [30, 30, 30, -90, 150]
  const row = (id: string, weights: Record<number, number>): ConstraintRow => ({
    id,
    limitA,
    terms: lines.flatMap((angle, j) => (weights[angle] ? [at(j, angle, weights[angle])] : [])),
  })
  return [
    row('AB-CA', { 30: 1, 150: -1 }),
    row('BC-AB', { [-90]: 1, 30: -1 }),
    row('CA-BC', { 150: 1, [-90]: -1 }),
  ]
}

function input(n: number, rows: ConstraintRow[], over: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    constraints: compileConstraints(n, rows),
    minA: new Float64Array(n),
    maxA: new Float64Array(n).fill(32),
    evMaxA: new Float64Array(n).fill(32),
    remainingAs: new Float64Array(n).fill(32 * 3600 * 4),
    timeLeftS: new Float64Array(n).fill(8 * 3600),
    ...over,
  }
}

const total = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a + b, 0)

describe('scheduleCurrents on phasor rows', () => {
  test('never lets a winding magnitude exceed its limit', () => {
    const inp = input(5, transformer(40))
    const { currentsA } = scheduleCurrents(inp, { periodS: PERIOD })
    expect(isFeasible(inp.constraints, currentsA, 1e-9)).toBe(true)
    expect(Math.max(...rowMagnitudes(inp.constraints, currentsA))).toBeCloseTo(40, 5)
  })

  test('trading current between line pairs delivers more than filling alone', () => {
    const inp = input(5, transformer(40))
    const traded = total(scheduleCurrents(inp, { periodS: PERIOD }).currentsA)
    const noTrade = { steps: [], maxPasses: 0, maxTrials: 0 }
    const filled = total(scheduleCurrents(inp, { periodS: PERIOD, exchange: noTrade }).currentsA)
    expect(traded).toBeGreaterThan(filled + 1)
  })

  test('the same input always gives the same currents', () => {
    const inp = input(5, transformer(40), { timeLeftS: Float64Array.from([3, 5, 5, 2, 9], (h) => h * 3600) })
    const a = scheduleCurrents(inp, { periodS: PERIOD }).currentsA
    const b = scheduleCurrents(inp, { periodS: PERIOD }).currentsA
    expect(Array.from(a)).toEqual(Array.from(b))
  })

  test('random phasor networks, any objective, tiers and floors: feasible, 0 or at least the minimum, never above the maximum', () => {
    const arbRow = fc.record({
      limitA: fc.integer({ min: 1, max: 120 }),
      terms: fc.array(
        fc.record({
          index: fc.nat(7),
          angle: fc.integer({ min: -180, max: 180 }),
          scale: fc.double({ min: -1, max: 1, noNaN: true }),
        }),
        { minLength: 1, maxLength: 8 },
      ),
    })
    const arbSession = fc.record({
      min: fc.constantFrom(0, 6),
      max: fc.integer({ min: 0, max: 32 }),
      hours: fc.integer({ min: 0, max: 24 }),
      kwh: fc.integer({ min: 0, max: 40 }),
      tier: fc.integer({ min: 1, max: 9 }),
      held: fc.integer({ min: 0, max: 32 }),
      onTime: fc.boolean(),
    })
    fc.assert(
      fc.property(
        fc.array(arbRow, { minLength: 1, maxLength: 6 }),
        fc.array(arbSession, { minLength: 8, maxLength: 8 }),
        fc.constantFrom(...OBJECTIVES),
        (rawRows, sessions, objective) => {
          const rows = rawRows.map((r, i) => ({
            id: `r${i}`,
            limitA: r.limitA,
            terms: r.terms.map((t) => at(t.index, t.angle, t.scale)),
          }))
          const inp = input(8, rows, {
            minA: Float64Array.from(sessions, (s) => s.min),
            maxA: Float64Array.from(sessions, (s) => s.max),
            remainingAs: Float64Array.from(sessions, (s) => (s.kwh * 3.6e6) / 230),
            timeLeftS: Float64Array.from(sessions, (s) => s.hours * 3600),
            priorityTier: Uint8Array.from(sessions, (s) => s.tier),
            heldA: Float64Array.from(sessions, (s) => s.held),
            onTimeA: Float64Array.from(sessions, (s) => (s.onTime ? 6 : 0)),
          })
          const { currentsA } = scheduleCurrents(inp, { periodS: PERIOD, objective })
          expect(isFeasible(inp.constraints, currentsA, 1e-9)).toBe(true)
          currentsA.forEach((a, j) => {
            expect(a === 0 || a >= inp.minA[j]! - 1e-9).toBe(true)
            expect(a).toBeLessThanOrEqual(inp.maxA[j]! + 1e-9)
          })
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('planMandatory', () => {
  const oneFuse = (limitA: number, n: number): ConstraintRow[] => [
    { id: 'fuse', limitA, terms: Array.from({ length: n }, (_, index) => ({ index, re: 1 })) },
  ]

  test('energy that fits later is not needed now', () => {
    const set = compileConstraints(1, oneFuse(32, 1))
    const plan = { set, vars: [0], evMaxA: [16], remainingAs: [16 * 3600], timeLeftS: [4 * 3600] }
    expect(planMandatory(plan, PERIOD)[0]).toBe(0)
  })

  test('energy that needs every remaining minute at full rate is needed now', () => {
    const set = compileConstraints(1, oneFuse(32, 1))
    const plan = { set, vars: [0], evMaxA: [16], remainingAs: [16 * 3600], timeLeftS: [3600] }
    expect(planMandatory(plan, PERIOD)[0]).toBeCloseTo(16, 4)
  })

  test('a shared fuse later makes a need appear now', () => {
    const set = compileConstraints(2, oneFuse(16, 2))
    const plan = {
      set,
      vars: [0, 1],
      evMaxA: [16, 16],
      remainingAs: [8 * 3600, 8 * 3600],
      timeLeftS: [3600, 3600],
    }
    const need = planMandatory(plan, PERIOD)
    expect(need[0]! + need[1]!).toBeCloseTo((16 * 3600 - 16 * 3300) / PERIOD, 4)
  })

  test('shared by rate, a bucket too small for both is split in proportion to what each needs', () => {
    const set = compileConstraints(2, oneFuse(16, 2))
    const plan = {
      set,
      vars: [0, 1],
      evMaxA: [12, 32],
      remainingAs: [20 * 3600, 40 * 3600],
      timeLeftS: [3 * 3600, 3 * 3600],
    }
    const byRate = planMandatory({ ...plan, shareBy: 'rate' }, PERIOD)
    expect(byRate[1]! / byRate[0]!).toBeCloseTo(2, 6)
    const byHours = planMandatory(plan, PERIOD)
    expect(byHours[1]! / byHours[0]!).toBeGreaterThan(10)
  })
})
