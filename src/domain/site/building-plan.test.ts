import { describe, expect, test } from 'bun:test'
import type { PerPhase } from '@src/domain/power'
import fc from 'fast-check'
import { BUILDING_BAND_A, BUILDING_WINDOW_MS, type BuildingPlan, nextBuildingPlan } from './building-plan'

const T = 1_700_000_000_000

function play(readings: readonly PerPhase[], everyMs = 5000, maxA?: PerPhase): BuildingPlan[] {
  const plans: BuildingPlan[] = []
  let plan: BuildingPlan | undefined
  readings.forEach((r, i) => {
    plan = nextBuildingPlan(plan, r, T + i * everyMs, maxA)
    plans.push(plan)
  })
  return plans
}

describe('nextBuildingPlan', () => {
  test('the first reading is planned with the band on top', () => {
    const [plan] = play([[40, 30, 20]])
    expect(plan!.plannedA).toEqual([40 + BUILDING_BAND_A, 30 + BUILDING_BAND_A, 20 + BUILDING_BAND_A])
    expect(plan!.measuredAt).toBe(T)
  })

  test('a building wandering within the band keeps the plan (no cut, no raise)', () => {
    const plans = play([
      [40, 40, 40],
      [41, 39, 41.5],
      [39, 40.5, 40],
      [41.9, 41, 39],
    ])
    for (const p of plans) expect(p.plannedA).toEqual([42, 42, 42])
  })

  test('a rise above the plan is planned at the new reading plus the band at once', () => {
    const plans = play([
      [40, 40, 40],
      [55, 40, 40],
    ])
    expect(plans[1]!.plannedA).toEqual([55 + BUILDING_BAND_A, 42, 42])
  })

  test('after a fall the plan comes down once the window holds only the lower readings', () => {
    const steps = BUILDING_WINDOW_MS / 5000
    const readings: PerPhase[] = [
      [60, 60, 60],
      ...Array.from({ length: steps + 1 }, (): PerPhase => [30, 30, 30]),
    ]
    const plans = play(readings)
    expect(plans[1]!.plannedA[0]).toBe(62)
    expect(plans[steps - 1]!.plannedA[0]).toBe(62)
    expect(plans.at(-1)!.plannedA).toEqual([32, 32, 32])
  })

  test('a configured building maximum caps the band, never the reading', () => {
    const [capped] = play([[99, 50, 101]], 5000, [100, 100, 100])
    expect(capped!.plannedA).toEqual([100, 52, 101])
  })

  test('a reading older than the latest is ignored', () => {
    const first = nextBuildingPlan(undefined, [40, 40, 40], T)
    expect(nextBuildingPlan(first, [90, 90, 90], T - 1000)).toBe(first)
  })

  test('the plan is never below the latest reading and keeps only the window', () => {
    const reading = fc.tuple(
      fc.double({ min: 0, max: 200, noNaN: true }),
      fc.double({ min: 0, max: 200, noNaN: true }),
      fc.double({ min: 0, max: 200, noNaN: true }),
    )
    fc.assert(
      fc.property(fc.array(reading, { minLength: 1, maxLength: 60 }), (rs) => {
        const plans = play(rs as PerPhase[], 3000)
        plans.forEach((p, i) => {
          for (let ph = 0; ph < 3; ph++) expect(p.plannedA[ph]!).toBeGreaterThanOrEqual(rs[i]![ph]!)
          for (const r of p.recent) expect(r.at).toBeGreaterThan(p.measuredAt - BUILDING_WINDOW_MS)
        })
      }),
    )
  })
})
