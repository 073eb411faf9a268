import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import type { ChargingState } from '../../../src/domain/charger/types'
import type { GridPhase, PerPhase } from '../../../src/domain/power/site'
import type { ScenarioFuse } from '../../../src/sim/site/types'
import type { ControllerCharger, ControllerSession, ControllerView } from './controller'
import { equalShare, equalShareLimits, MIN_PILOT_A, uncontrolled } from './equal-share'
import { drawnPhases, fuseGeometry } from './site-geometry'

const THREE: readonly GridPhase[] = ['L1', 'L2', 'L3']

interface SessionSpec {
  chargerId: string
  startedAt?: number
  state?: ChargingState
  evPhases?: 1 | 2 | 3
  maxCurrentA?: number
}

function session(s: SessionSpec, i: number): ControllerSession {
  return {
    chargerId: s.chargerId,
    transactionId: i + 1,
    startedAt: s.startedAt ?? i,
    chargingState: s.state ?? 'Charging',
    meter: null,
    departureAt: null,
    needs:
      s.maxCurrentA === undefined ? null : { departureAt: null, energyWh: null, maxCurrentA: s.maxCurrentA },
    ...(s.evPhases ? { evPhases: s.evPhases } : {}),
  }
}

function view(
  main: ScenarioFuse,
  chargers: readonly ControllerCharger[],
  sessions: readonly SessionSpec[],
  building: PerPhase | null = [0, 0, 0],
): ControllerView {
  return {
    site: { voltageV: 230, main, chargers },
    sessions: sessions.map(session),
    building: building && { type: 'building.reading', currentA: building, at: 0 },
  }
}

const cp = (id: string, maxA = 32, wiring = THREE): ControllerCharger => ({ id, maxA, wiring })
const flat = (limitA: number, ids: string[]): ScenarioFuse => ({ id: 'main', limitA, chargerIds: ids })
const limits = (v: ControllerView) => Object.fromEntries(equalShareLimits(v))

