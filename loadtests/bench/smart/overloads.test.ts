import { describe, expect, test } from 'bun:test'
import { classify, type FuseObservation, OverloadLedger } from './overloads'

const fuse = (currentA: [number, number, number], over: Partial<FuseObservation> = {}): FuseObservation => ({
  id: 'main',
  ratingA: 100,
  currentA,
  buildingRiseA: [0, 0, 0],
  lagA: [0, 0, 0],
  ...over,
})

describe('overload attribution', () => {
  test('an excess the building rose by since the last reading is the building step', () => {
    expect(classify(5, 6, 0)).toBe('building')
  })

  test('an excess covered only with cars still coming down to a lowered limit is EV lag', () => {
    expect(classify(5, 2, 3)).toBe('evLag')
    expect(classify(5, 0, 5)).toBe('evLag')
  })

  test('an excess neither explains is the allocation', () => {
    expect(classify(5, 2, 2)).toBe('allocation')
    expect(classify(5, -3, 0)).toBe('allocation')
  })

  test('a second counts once, as the worst class of its overloads, with each class its worst excess', () => {
    const ledger = new OverloadLedger()
    ledger.observe([
      fuse([104, 90, 90], { buildingRiseA: [10, 0, 0] }),
      { ...fuse([0, 52, 0]), id: 'row', ratingA: 50 },
    ])
    ledger.observe([fuse([100, 100, 100])])
    ledger.observe([fuse([103, 0, 0], { lagA: [3, 0, 0] })])
    const s = ledger.summary()
    expect(s.seconds).toBe(2)
    expect(s.byClass.allocation).toEqual({ seconds: 1, worstA: 2 })
    expect(s.byClass.building).toEqual({ seconds: 0, worstA: 4 })
    expect(s.byClass.evLag).toEqual({ seconds: 1, worstA: 3 })
    expect(s.worstA).toBe(4)
    expect(s.worstPct).toBe(4)
  })
})
