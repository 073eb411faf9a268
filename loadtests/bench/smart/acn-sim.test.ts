import { describe, expect, test } from 'bun:test'
import { compileConstraints } from '../../../src/domain/power/constraint-set'
import { loadAcnSessions } from './acn-data'
import { PERIOD_MIN, simulateAcn } from './acn-sim'
import { baselineScheduler } from './baselines'
import { CALTECH_STATIONS, networkRows } from './caltech-network'
import { oursScheduler } from './ours-acn'

const PERIODS_PER_DAY = (24 * 60) / PERIOD_MIN
const DAY = 7 // Friday 8 March 2019
const day = loadAcnSessions().filter((s) => Math.floor(s.arrival / PERIODS_PER_DAY) === DAY)
const ids = CALTECH_STATIONS.map((s) => s.id)
const set = compileConstraints(ids.length, networkRows('three-phase', 30))
const hours = (periods: number) => (periods * PERIOD_MIN) / 60

describe('ACN simulator, one day at 30 kW (smoke test)', () => {
  test('the day has a real workload', () => {
    expect(day.length).toBeGreaterThan(20)
  })

  test.each([
    ['our scheduler', () => oursScheduler(set)],
    ['LLF', () => baselineScheduler(set, 'LLF')],
  ])('%s: energy is conserved and no session gets more than it asked or could take', (_, make) => {
    const r = simulateAcn(day, ids, set, make())
    expect(Math.abs(r.deliveredKwh - r.energyFromRatesKwh)).toBeLessThan(1e-9)
    expect(r.maxOverDeliveryKwh).toBeLessThanOrEqual(1e-9)
    for (const s of day) {
      const got = r.deliveredBySession.get(s.id)!
      expect(got).toBeLessThanOrEqual(s.maxPowerKw * hours(s.departure - s.arrival) + 1e-9)
    }
  })

  test('our scheduler never exceeds a limit, exactly, and stays within the capacity', () => {
    const r = simulateAcn(day, ids, set, oursScheduler(set))
    expect(r.maxViolationA).toBeLessThanOrEqual(0)
    // The windings are rated at 120 V (phase) while EVSE power is counted at 208 V, and
    // 208 > 120·√3: a fully used, balanced 30 kW transformer shows as 30 × 208 / 207.85 kW.
    expect(r.peakKw).toBeLessThanOrEqual((30 * 208) / (120 * Math.sqrt(3)) + 1e-9)
    expect(r.deliveredPct).toBeGreaterThan(50)
  })

  test('the baselines stay within acnportal’s feasibility tolerance', () => {
    for (const name of ['FCFS', 'EDF', 'LLF', 'RR'] as const) {
      const r = simulateAcn(day, ids, set, baselineScheduler(set, name))
      expect(r.maxViolationA).toBeLessThanOrEqual(1e-5)
    }
  })

  test('uncontrolled charging gives each EV min(request, 6.6 kW × its stay): the ideal battery rule', () => {
    const none = compileConstraints(ids.length, [])
    const r = simulateAcn(day, ids, none, () => new Float64Array(ids.length).fill(32))
    for (const s of day) {
      const expected = Math.min(s.requestedKwh, s.maxPowerKw * hours(s.departure - s.arrival))
      expect(r.deliveredBySession.get(s.id)!).toBeCloseTo(expected, 9)
    }
  })

  test('a capacity of zero delivers nothing', () => {
    const zero = compileConstraints(ids.length, networkRows('aggregate', 0))
    expect(simulateAcn(day, ids, zero, oursScheduler(zero)).deliveredKwh).toBe(0)
  })
})
