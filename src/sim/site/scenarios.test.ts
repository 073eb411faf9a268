import { describe, expect, test } from 'bun:test'
import { lateVisits } from './deadline-fit'
import { NORDIC_FLEET, singlePhaseShare } from './fleet'
import { scenarioProblems } from './scenario-check'
import {
  adversarialScenarios,
  benchScenarios,
  coopScenario,
  DEPOT_SPARE_A,
  depotScenario,
  officeScenario,
} from './scenarios'
import type { SiteScenario } from './types'

const scenarios = benchScenarios(1)

describe('the benchmark scenarios', () => {
  test.each(scenarios.map((s) => [s.name, s] as const))('%s is sound', (_, s) => {
    expect(scenarioProblems(s)).toEqual([])
    expect(s.durationS).toBeGreaterThanOrEqual(24 * 3600)
    expect(s.durationS).toBeLessThanOrEqual(48 * 3600)
    expect(s.visits.length).toBeGreaterThan(0)
  })

  test.each(scenarios.filter((s) => s.kind === 'realistic').map((s) => [s.name, s] as const))(
    '%s leaves the chargers room: the building alone never takes more than 70 % of the main fuse',
    (_, s) => {
      let peak = 0
      for (let t = 0; t < s.durationS; t++) peak = Math.max(peak, ...s.building.at(t))
      expect(peak).toBeLessThan(0.7 * s.main.limitA)
    },
  )

  test('cover the co-op sizes in both seasons, an office, a depot and five adversarial cases', () => {
    expect(scenarios.map((s) => s.name)).toEqual([
      'coop-20-35A-winter',
      'coop-20-35A-summer',
      'coop-40-63A-winter',
      'coop-40-63A-summer',
      'coop-80-100A-winter',
      'coop-80-100A-summer',
      'office-40-160A',
      'depot-16-100A',
      'coop-20-35A-winter-one-phase',
      'coop-20-35A-winter-building-jump',
      'coop-20-35A-winter-bad-departures',
      'coop-20-35A-winter-offline',
      'coop-20-35A-winter-disobeying',
    ])
    expect(scenarios.filter((s) => s.kind === 'adversarial')).toHaveLength(5)
  })

  test('are the same for the same seed and differ for another', () => {
    const a = coopScenario({ spaces: 40, mainA: 63, season: 'winter', seed: 4 })
    const b = coopScenario({ spaces: 40, mainA: 63, season: 'winter', seed: 4 })
    expect(b.visits).toEqual(a.visits)
    expect(b.chargers).toEqual(a.chargers)
    for (const s of [0, 3600, 30_000, 100_000]) expect(b.building.at(s)).toEqual(a.building.at(s))
    expect(officeScenario(2).visits).toEqual(officeScenario(2).visits)
    expect(depotScenario(3).visits).not.toEqual(depotScenario(4).visits)
  })

  test('winter co-ops carry more building load and ask more energy than summer ones', () => {
    const load = (s: SiteScenario) => {
      let sum = 0
      for (let t = 0; t < s.durationS; t += 60) sum += s.building.at(t).reduce((x, y) => x + y, 0)
      return sum
    }
    const need = (s: SiteScenario) => s.visits.reduce((sum, v) => sum + v.needWh, 0) / s.visits.length
    const winter = coopScenario({ spaces: 40, mainA: 63, season: 'winter', seed: 1 })
    const summer = coopScenario({ spaces: 40, mainA: 63, season: 'summer', seed: 1 })
    expect(load(winter)).toBeGreaterThan(1.3 * load(summer))
    expect(need(winter)).toBeGreaterThan(need(summer))
  })

  test('the depot fits if charged by deadline, not in equal shares, nor if every vehicle draws at once', () => {
    const depot = depotScenario(1)
    const site = {
      mainA: depot.main.limitA,
      building: depot.building,
      voltageV: 230,
      durationS: depot.durationS,
    }
    expect(lateVisits(site, depot.visits, DEPOT_SPARE_A, 'deadline')).toEqual([])
    expect(lateVisits(site, depot.visits, 0, 'equal').length).toBeGreaterThan(0)
    const uncontrolledA = depot.visits.reduce((sum, v) => sum + v.car.maxA, 0)
    expect(uncontrolledA).toBeGreaterThan(2 * depot.main.limitA)
  })

  test('a quarter of the Nordic fleet is single-phase', () => {
    expect(singlePhaseShare(NORDIC_FLEET)).toBeCloseTo(0.25, 2)
  })
})

describe('the adversarial scenarios', () => {
  const [onePhase, jump, bad, offline, disobeying] = adversarialScenarios(1)

  test('all on one phase: every car single-phase, every wallbox starting on L1', () => {
    expect(onePhase!.visits.every((v) => v.car.phases === 1)).toBe(true)
    expect(onePhase!.chargers.every((c) => c.wiring[0] === 'L1')).toBe(true)
  })

  test('the building jump adds its step for its minutes only', () => {
    const base = coopScenario({ spaces: 20, mainA: 35, season: 'winter', seed: 1, hours: 24 })
    const at = 7 * 3600 + 60
    expect(jump!.building.at(at)[0] - base.building.at(at)[0]).toBeCloseTo(12, 9)
    expect(jump!.building.at(at + 900)).toEqual(base.building.at(at + 900))
  })

  test('bad departures: none told within an hour of the truth', () => {
    for (const v of bad!.visits)
      if (v.told.kind === 'told') expect(Math.abs(v.told.atS - v.departureS)).toBeGreaterThan(3600)
    expect(bad!.visits.some((v) => v.told.kind === 'told' && v.told.atS < v.arrivalS)).toBe(true)
    expect(bad!.visits.some((v) => v.told.kind === 'none')).toBe(true)
  })

  test.each([
    ['offline', () => offline!, (c: SiteScenario['chargers'][number]) => (c.linkDown?.length ?? 0) > 0],
    ['disobeying', () => disobeying!, (c: SiteScenario['chargers'][number]) => c.disobeys === true],
  ] as const)('%s: two chargers hit, each while a car charges on it', (_, scenario, hit) => {
    const s = scenario()
    const hitIds = s.chargers.filter(hit).map((c) => c.id)
    expect(hitIds).toHaveLength(2)
    const evening = 9 * 3600
    for (const id of hitIds)
      expect(s.visits.some((v) => v.chargerId === id && v.arrivalS < evening && v.departureS > evening)).toBe(
        true,
      )
  })
})
