import { describe, expect, test } from 'bun:test'
import type { PerPhase } from '../../../src/domain/power/site'
import type { SiteScenario } from '../../../src/sim/site/types'
import { offlineOptimum } from './optimum'
import { drawnPhases, fuseGeometry } from './site-geometry'
import { syntheticSite } from './synthetic-site'
import { car, charger, scenario, visit } from './test-fixtures'

const HOUR = 3600
/** Wh delivered in one hour by `amps` per phase on `phases` phases at 230 V. */
const wh = (amps: number, phases = 3, seconds = HOUR) => (amps * phases * 230 * seconds) / 3600
const BIG = 1_000_000

describe('offline optimum: hand-solved cases', () => {
  test('two cars share one fuse: the one with a small need gets all of it, the other its maximum', () => {
    // B at 24 A leaves 8 A (5520 Wh) for A, more than the 5000 Wh it needs.
    const r = offlineOptimum(
      scenario({
        main: { id: 'main', limitA: 32, chargerIds: ['a', 'b'] },
        chargers: [charger('a', 32), charger('b', 32)],
        visits: [visit('A', 'a', 0, HOUR, 5000, car(3, 32)), visit('B', 'b', 0, HOUR, BIG, car(3, 24))],
        durationS: HOUR,
      }),
    )
    expect(r.perVisitWh.get('A')).toBeCloseTo(5000, 3)
    expect(r.perVisitWh.get('B')).toBeCloseTo(wh(24), 3)
    expect(r.totalWh).toBeCloseTo(5000 + wh(24), 3)
  })

  test('two cars that want more than the fuse get exactly its rating between them', () => {
    const r = offlineOptimum(
      scenario({
        main: { id: 'main', limitA: 32, chargerIds: ['a', 'b'] },
        chargers: [charger('a', 32), charger('b', 32)],
        visits: [visit('A', 'a', 0, HOUR, BIG, car(3, 32)), visit('B', 'b', 0, HOUR, BIG, car(3, 32))],
        durationS: HOUR,
      }),
    )
    expect(r.totalWh).toBeCloseTo(wh(32), 3)
  })

  test('each car is held to the lower of its own and its charger maximum', () => {
    const r = offlineOptimum(
      scenario({
        main: { id: 'main', limitA: 100, chargerIds: ['a', 'b'] },
        chargers: [charger('a', 10), charger('b', 32)],
        visits: [visit('A', 'a', 0, HOUR, BIG, car(3, 32)), visit('B', 'b', 0, HOUR, BIG, car(3, 16))],
        durationS: HOUR,
      }),
    )
    expect(r.perVisitWh.get('A')).toBeCloseTo(wh(10), 3)
    expect(r.perVisitWh.get('B')).toBeCloseTo(wh(16), 3)
  })

  test('a 1-phase car draws on its charger’s first phase and a 2-phase car on the first two', () => {
    // L1: B + C ≤ 16, L2: A ≤ 16, L3: C ≤ 16; C counts twice, so C = 16, A = 16 and B = 0.
    const r = offlineOptimum(
      scenario({
        main: { id: 'main', limitA: 16, chargerIds: ['a', 'b', 'c'] },
        chargers: [
          charger('a', 16, ['L2', 'L3', 'L1']),
          charger('b', 16, ['L1']),
          charger('c', 16, ['L3', 'L1', 'L2']),
        ],
        visits: [
          visit('A', 'a', 0, HOUR, BIG, car(1, 16)),
          visit('B', 'b', 0, HOUR, BIG, car(1, 16)),
          visit('C', 'c', 0, HOUR, BIG, car(2, 16)),
        ],
        durationS: HOUR,
      }),
    )
    expect(r.perVisitWh.get('A')).toBeCloseTo(wh(16, 1), 3)
    expect(r.perVisitWh.get('B')).toBeCloseTo(0, 3)
    expect(r.perVisitWh.get('C')).toBeCloseTo(wh(16, 2), 3)
  })

  test('1-phase cars on different phases each get the whole rating', () => {
    const r = offlineOptimum(
      scenario({
        main: { id: 'main', limitA: 16, chargerIds: ['a', 'b', 'c'] },
        chargers: [
          charger('a', 32, ['L2', 'L3', 'L1']),
          charger('b', 32, ['L1']),
          charger('c', 32, ['L3', 'L1', 'L2']),
        ],
        visits: ['a', 'b', 'c'].map((id) => visit(id, id, 0, HOUR, BIG, car(1, 32))),
        durationS: HOUR,
      }),
    )
    expect(r.totalWh).toBeCloseTo(wh(16, 3), 3)
  })

  test('a sub-circuit fuse binds below a main fuse that has room', () => {
    const r = offlineOptimum(
      scenario({
        main: {
          id: 'main',
          limitA: 63,
          chargerIds: ['c'],
          children: [{ id: 'row', limitA: 16, chargerIds: ['a', 'b'] }],
        },
        chargers: [charger('a', 32), charger('b', 32), charger('c', 32)],
        visits: ['a', 'b', 'c'].map((id) => visit(id, id, 0, HOUR, BIG, car(3, 32))),
        durationS: HOUR,
      }),
    )
    expect(r.perVisitWh.get('c')).toBeCloseTo(wh(32), 3)
    expect(r.perVisitWh.get('a')! + r.perVisitWh.get('b')!).toBeCloseTo(wh(16), 3)
  })

  test('the building takes its share of the main fuse, phase by phase', () => {
    // L1: A ≤ 32 − 10; L2: A + B ≤ 32. Maximising 3A + B gives A = 22, B = 10.
    const r = offlineOptimum(
      scenario({
        main: { id: 'main', limitA: 32, chargerIds: ['a', 'b'] },
        chargers: [charger('a', 32), charger('b', 32, ['L2'])],
        visits: [visit('A', 'a', 0, HOUR, BIG, car(3, 32)), visit('B', 'b', 0, HOUR, BIG, car(1, 32))],
        durationS: HOUR,
        building: () => [10, 0, 0],
      }),
    )
    expect(r.perVisitWh.get('A')).toBeCloseTo(wh(22), 3)
    expect(r.perVisitWh.get('B')).toBeCloseTo(wh(10, 1), 3)
  })

  test('the building counts with its mean over each period, not its peak', () => {
    const stepping = (s: number): PerPhase => [s % 300 < 150 ? 20 : 0, 0, 0]
    const r = offlineOptimum(
      scenario({
        main: { id: 'main', limitA: 32, chargerIds: ['a'] },
        chargers: [charger('a', 32)],
        visits: [visit('A', 'a', 0, HOUR, BIG, car(3, 32))],
        durationS: HOUR,
        building: stepping,
      }),
    )
    expect(r.totalWh).toBeCloseTo(wh(22), 3)
  })

  test('a building over the rating leaves nothing, and the model stays solvable', () => {
    const r = offlineOptimum(
      scenario({
        main: { id: 'main', limitA: 32, chargerIds: ['a'] },
        chargers: [charger('a', 32)],
        visits: [visit('A', 'a', 0, HOUR, BIG, car(3, 32))],
        durationS: HOUR,
        building: () => [40, 0, 0],
      }),
    )
    expect(r.totalWh).toBeCloseTo(0, 6)
  })

  test('the energy a car needs caps what it gets', () => {
    const r = offlineOptimum(
      scenario({
        main: { id: 'main', limitA: 63, chargerIds: ['a'] },
        chargers: [charger('a', 32)],
        visits: [visit('A', 'a', 0, HOUR, 1000, car(3, 32))],
        durationS: HOUR,
      }),
    )
    expect(r.totalWh).toBeCloseTo(1000, 3)
  })

  test('partial periods count by their overlap with the stay', () => {
    const r = offlineOptimum(
      scenario({
        main: { id: 'main', limitA: 63, chargerIds: ['a'] },
        chargers: [charger('a', 32)],
        visits: [visit('A', 'a', 150, 450, BIG, car(3, 10))],
        durationS: 600,
      }),
    )
    expect(r.totalWh).toBeCloseTo(wh(10, 3, 300), 3)
  })

  test('two stays in one period that never overlap are both served in full', () => {
    const r = offlineOptimum(
      scenario({
        main: { id: 'main', limitA: 10, chargerIds: ['a', 'b'] },
        chargers: [charger('a', 32), charger('b', 32)],
        visits: [visit('A', 'a', 0, 150, BIG, car(3, 10)), visit('B', 'b', 150, 300, BIG, car(3, 10))],
        durationS: 300,
      }),
    )
    expect(r.perVisitWh.get('A')).toBeCloseTo(wh(10, 3, 150), 3)
    expect(r.perVisitWh.get('B')).toBeCloseTo(wh(10, 3, 150), 3)
  })

  test('a car on its own timer draws only after it, and a stay is cut at the scenario’s end', () => {
    const r = offlineOptimum(
      scenario({
        main: { id: 'main', limitA: 63, chargerIds: ['a', 'b'] },
        chargers: [charger('a', 32), charger('b', 32)],
        visits: [
          visit('timer', 'a', 0, HOUR, BIG, car(3, 16, { ownTimerFromS: 1800 })),
          visit('late', 'b', 3000, 5 * HOUR, BIG, car(3, 16)),
        ],
        durationS: HOUR,
      }),
    )
    expect(r.perVisitWh.get('timer')).toBeCloseTo(wh(16, 3, 1800), 3)
    expect(r.perVisitWh.get('late')).toBeCloseTo(wh(16, 3, 600), 3)
  })

  test('a visit on a charger outside the fuse tree is refused', () => {
    const bad = scenario({
      main: { id: 'main', limitA: 63, chargerIds: [] },
      chargers: [charger('a', 32)],
      visits: [visit('A', 'a', 0, HOUR, BIG, car(3, 16))],
      durationS: HOUR,
    })
    expect(() => offlineOptimum(bad)).toThrow('not on the site')
  })
})

