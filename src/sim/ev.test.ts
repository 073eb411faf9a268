import { describe, expect, test } from 'bun:test'
import { chargeFor, drawA, type Ev, isFull, MIN_CURRENT_A, taperLimitA } from './ev'

const car = (over: Partial<Ev> = {}): Ev => ({
  model: 'test',
  capacityKWh: 60,
  maxCurrentA: 16,
  phases: 3,
  soc: 0.2,
  ...over,
})

describe('EV taper', () => {
  test.each([
    [0.0, 32],
    [0.5, 32],
    [0.8, 32],
    [0.9, 32 + (3.2 - 32) / 2],
    [0.99, 32 + (3.2 - 32) * 0.95],
    [1.0, 0],
  ])('at SoC %p the car draws at most %p A', (soc, expected) => {
    expect(taperLimitA(car({ maxCurrentA: 32 }), soc)).toBeCloseTo(expected, 6)
  })

  test('a car with a charge limit stops drawing at it', () => {
    const ev = car({ targetSoc: 0.8, soc: 0.8 })
    expect(isFull(ev)).toBe(true)
    expect(drawA(ev, 32)).toBe(0)
  })
})

describe('drawn current: the least of limit, car maximum and taper; 0 below 6 A', () => {
  test.each([
    ['limit below the car maximum', 10, 0.3, 10],
    ['car maximum below the limit', 32, 0.3, 16],
    ['exactly the minimum', MIN_CURRENT_A, 0.3, 6],
    ['just under the minimum', 5.9, 0.3, 0],
    ['zero limit', 0, 0.3, 0],
    ['taper below the limit', 32, 0.9, 16 + (1.6 - 16) / 2],
  ])('%s', (_, limit, soc, expected) => {
    expect(drawA(car({ soc }), limit)).toBeCloseTo(expected, 6)
  })
})

describe('chargeFor', () => {
  test.each([
    ['three-phase 16 A, one hour', car(), 32, 3600, 16 * 230 * 3],
    ['single-phase 32 A car, one hour', car({ phases: 1, maxCurrentA: 32 }), 32, 3600, 32 * 230],
    ['three-phase car limited to 10 A, 30 minutes', car(), 10, 1800, (10 * 230 * 3) / 2],
    ['single-phase car at 6 A, 10 minutes', car({ phases: 1 }), 6, 600, (6 * 230) / 6],
  ])('energy = P·t below the taper: %s', (_, ev, limit, seconds, expectedWh) => {
    const r = chargeFor(ev, limit, 230, seconds)
    expect(r.energyWh).toBeCloseTo(expectedWh, 6)
    expect(r.soc).toBeCloseTo(ev.soc + expectedWh / (ev.capacityKWh * 1000), 9)
  })

  test('a limit under 6 A delivers nothing', () => {
    expect(chargeFor(car(), 5, 230, 3600)).toEqual({ energyWh: 0, soc: 0.2, currentA: 0, phases: 3 })
  })

  test('a single-phase supply limits a three-phase car to one phase', () => {
    const r = chargeFor(car(), 16, 230, 3600, 1)
    expect(r.phases).toBe(1)
    expect(r.energyWh).toBeCloseTo(16 * 230, 6)
  })

  test('the taper slows charging: the last 20 % take longer than at full current', () => {
    const ev = car({ soc: 0.8 })
    const atFullCurrent = (0.2 * 60_000 * 3600) / (16 * 230 * 3)
    const r = chargeFor(ev, 32, 230, atFullCurrent)
    expect(r.soc).toBeLessThan(1)
    expect(r.currentA).toBeLessThan(16)
    expect(r.currentA).toBeGreaterThan(1.6)
  })

  test('charging stops at a full battery: energy is the capacity left, current 0', () => {
    const r = chargeFor(car({ soc: 0.5 }), 32, 230, 24 * 3600)
    expect(r.soc).toBeCloseTo(1, 9)
    expect(r.energyWh).toBeCloseTo(30_000, 3)
    expect(r.currentA).toBe(0)
  })

  test('a car with an 80 % limit stops there', () => {
    const r = chargeFor(car({ soc: 0.5, targetSoc: 0.8 }), 32, 230, 24 * 3600)
    expect(r.soc).toBeCloseTo(0.8, 9)
    expect(r.energyWh).toBeCloseTo(18_000, 3)
    expect(r.currentA).toBe(0)
  })

  test('one long interval equals many short ones (the integration is exact)', () => {
    const ev = car({ soc: 0.7, capacityKWh: 20 })
    const once = chargeFor(ev, 20, 230, 7200)
    let soc = ev.soc
    let energy = 0
    for (let i = 0; i < 720; i++) {
      const step = chargeFor({ ...ev, soc }, 20, 230, 10)
      soc = step.soc
      energy += step.energyWh
    }
    expect(soc).toBeCloseTo(once.soc, 9)
    expect(energy).toBeCloseTo(once.energyWh, 4)
  })

  test('SoC never exceeds 1 and energy is never negative', () => {
    for (const soc of [0, 0.1, 0.79, 0.8, 0.95, 0.999, 1]) {
      for (const seconds of [0, 1, 60, 3600, 86_400]) {
        const r = chargeFor(car({ soc }), 32, 230, seconds)
        expect(r.soc).toBeLessThanOrEqual(1)
        expect(r.soc).toBeGreaterThanOrEqual(soc)
        expect(r.energyWh).toBeGreaterThanOrEqual(0)
      }
    }
  })
})
