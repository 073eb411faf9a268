import { describe, expect, test } from 'bun:test'
import { compileConstraints, isFeasible, rowMagnitudes, stepToLimit } from './constraint-set'

const deg = (d: number) => (d * Math.PI) / 180
const phasor = (index: number, angle: number, scale = 1) => ({
  index,
  re: scale * Math.cos(deg(angle)),
  im: scale * Math.sin(deg(angle)),
})

describe('constraint rows', () => {
  test('a real row is the plain sum of its currents', () => {
    const set = compileConstraints(3, [
      {
        id: 'L1',
        limitA: 20,
        terms: [
          { index: 0, re: 1 },
          { index: 2, re: 1 },
        ],
      },
    ])
    expect(Array.from(rowMagnitudes(set, [5, 100, 7]))).toEqual([12])
    expect(isFeasible(set, [10, 100, 10])).toBe(true)
    expect(isFeasible(set, [10, 0, 10.001])).toBe(false)
  })

  test('a phasor row is the magnitude of the sum, not the sum of magnitudes', () => {
    // |AB − CA| with AB at +30° and CA at +150°: sqrt(a² + c² + a·c).
    const set = compileConstraints(2, [
      { id: 'I3a', limitA: 100, terms: [phasor(0, 30), phasor(1, 150, -1)] },
    ])
    expect(rowMagnitudes(set, [30, 40])[0]).toBeCloseTo(Math.sqrt(900 + 1600 + 1200), 12)
  })

  test('columns list every row a session loads', () => {
    const set = compileConstraints(2, [
      { id: 'a', limitA: 1, terms: [{ index: 1, re: 1 }] },
      {
        id: 'b',
        limitA: 1,
        terms: [
          { index: 0, re: 1 },
          { index: 1, re: 2 },
        ],
      },
    ])
    expect(Array.from(set.colRow.subarray(set.colStart[1]!, set.colStart[2]!))).toEqual([0, 1])
    expect(Array.from(set.colRe.subarray(set.colStart[1]!, set.colStart[2]!))).toEqual([1, 2])
  })

  test('an index outside the sessions is a bug and throws', () => {
    expect(() => compileConstraints(1, [{ id: 'x', limitA: 1, terms: [{ index: 1, re: 1 }] }])).toThrow(
      RangeError,
    )
  })
})

describe('stepToLimit', () => {
  test('real row: the step that fills it exactly', () => {
    expect(stepToLimit(12, 0, 2, 0, 20)).toBe(4)
  })

  test('phasor row: the magnitude at the step is exactly the limit', () => {
    const [sRe, sIm, dRe, dIm] = [10, 5, Math.cos(deg(150)), Math.sin(deg(150))]
    const step = stepToLimit(sRe, sIm, dRe, dIm, 40)
    expect(Math.hypot(sRe + step * dRe, sIm + step * dIm)).toBeCloseTo(40, 10)
  })

  test('moving away from a full row is allowed until it is full again', () => {
    const step = stepToLimit(10, 0, -1, 0, 10)
    expect(step).toBe(20)
  })

  test('a full row that the direction would grow allows no step', () => {
    expect(stepToLimit(10, 0, 1, 0, 10)).toBe(0)
    expect(stepToLimit(11, 0, 1, 0, 10)).toBe(0)
  })

  test('a direction that does not touch the row is unlimited', () => {
    expect(stepToLimit(3, 4, 0, 0, 1)).toBe(Number.POSITIVE_INFINITY)
  })
})
