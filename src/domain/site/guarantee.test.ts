import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { type GuaranteeInput, guaranteeOf } from './guarantee'

const base: GuaranteeInput = {
  marginA: 2,
  meter: 'http',
  buildingMaxA: null,
  meterIntervalS: 5,
  longestGapS: 6,
  worstStepA: 9.2,
  staleAfterS: 15,
  loopS: 0.1,
  chargerLatencyS: 2,
  evResponseS: 5,
}

describe('guaranteeOf', () => {
  test('a metered site: the margin absorbs steps up to it; a larger one lasts at most gap + loop + charger + EV', () => {
    const g = guaranteeOf(base)
    expect(g.excessLastsS).toBe(13.1)
    expect(g.recommendedMarginA).toBe(10)
    expect(g.text).toContain('No allocation puts any fuse over its rating minus the 2 A margin')
    expect(g.text).toContain('by at most X − 2 A for at most 13.1 s')
    expect(g.text).toContain('6 s to the next reading')
  })

  test('a meter that goes quiet counts no longer than the stale limit: then the worst case is assumed', () => {
    expect(guaranteeOf({ ...base, longestGapS: 600 }).excessLastsS).toBe(22.1)
  })

  test('before any reading there is nothing to size a margin from', () => {
    const g = guaranteeOf({ ...base, meterIntervalS: null, longestGapS: null, worstStepA: 0 })
    expect(g.recommendedMarginA).toBeNull()
    expect(g.excessLastsS).toBe(22.1)
  })

  test('no meter: the building is reserved at its maximum, and that is the guarantee', () => {
    const g = guaranteeOf({ ...base, meter: 'none', buildingMaxA: 25 })
    expect(g.excessLastsS).toBeNull()
    expect(g.text).toContain('reserved at 25 A')
  })

  test('any site: the bound never exceeds stale limit + loop + charger + EV; the margin advised covers the worst step', () => {
    fc.assert(
      fc.property(
        fc.record({
          marginA: fc.integer({ min: 0, max: 20 }),
          longestGapS: fc.option(fc.double({ min: 0.1, max: 3600, noNaN: true }), { nil: null }),
          worstStepA: fc.double({ min: 0, max: 100, noNaN: true }),
          staleAfterS: fc.integer({ min: 1, max: 60 }),
          chargerLatencyS: fc.double({ min: 0, max: 30, noNaN: true }),
        }),
        (r) => {
          const g = guaranteeOf({ ...base, ...r, meterIntervalS: r.longestGapS })
          expect(g.excessLastsS!).toBeLessThanOrEqual(r.staleAfterS + 0.1 + r.chargerLatencyS + 5 + 0.05)
          if (g.recommendedMarginA !== null)
            expect(g.recommendedMarginA).toBeGreaterThanOrEqual(r.worstStepA - 1e-9)
        },
      ),
    )
  })
})
