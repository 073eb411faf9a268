import { describe, expect, test } from 'bun:test'
import type { Ev } from './ev'
import { SimConnector } from './sim-connector'

const T0 = Date.UTC(2024, 0, 15, 12)
const car: Ev = { model: 'test', capacityKWh: 60, maxCurrentA: 16, phases: 3, soc: 0.2 }

/** A connector with `ev` plugged in and charging since T0 under a 16 A limit. */
function charging(ev: Ev): SimConnector {
  const c = new SimConnector(1, { maxCurrentA: 16, phases: 3, voltage: 230 }, T0)
  c.ev = ev
  c.tx = { id: 1, idTag: 'T', startedAt: T0, meterStartWh: 0 }
  c.setLimit(T0, 16)
  return c
}

/** The current the connector reports at each of `seconds` after T0. */
function currents(c: SimConnector, seconds: readonly number[]): number[] {
  return seconds.map((s) => {
    c.advance(T0 + s * 1000)
    return c.currentA
  })
}

describe('the simulated EV answering the offered limit', () => {
  test('a car without reflexes follows every limit at once and exactly', () => {
    const c = charging(car)
    expect(c.currentA).toBe(16)
    c.setLimit(T0 + 10_000, 8)
    expect(c.currentA).toBe(8)
  })

  test('a car with reflexes starts late, ramps up and draws a little under the pilot', () => {
    const c = charging({ ...car, reflexes: { responseDelayS: 3, rampUpAps: 2, underPilotA: 0.5 } })
    expect(currents(c, [1, 2, 3, 4, 5, 9, 20])).toEqual([0, 0, 2, 4, 6, 14, 15.5])
  })

  test('a car with reflexes follows a reduction only after its delay, then at once', () => {
    const c = charging({ ...car, reflexes: { responseDelayS: 4, rampUpAps: 3, underPilotA: 0.5 } })
    c.advance(T0 + 60_000)
    c.setLimit(T0 + 60_000, 8)
    expect(c.currentA).toBe(15.5)
    expect(currents(c, [63, 64, 70])).toEqual([15.5, 7.5, 7.5])
  })

  test('the energy is that of the current actually drawn, ramp included', () => {
    const c = charging({ ...car, reflexes: { responseDelayS: 2, rampUpAps: 2, underPilotA: 0 } })
    c.advance(T0 + 3600_000)
    // Seconds 0 and 1 at 0, seconds 2 to 8 at 2, 4, ... 14 A, then 16 A for the rest of the hour.
    const ampSeconds = 2 + 4 + 6 + 8 + 10 + 12 + 14 + 16 * (3600 - 9)
    expect(c.registerWh).toBeCloseTo((ampSeconds * 230 * 3) / 3600, 6)
  })
})

describe('the simulated EV between transactions', () => {
  test('a limit changed while not charging is the one the car sees when charging starts again', () => {
    const c = charging(car)
    c.setLimit(T0 + 1000, 0)
    expect(c.currentA).toBe(0)
    const tx = c.tx!
    c.tx = undefined
    c.setLimit(T0 + 1000, 16)
    c.tx = { ...tx, id: 2 }
    c.advance(T0 + 3000)
    expect(c.currentA).toBe(16)
  })

  test('a new transaction gets a fresh follower, with the new car’s reflexes', () => {
    const c = charging(car)
    c.advance(T0 + 10_000)
    c.ev = { ...car, reflexes: { responseDelayS: 5, rampUpAps: 1, underPilotA: 0 } }
    c.tx = { id: 2, idTag: 'U', startedAt: T0 + 10_000, meterStartWh: c.registerWh }
    c.advance(T0 + 12_000)
    expect(c.currentA).toBe(0)
  })
})
