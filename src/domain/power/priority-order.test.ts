import { describe, expect, test } from 'bun:test'
import { priorityOrder, tierRuns } from './priority-order'

describe('priorityOrder', () => {
  const cases: [string, number[], number[], number[] | undefined, number[]][] = [
    ['least laxity first without tiers', [1, 1, 1], [900, 300, 600], undefined, [1, 2, 0]],
    ['a session that cannot charge is left out', [1, 0, 1], [900, 300, 600], undefined, [2, 0]],
    ['the higher tier first, whatever the laxity', [1, 1, 1], [900, 300, 600], [1, 5, 5], [0, 1, 2]],
    ['within a tier, least laxity first', [1, 1, 1, 1], [900, 300, 600, 100], [5, 1, 5, 1], [3, 1, 2, 0]],
    ['ties by index', [1, 1, 1], [300, 300, 300], [5, 5, 5], [0, 1, 2]],
  ]
  for (const [name, caps, laxity, tiers, expected] of cases) {
    test(name, () => expect(priorityOrder(caps, laxity, tiers)).toEqual(expected))
  }
})

describe('tierRuns', () => {
  test('one run per tier, in order', () => {
    expect(tierRuns([3, 1, 2, 0], [5, 1, 5, 1])).toEqual([
      [3, 1],
      [2, 0],
    ])
  })

  test('without tiers, the whole order', () => {
    expect(tierRuns([2, 0, 1])).toEqual([[2, 0, 1]])
  })
})
