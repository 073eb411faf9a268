import { describe, expect, test } from 'bun:test'
import { CarSession, taperCapA } from './car-session'
import { PLAIN_CAR } from './world-fixture'

describe('a plugged-in car', () => {
  test.each([
    { delivered: 0, expected: 16 },
    { delivered: 8_000, expected: 16 },
    { delivered: 9_000, expected: 8 },
    { delivered: 9_900, expected: 6 },
    { delivered: 10_000, expected: 0 },
  ])(
    'tapers above its share of the need: $delivered Wh of 10 kWh → $expected A',
    ({ delivered, expected }) => {
      expect(taperCapA({ ...PLAIN_CAR, taperFromShare: 0.8 }, delivered, 10_000)).toBeCloseTo(expected, 9)
    },
  )

  test('draws nothing before its own timer although offered, then charges', () => {
    const car = new CarSession({ ...PLAIN_CAR, ownTimerFromS: 5 }, 10_000, 230, 3)
    car.offer(16, 0)
    const d = [0, 1, 2, 3, 4, 5, 6].map((s) => car.step(s))
    expect(d).toEqual([0, 0, 0, 0, 0, 16, 16])
    expect(car.requesting).toBe(true)
  })

  test('takes exactly its need, the last second only what is left, then stops asking', () => {
    const car = new CarSession(PLAIN_CAR, 100, 230, 3)
    car.offer(16, 0)
    let s = 0
    while (car.requesting || s === 0) car.step(s++)
    expect(car.deliveredWh).toBeCloseTo(100, 6)
    expect(s).toBe(Math.ceil(100 / ((16 * 230 * 3) / 3600)) + 1)
    expect(car.step(s)).toBe(0)
  })

  test.each([1, 2, 3] as const)('delivers current × voltage × %i phases', (phases) => {
    const car = new CarSession(PLAIN_CAR, 60_000, 230, phases)
    car.offer(10, 0)
    for (let s = 0; s < 3600; s++) car.step(s)
    expect(car.deliveredWh).toBeCloseTo(10 * 230 * phases, 6)
  })
})
