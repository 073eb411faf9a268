import { describe, expect, test } from 'bun:test'
import { coopScenario } from './scenarios'
import type { SiteScenario, WorldOutput } from './types'
import { SiteWorld } from './world'
import { ofType, oneCarScenario } from './world-fixture'

/** Plays a whole scenario, one second at a time, with `control` acting after each second. */
function playAll(scenario: SiteScenario, control: (world: SiteWorld, s: number) => void = () => {}) {
  const world = new SiteWorld(scenario)
  const out: WorldOutput[] = []
  for (let s = 0; s < scenario.durationS; s++) {
    out.push(...world.advanceTo(s))
    control(world, s)
  }
  return { world, out }
}

/** A crude controller: every 5 min, 8 A to every charger, to give the physics something to answer. */
const everyFiveMinutes = (world: SiteWorld, s: number) => {
  if (s % 300 !== 0) return
  for (const c of world.scenario.chargers) if (world.visitAt(c.id)) world.setLimit(c.id, 8, 300)
}

describe('the site world', () => {
  test('reads the building meter every read interval, at the value of that second', () => {
    const scenario = oneCarScenario({ building: (s) => [s, 0, 1], readIntervalS: 7, durationS: 30 })
    const readings = ofType(new SiteWorld(scenario).advanceTo(29), 'building.reading')
    expect(readings.map((r) => r.currentA[0])).toEqual([0, 7, 14, 21, 28])
  })

  test('puts the building on the main fuse and each charger on its own fuses', () => {
    const scenario: SiteScenario = {
      ...oneCarScenario({ building: () => [5, 6, 7] }),
      main: { id: 'main', limitA: 63, children: [{ id: 'row', limitA: 32, chargerIds: ['c1'] }] },
    }
    const world = new SiteWorld(scenario)
    world.advanceTo(5)
    const truth = world.second()
    expect(truth.fuseA.get('row')).toEqual([16, 16, 16])
    expect(truth.fuseA.get('main')).toEqual([21, 22, 23])
    expect(truth.buildingA).toEqual([5, 6, 7])
  })

  test('is deterministic: the same scenario and commands give the same outputs', () => {
    const scenario = () => coopScenario({ spaces: 20, mainA: 35, season: 'winter', seed: 7, hours: 24 })
    const a = playAll(scenario(), everyFiveMinutes)
    const b = playAll(scenario(), everyFiveMinutes)
    expect(a.out).toEqual(b.out)
    const other = coopScenario({ spaces: 20, mainA: 35, season: 'winter', seed: 8, hours: 24 })
    expect(other.visits.map((v) => v.arrivalS)).not.toEqual(scenario().visits.map((v) => v.arrivalS))
  })

  test('conserves energy: each visit’s energy is the integral of current × voltage × phases', () => {
    const scenario = coopScenario({ spaces: 20, mainA: 35, season: 'summer', seed: 3, hours: 24 })
    const integral = new Map<string, number>()
    const { world, out } = playAll(scenario, (w, s) => {
      everyFiveMinutes(w, s)
      for (const { id: chargerId } of scenario.chargers) {
        const a = w.chargerA(chargerId)
        const visit = w.visitAt(chargerId)
        if (visit)
          integral.set(visit, (integral.get(visit) ?? 0) + ((a[0] + a[1] + a[2]) * scenario.voltageV) / 3600)
      }
    })
    const ended = new Map(ofType(out, 'charger.transactionEnded').map((e) => [e.transactionId, e.energyWh]))
    const started = ofType(out, 'charger.transactionStarted')
    expect(started.length).toBeGreaterThan(3)
    for (const v of scenario.visits) {
      expect(world.deliveredWh(v.id)).toBeCloseTo(integral.get(v.id) ?? 0, 6)
      expect(world.deliveredWh(v.id)).toBeLessThanOrEqual(v.needWh + 1e-6)
      const tx = started.find((e) => e.idTag === v.id)!
      expect(Math.abs(ended.get(tx.transactionId)! - world.deliveredWh(v.id))).toBeLessThanOrEqual(1)
    }
  })

  test('numbers transactions uniquely across the whole world', () => {
    const scenario = coopScenario({ spaces: 20, mainA: 35, season: 'summer', seed: 3, hours: 48 })
    const ids = ofType(
      new SiteWorld(scenario).advanceTo(scenario.durationS),
      'charger.transactionStarted',
    ).map((e) => e.transactionId)
    expect(ids.length).toBe(scenario.visits.length)
    expect(new Set(ids).size).toBe(ids.length)
  })

  test('starts with every charger whose link is up saying it is connected', () => {
    const scenario: SiteScenario = {
      ...oneCarScenario(),
      chargers: [
        { ...oneCarScenario().chargers[0]! },
        { ...oneCarScenario().chargers[0]!, id: 'c2', linkDown: [{ fromS: 0, toS: 50 }] },
      ],
    }
    const connected = ofType(new SiteWorld(scenario).advanceTo(0), 'charger.connected')
    expect(connected.map((e) => e.chargerId)).toEqual(['c1'])
  })
})