/** Rechecks a plan against every row, independently of how the model was built. */
function violations(sc: SiteScenario, r: ReturnType<typeof offlineOptimum>): string[] {
  const { fuses, pathOf } = fuseGeometry(sc.main)
  const periods = Math.ceil(sc.durationS / r.periodS)
  const load = fuses.map(() => [0, 1, 2].map(() => new Float64Array(periods)))
  const out: string[] = []
  const byId = new Map(sc.visits.map((v) => [v.id, v]))
  const chargers = new Map(sc.chargers.map((c) => [c.id, c]))
  for (const plan of r.plans) {
    const v = byId.get(plan.visitId)!
    const c = chargers.get(v.chargerId)!
    expect(plan.phases).toEqual(drawnPhases(c.wiring, v.car.phases))
    if (plan.energyWh > v.needWh + 1e-3) out.push(`${v.id} over its need`)
    plan.currentA.forEach((a, k) => {
      const p = plan.fromPeriod + k
      if (a > Math.min(v.car.maxA, c.maxA) + 1e-6) out.push(`${v.id} over its maximum in period ${p}`)
      if ((p + 1) * r.periodS <= v.arrivalS || p * r.periodS >= v.departureS)
        out.push(`${v.id} absent in ${p}`)
      for (const f of pathOf.get(v.chargerId)!) for (const ph of plan.phases) load[f]![ph]![p]! += a
    })
  }
  fuses.forEach((fuse, f) => {
    for (let p = 0; p < periods; p++)
      for (let ph = 0; ph < 3; ph++) {
        let building = 0
        if (fuse.isMain)
          for (let s = p * r.periodS; s < (p + 1) * r.periodS; s++) building += sc.building.at(s)[ph]!
        if (load[f]![ph]![p]! + building / r.periodS > fuse.limitA + 1e-6)
          out.push(`${fuse.id} L${ph + 1} p${p}`)
      }
  })
  return out
}

describe('offline optimum: a contested synthetic site', () => {
  const sc = syntheticSite({ spaces: 20, hours: 24, seed: 3 })
  const r = offlineOptimum(sc)

  test('its plan respects every fuse phase, every maximum, every stay and every need', () => {
    expect(violations(sc, r)).toEqual([])
  })

  test('the fuses bind: it delivers less than the cars need, and the total is the sum of the visits', () => {
    const need = sc.visits.reduce((n, v) => n + v.needWh, 0)
    expect(r.totalWh).toBeLessThan(need)
    expect(r.totalWh).toBeGreaterThan(0.5 * need)
    expect([...r.perVisitWh.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(r.totalWh, 3)
  })

  test('a shorter period that divides the default is at least as tight a bound', () => {
    const small = syntheticSite({ spaces: 10, hours: 12, seed: 4 })
    const coarse = offlineOptimum(small).totalWh
    const fine = offlineOptimum(small, { periodS: 100 }).totalWh
    expect(fine).toBeLessThanOrEqual(coarse + 1e-3)
    expect(fine).toBeGreaterThan(0.9 * coarse)
  })
})
