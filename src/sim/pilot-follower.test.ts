import { describe, expect, test } from 'bun:test'
import { PilotFollower, type PilotResponse } from './pilot-follower'

const car: PilotResponse = { maxA: 16, minA: 6, responseDelayS: 3, rampUpAps: 2, underPilotA: 0.5 }

/** Offers `pilots` (second → pilot) and returns the draw at each second from 0 to `untilS`. */
function draws(response: PilotResponse, pilots: Record<number, number>, untilS: number, capA = 32): number[] {
  const f = new PilotFollower(response)
  const out: number[] = []
  for (let s = 0; s <= untilS; s++) {
    if (pilots[s] !== undefined) f.offer(pilots[s]!, s)
    out.push(f.step(s, 1, capA))
  }
  return out
}

describe('a car answering the pilot', () => {
  test('draws nothing until its response delay has passed, then climbs at its ramp rate', () => {
    expect(draws(car, { 0: 16 }, 12)).toEqual([0, 0, 0, 2, 4, 6, 8, 10, 12, 14, 15.5, 15.5, 15.5])
  })

  test('follows a reduction at once, but only after its delay', () => {
    const d = draws({ ...car, rampUpAps: 100 }, { 0: 16, 10: 8 }, 15)
    expect(d.slice(9, 16)).toEqual([15.5, 15.5, 15.5, 15.5, 7.5, 7.5, 7.5])
  })

  test('draws its own maximum under a higher pilot, less the under-pilot offset only below it', () => {
    expect(draws({ ...car, rampUpAps: 100, maxA: 10 }, { 0: 32 }, 4).at(-1)).toBe(10)
    expect(draws({ ...car, rampUpAps: 100 }, { 0: 12 }, 4).at(-1)).toBe(11.5)
  })

  test.each([
    { name: 'IEC 61851: a pilot under 6 A means 0', minA: 6, pilot: 5.9, expected: 0 },
    { name: 'a pilot under the car’s own minimum means 0', minA: 10, pilot: 8, expected: 0 },
    { name: 'a pilot at the car’s minimum is followed', minA: 10, pilot: 10, expected: 9.5 },
  ])('$name', ({ minA, pilot, expected }) => {
    expect(draws({ ...car, minA, rampUpAps: 100 }, { 0: pilot }, 5).at(-1)).toBe(expected)
  })

  test('stops when its own cap falls to 0 (full or on its timer) and says it no longer asks', () => {
    const f = new PilotFollower({ ...car, responseDelayS: 0, rampUpAps: 100 })
    f.offer(16, 0)
    expect(f.step(0, 1, 16)).toBe(15.5)
    expect(f.requesting).toBe(true)
    expect(f.step(1, 1, 0)).toBe(0)
    expect(f.requesting).toBe(false)
  })

  test('pilots changing faster than the delay are seen in order, each after the delay', () => {
    const d = draws({ ...car, rampUpAps: 100 }, { 0: 16, 1: 8, 2: 12 }, 6)
    expect(d).toEqual([0, 0, 0, 15.5, 7.5, 11.5, 11.5])
  })
})
