import { describe, expect, test } from 'bun:test'
import { decidePeakCap, requiredEvPowerKw } from './peak'

describe('requiredEvPowerKw (deadline bound)', () => {
  test.each([
    {
      name: 'one car: its energy over its time',
      demands: [{ energyWh: 20_000, hoursLeft: 4, maxKw: 11 }],
      kw: 5,
    },
    {
      name: 'the tightest deadline prefix decides',
      demands: [
        { energyWh: 10_000, hoursLeft: 1, maxKw: 11 },
        { energyWh: 30_000, hoursLeft: 10, maxKw: 11 },
      ],
      kw: 10,
    },
    {
      name: 'later cars add to the earlier ones',
      demands: [
        { energyWh: 10_000, hoursLeft: 5, maxKw: 11 },
        { energyWh: 30_000, hoursLeft: 8, maxKw: 11 },
      ],
      kw: 5,
    },
    {
      name: 'a car cannot need more than it can take',
      demands: [{ energyWh: 50_000, hoursLeft: 2, maxKw: 7 }],
      kw: 7,
    },
    { name: 'nothing to do', demands: [], kw: 0 },
  ])('$name', ({ demands, kw }) => {
    expect(requiredEvPowerKw(demands, 1 / 12)).toBeCloseTo(kw, 9)
  })
})

describe('decidePeakCap', () => {
  const demands = [{ energyWh: 20_000, hoursLeft: 2, maxKw: 11 }]
  const options = { slack: 0.1, minHours: 1 / 12 }

  test('held at the target while departures fit under it', () => {
    expect(decidePeakCap({ targetKw: 15 }, demands, 2, options)).toEqual({
      capKw: 15,
      requiredKw: 13,
      released: false,
    })
  })

  test('released just enough (plus slack) when they do not', () => {
    const decision = decidePeakCap({ targetKw: 8 }, demands, 2, options)
    expect(decision.released).toBe(true)
    expect(decision.capKw).toBeCloseTo(13, 9)
  })

  test('a peak already billed this month is used before releasing', () => {
    expect(decidePeakCap({ targetKw: 8, reachedKw: 14 }, demands, 2, options).released).toBe(false)
  })
})
