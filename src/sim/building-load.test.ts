import { describe, expect, test } from 'bun:test'
import { buildingLoadA, HOUSING_COOP_PROFILE, OFFICE_PROFILE } from './building-load'

/** 2026-01-15 at a local (CET, UTC+1) hour. */
const local = (hour: number) => Date.parse('2026-01-15T00:00:00Z') + (hour - 1) * 3_600_000
const total = (a: readonly number[]) => a.reduce((s, x) => s + x, 0)

describe('building base load', () => {
  test('night is the base load, per phase', () => {
    const [l1, l2, l3] = buildingLoadA(local(3), HOUSING_COOP_PROFILE)
    expect(l1).toBeCloseTo(12, 0)
    expect(l2).toBeCloseTo(10, 0)
    expect(l3).toBeCloseTo(11, 0)
  })

  test('a housing co-op peaks in the morning and more in the evening', () => {
    const night = total(buildingLoadA(local(3), HOUSING_COOP_PROFILE))
    const morning = total(buildingLoadA(local(7.5), HOUSING_COOP_PROFILE))
    const midday = total(buildingLoadA(local(13), HOUSING_COOP_PROFILE))
    const evening = total(buildingLoadA(local(18.5), HOUSING_COOP_PROFILE))
    expect(morning).toBeGreaterThan(midday)
    expect(evening).toBeGreaterThan(morning)
    expect(midday).toBeGreaterThan(night)
  })

  test('an office is busiest at midday', () => {
    const noon = total(buildingLoadA(local(12), OFFICE_PROFILE))
    expect(noon).toBeGreaterThan(total(buildingLoadA(local(18.5), OFFICE_PROFILE)))
    expect(noon).toBeGreaterThan(total(buildingLoadA(local(2), OFFICE_PROFILE)))
  })

  test('the same time of day gives the same load on any day, and the curve has no jumps', () => {
    expect(buildingLoadA(local(18), HOUSING_COOP_PROFILE)).toEqual(
      buildingLoadA(local(18 + 24 * 40), HOUSING_COOP_PROFILE),
    )
    for (let minute = 0; minute < 24 * 60; minute += 5) {
      const a = buildingLoadA(local(minute / 60), HOUSING_COOP_PROFILE)
      const b = buildingLoadA(local((minute + 5) / 60), HOUSING_COOP_PROFILE)
      for (let p = 0; p < 3; p++) expect(Math.abs((a[p] ?? 0) - (b[p] ?? 0))).toBeLessThan(3)
    }
  })
})
