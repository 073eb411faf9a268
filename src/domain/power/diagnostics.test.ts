import { describe, expect, test } from 'bun:test'
import { compileConstraints } from './constraint-set'
import { finalizeCurrents } from './diagnostics'

const row = (limitA: number, n: number) => ({
  id: 'fuse',
  limitA,
  terms: Array.from({ length: n }, (_, index) => ({ index, re: 1 })),
})

describe('finalizeCurrents', () => {
  test.each<{ name: string; raw: number[]; mins: number[]; limit: number; want: number[] }>([
    {
      name: 'float noise just below a step counts as the step',
      raw: [9.9999999],
      mins: [6],
      limit: 10,
      want: [10],
    },
    { name: 'rounds down to 0.1 A', raw: [7.46], mins: [6], limit: 10, want: [7.4] },
    { name: 'below the minimum means 0', raw: [5.5], mins: [6], limit: 10, want: [0] },
    {
      name: 'rounding never pushes a row over',
      raw: [4.9999995, 5.0000004],
      mins: [1, 1],
      limit: 9.9999999,
      want: [4.9, 5],
    },
  ])('$name', ({ raw, mins, limit, want }) => {
    const set = compileConstraints(raw.length, [row(limit, raw.length)])
    const got = finalizeCurrents(set, Float64Array.from(raw), mins, 0.1)
    expect(Array.from(got)).toEqual(want)
  })

  test('a row over its limit (a bug upstream) stops every session on it', () => {
    const set = compileConstraints(2, [row(10, 2)])
    expect(Array.from(finalizeCurrents(set, Float64Array.from([8, 8]), [6, 6], 0.1))).toEqual([0, 0])
  })
})