describe('equal share', () => {
  const cases: [string, ControllerView, Record<string, number>][] = [
    [
      'one fuse, two sessions: half each',
      view(flat(32, ['a', 'b']), [cp('a'), cp('b')], [{ chargerId: 'a' }, { chargerId: 'b' }]),
      { a: 16, b: 16 },
    ],
    [
      'a charger maximum leaves the rest to the other',
      view(flat(32, ['a', 'b']), [cp('a', 10), cp('b')], [{ chargerId: 'a' }, { chargerId: 'b' }]),
      { a: 10, b: 22 },
    ],
    [
      'a maximum the car told caps it too',
      view(
        flat(32, ['a', 'b']),
        [cp('a'), cp('b')],
        [{ chargerId: 'a', maxCurrentA: 10 }, { chargerId: 'b' }],
      ),
      { a: 10, b: 22 },
    ],
    [
      'a sub-fuse splits its own rating; the main fuse gives the rest to the session outside it',
      view(
        {
          id: 'main',
          limitA: 40,
          chargerIds: ['c'],
          children: [{ id: 'row', limitA: 16, chargerIds: ['a', 'b'] }],
        },
        [cp('a'), cp('b'), cp('c')],
        [{ chargerId: 'a' }, { chargerId: 'b' }, { chargerId: 'c' }],
      ),
      { a: 8, b: 8, c: 24 },
    ],
    [
      'the building reading is taken off the main fuse, per phase',
      view(flat(32, ['a', 'b']), [cp('a'), cp('b')], [{ chargerId: 'a' }, { chargerId: 'b' }], [10, 2, 0]),
      { a: 11, b: 11 },
    ],
    [
      'export shows as a negative reading and counts as no load',
      view(flat(20, ['a', 'b']), [cp('a'), cp('b')], [{ chargerId: 'a' }, { chargerId: 'b' }], [-10, 0, 0]),
      { a: 10, b: 10 },
    ],
    [
      'known 1-phase cars on different phases each get the whole rating',
      view(
        flat(16, ['a', 'b', 'c']),
        [cp('a'), cp('b', 32, ['L2', 'L3', 'L1']), cp('c', 32, ['L3'])],
        [{ chargerId: 'a', evPhases: 1 }, { chargerId: 'b', evPhases: 1 }, { chargerId: 'c' }],
      ),
      { a: 16, b: 16, c: 16 },
    ],
    [
      'cars of unknown phases are counted on all of their charger’s, and the last arrival under 6 A gets 0',
      view(
        flat(16, ['a', 'b', 'c']),
        [cp('a'), cp('b', 32, ['L2', 'L3', 'L1']), cp('c', 32, ['L3'])],
        [{ chargerId: 'a' }, { chargerId: 'b' }, { chargerId: 'c' }],
      ),
      { a: 8, b: 8, c: 0 },
    ],
    [
      'shares under 6 A: the latest arrival is dropped and the rest split again, rounded down to 0.1 A',
      view(
        flat(20, ['a', 'b', 'c', 'd']),
        [cp('a'), cp('b'), cp('c'), cp('d')],
        [
          { chargerId: 'a', startedAt: 4 },
          { chargerId: 'b', startedAt: 1 },
          { chargerId: 'c', startedAt: 2 },
          { chargerId: 'd', startedAt: 3 },
        ],
      ),
      { a: 0, b: 6.6, c: 6.6, d: 6.6 },
    ],
    [
      'a car that declines current (SuspendedEV) gets 0 and no share',
      view(
        flat(32, ['a', 'b']),
        [cp('a'), cp('b')],
        [{ chargerId: 'a', state: 'SuspendedEV' }, { chargerId: 'b' }],
      ),
      { a: 0, b: 32 },
    ],
    [
      'before the first building reading nothing is given',
      view(flat(32, ['a']), [cp('a')], [{ chargerId: 'a' }], null),
      { a: 0 },
    ],
    [
      'a session on a charger outside the site is left alone',
      view(flat(32, ['a']), [cp('a')], [{ chargerId: 'x' }]),
      {},
    ],
  ]
  test.each(cases)('%s', (_, v, expected) => {
    expect(limits(v)).toEqual(expected)
  })

  test('as a controller it answers the same limits', () => {
    const v = view(flat(32, ['a', 'b']), [cp('a'), cp('b')], [{ chargerId: 'a' }, { chargerId: 'b' }])
    expect(equalShare.limits(v, 0)).toEqual(equalShareLimits(v))
  })

  test('uncontrolled sends no setpoints', () => {
    const v = view(flat(32, ['a']), [cp('a')], [{ chargerId: 'a' }])
    expect(uncontrolled.limits(v, 0).size).toBe(0)
  })

  test('on any tree it never exceeds a fuse phase or a charger, and never gives 0 < A < 6', () => {
    const wirings: readonly (readonly GridPhase[])[] = [
      THREE,
      ['L2', 'L3', 'L1'],
      ['L3', 'L1', 'L2'],
      ['L1'],
      ['L2'],
      ['L3'],
    ]
    const site = fc.record({
      mainA: fc.integer({ min: 10, max: 100 }),
      rows: fc.array(fc.integer({ min: 10, max: 63 }), { minLength: 1, maxLength: 4 }),
      chargers: fc.array(
        fc.record({
          row: fc.nat(3),
          maxA: fc.integer({ min: 6, max: 32 }),
          wiring: fc.constantFrom(...wirings),
          phases: fc.constantFrom<(1 | 2 | 3)[]>(1, 2, 3),
          known: fc.boolean(),
        }),
        { minLength: 1, maxLength: 12 },
      ),
      building: fc.tuple(fc.nat(40), fc.nat(40), fc.nat(40)),
    })
    fc.assert(
      fc.property(site, (s) => {
        const ids = s.chargers.map((_, i) => `c${i}`)
        const main: ScenarioFuse = {
          id: 'main',
          limitA: s.mainA,
          children: s.rows.map((limitA, r) => ({
            id: `row${r}`,
            limitA,
            chargerIds: ids.filter((_, i) => s.chargers[i]!.row % s.rows.length === r),
          })),
        }
        const chargers = s.chargers.map((c, i) => cp(ids[i]!, c.maxA, c.wiring))
        const specs = s.chargers.map((c, i) => ({
          chargerId: ids[i]!,
          ...(c.known ? { evPhases: c.phases } : {}),
        }))
        const v = view(main, chargers, specs, s.building)
        const out = equalShareLimits(v)
        const { fuses, pathOf } = fuseGeometry(main)
        const load = fuses.map(() => [0, 0, 0])
        s.chargers.forEach((c, i) => {
          const a = out.get(ids[i]!)!
          expect(a === 0 || a >= MIN_PILOT_A).toBe(true)
          expect(a).toBeLessThanOrEqual(c.maxA)
          const phases = drawnPhases(c.wiring, c.known ? c.phases : c.wiring.length)
          for (const f of pathOf.get(ids[i]!)!) for (const ph of phases) load[f]![ph]! += a
        })
        fuses.forEach((fuse, f) => {
          for (let ph = 0; ph < 3; ph++) {
            const rating = fuse.limitA - (fuse.isMain ? s.building[ph]! : 0)
            expect(load[f]![ph]!).toBeLessThanOrEqual(Math.max(0, rating) + 1e-9)
          }
        })
      }),
      { numRuns: 300 },
    )
  })
})
