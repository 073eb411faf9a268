import { describe, expect, test } from 'bun:test'
import { allocate } from './allocate'
import { connector, HOUR, limits, NOW, node, session, site } from './test-fixtures'

const c3 = (id: string, maxA = 16) => connector(id, maxA)

describe('allocate: priority and sharing', () => {
  test('the car that leaves first and still needs the most gets capacity first', () => {
    const snapshot = site(25, [c3('a'), c3('b')], [session('late', 'b', 10, 10), session('soon', 'a', 10, 1)])
    expect(limits(allocate(snapshot, NOW))).toEqual({ late: 9, soon: 16 })
  })

  test('what is left below a minimum is not handed out', () => {
    const snapshot = site(20, [c3('a'), c3('b')], [session('late', 'b', 10, 10), session('soon', 'a', 10, 1)])
    expect(limits(allocate(snapshot, NOW))).toEqual({ late: 0, soon: 16 })
  })

  test('a departure deadline that cannot wait beats a minimum for everyone', () => {
    const sessions = [session('relaxed', 'b', 5, 12), session('urgent', 'a', 12, 1)]
    expect(limits(allocate(site(20, [c3('a', 32), c3('b')], sessions), NOW))).toEqual({
      relaxed: 0,
      urgent: 20,
    })
  })

  test('equals share equally', () => {
    const sessions = ['x', 'y', 'z'].map((id) => session(id, id, 10, 5))
    const got = limits(allocate(site(20, [c3('x'), c3('y'), c3('z')], sessions), NOW))
    expect(got).toEqual({ x: 6.6, y: 6.6, z: 6.6 })
  })

  test('a car keeps the current it holds before another without a deadline need gets more; a deadline need still takes it', () => {
    const connectors = [c3('a'), c3('b')]
    const holder = session('holder', 'a', 10, 6)
    const newcomer = session('newcomer', 'b', 10, 4)
    expect(limits(allocate(site(20, connectors, [holder, newcomer]), NOW))).toEqual({
      holder: 6,
      newcomer: 14,
    })
    const holding = { ...holder, heldA: 16 }
    expect(limits(allocate(site(20, connectors, [holding, newcomer]), NOW))).toEqual({
      holder: 16,
      newcomer: 0,
    })
    const urgent = session('urgent', 'b', 30, 1)
    expect(limits(allocate(site(20, connectors, [holding, urgent]), NOW))).toEqual({ holder: 0, urgent: 16 })
  })

  test('unused capacity flows to the others (work-conserving)', () => {
    const sessions = [session('small', 'a', 10, 5, { evMaxA: 8 }), session('big', 'b', 30, 5)]
    const got = limits(allocate(site(30, [c3('a'), c3('b', 32)], sessions), NOW))
    expect(got).toEqual({ small: 8, big: 22 })
  })

  test('an EV drawing far less than offered is capped near its draw, freeing the rest', () => {
    const tapering = session('tapering', 'a', 10, 5, { measuredA: 4, offeredA: 15 })
    const got = limits(allocate(site(30, [c3('a'), c3('b')], [tapering, session('other', 'b', 30, 5)]), NOW))
    expect(got).toEqual({ tapering: 7, other: 16 })
  })

  test('a capped EV that keeps limiting itself stays capped; one that draws up to its cap gets it lifted', () => {
    const at = (measuredA: number) => {
      const car = session('car', 'a', 10, 5, { measuredA, offeredA: 7 })
      return limits(allocate(site(63, [c3('a')], [car]), NOW)).car
    }
    expect(at(4)).toBe(7)
    expect(at(6.2)).toBe(16)
  })
})

describe('allocate: loads the loop must carry', () => {
  test('a carried load is a fixed load: it keeps its current and the others share what is left', () => {
    const offline = session('offline', 'a', 10, 5, { carriedA: 16 })
    const urgent = session('urgent', 'b', 30, 1)
    expect(limits(allocate(site(20, [c3('a'), c3('b')], [offline, urgent]), NOW))).toEqual({
      offline: 16,
      urgent: 0,
    })
    expect(limits(allocate(site(30, [c3('a'), c3('b')], [offline, urgent]), NOW))).toEqual({
      offline: 16,
      urgent: 14,
    })
  })

  test('a passing carried load keeps its place: what it takes once it has passed is not handed out meanwhile', () => {
    const other = session('other', 'b', 10, 5)
    const held = session('rising', 'a', 30, 1, { carriedA: 6 })
    const passing = { ...held, carriedPassing: true }
    const connectors = [c3('a'), c3('b')]
    expect(limits(allocate(site(30, connectors, [held, other]), NOW))).toEqual({ rising: 6, other: 16 })
    expect(limits(allocate(site(30, connectors, [passing, other]), NOW))).toEqual({ rising: 6, other: 14 })
  })

  test('a carried load counts on every fuse above it, on its own phases only', () => {
    const sub = { id: 'row', limitA: 20, connectorIds: ['a', 'b'] }
    const snapshot = site(
      63,
      [connector('a', 16, ['L2']), connector('b', 16, ['L2', 'L3', 'L1']), c3('c')],
      [session('held', 'a', 10, 5, { carriedA: 12 }), session('b', 'b', 10, 5), session('c', 'c', 10, 5)],
      { children: [sub] },
    )
    expect(limits(allocate(snapshot, NOW))).toEqual({ held: 12, b: 8, c: 16 })
  })
})

describe('allocate: hard limits per session', () => {
  test('an EV that reports a minimum of 0 still never gets less than 6 A: PWM cannot signal it', () => {
    const sessions = [session('p', 'a', 30, 1), session('q', 'b', 10, 5, { evMinA: 0 })]
    const got = limits(allocate(site(20, [c3('a'), c3('b')], sessions), NOW))
    expect(Object.values(got).every((a) => a === 0 || a >= 6)).toBe(true)
    expect(got.q).toBe(0)
  })

  test('a session gets 0 or at least its minimum, never a useless 5 A', () => {
    const sessions = [session('p', 'a', 10, 5), session('q', 'b', 10, 5)]
    const got = Object.values(limits(allocate(site(10, [c3('a'), c3('b')], sessions), NOW)))
    expect(got.sort()).toEqual([0, 10])
  })

  test.each([
    { name: 'connector rating', connectorA: 11, evMaxA: 32, expected: 11 },
    { name: 'EV maximum', connectorA: 32, evMaxA: 10, expected: 10 },
    { name: 'EV minimum above connector rating', connectorA: 5, evMaxA: 32, expected: 0 },
  ])('never above the $name', ({ connectorA, evMaxA, expected }) => {
    const snapshot = site(63, [c3('a', connectorA)], [session('s', 'a', 30, 5, { evMaxA })])
    expect(limits(allocate(snapshot, NOW)).s).toBe(expected)
  })

  test('a session on an unknown connector gets 0', () => {
    expect(limits(allocate(site(63, [c3('a')], [session('s', 'nope', 10, 5)]), NOW)).s).toBe(0)
  })

  test('a session that needs no more energy gets 0', () => {
    expect(limits(allocate(site(63, [c3('a')], [session('s', 'a', 0, 5)]), NOW)).s).toBe(0)
  })
})

describe('allocate: phases and wiring', () => {
  test('a single-phase EV on a three-phase charger draws on the first wired phase only', () => {
    const allocation = allocate(site(63, [c3('a')], [session('s', 'a', 10, 5, { evPhases: 1 })]), NOW)
    expect(node(allocation, 'main').evLoadA).toEqual([16, 0, 0])
  })

  test('rotated wiring: the charger phase 1 on grid L2 loads L2', () => {
    const rotated = connector('a', 32, ['L2', 'L3', 'L1'])
    const allocation = allocate(site(63, [rotated], [session('s', 'a', 10, 5, { evPhases: 1 })]), NOW)
    expect(node(allocation, 'main').evLoadA).toEqual([0, 32, 0])
  })

  test('rotation spreads single-phase EVs over phases a plain wiring would stack on L1', () => {
    const plain = [connector('a', 32, ['L1']), connector('b', 32, ['L1'])]
    const rotated = [connector('a', 32, ['L1']), connector('b', 32, ['L2'])]
    const sessions = [session('p', 'a', 20, 5), session('q', 'b', 20, 5)]
    expect(allocate(site(32, plain, sessions), NOW).evPowerKw).toBeCloseTo((32 * 230) / 1000, 5)
    expect(allocate(site(32, rotated, sessions), NOW).evPowerKw).toBeCloseTo((64 * 230) / 1000, 5)
  })

  test('a congested phase limits only the sessions wired to it', () => {
    const building = { currentA: [10, 30, 10] as const, measuredAt: NOW }
    const l1 = connector('a', 32, ['L1'])
    const l2 = connector('b', 32, ['L2'])
    const got = limits(
      allocate(site(40, [l1, l2], [session('p', 'a', 20, 5), session('q', 'b', 20, 5)], { building }), NOW),
    )
    expect(got).toEqual({ p: 30, q: 10 })
  })
})

describe('allocate: fuses, margin and building', () => {
  test('sub-circuit fuses hold at every level', () => {
    const sub = {
      id: 'sub',
      limitA: 16,
      connectorIds: ['b', 'c'],
      children: [{ id: 'leaf', limitA: 10, connectorIds: ['d'] }],
    }
    const sessions = ['a', 'b', 'c', 'd'].map((id) => session(id, id, 30, 5))
    const allocation = allocate(
      site(
        40,
        ['a', 'b', 'c', 'd'].map((id) => c3(id)),
        sessions,
        { children: [sub] },
      ),
      NOW,
    )
    expect(node(allocation, 'sub').evLoadA.every((a) => a <= 16)).toBe(true)
    expect(node(allocation, 'leaf').evLoadA.every((a) => a <= 10)).toBe(true)
    expect(node(allocation, 'main').evLoadA.every((a) => a <= 40)).toBe(true)
    expect(limits(allocation).a).toBe(16)
  })

  test('the safety margin is kept on every fuse', () => {
    const allocation = allocate(
      site(20, [c3('a', 32)], [session('s', 'a', 30, 5)], { safetyMarginA: 2 }),
      NOW,
    )
    expect(limits(allocation).s).toBe(18)
    expect(node(allocation, 'main').headroomA).toEqual([0, 0, 0])
  })

  test.each([
    { name: 'fresh reading is used', measuredAt: NOW - 2_000, maxA: [30, 30, 30] as const, expected: 32 },
    {
      name: 'stale reading: the building maximum is assumed',
      measuredAt: NOW - 60_000,
      maxA: [30, 30, 30] as const,
      expected: 10,
    },
    {
      name: 'stale and no maximum: the whole main fuse is assumed',
      measuredAt: NOW - 60_000,
      maxA: undefined,
      expected: 0,
    },
    { name: 'never measured: worst case', measuredAt: undefined, maxA: [35, 35, 35] as const, expected: 0 },
    {
      name: 'reading from the future: worst case',
      measuredAt: NOW + 60_000,
      maxA: [30, 30, 30] as const,
      expected: 10,
    },
  ])('building meter: $name', ({ measuredAt, maxA, expected }) => {
    const building = {
      currentA: [5, 5, 5] as const,
      ...(measuredAt === undefined ? {} : { measuredAt }),
      ...(maxA ? { maxA } : {}),
    }
    const allocation = allocate(site(40, [c3('a', 32)], [session('s', 'a', 30, 5)], { building }), NOW)
    expect(limits(allocation).s).toBe(expected)
    expect(allocation.building.stale).toBe(expected !== 32)
  })

  test('diagnostics give each fuse its per-phase load with the building on the main fuse', () => {
    const building = { currentA: [4, 5, 6] as const, measuredAt: NOW }
    const allocation = allocate(site(63, [c3('a')], [session('s', 'a', 30, 5)], { building }), NOW)
    expect(node(allocation, 'main')).toEqual({
      id: 'main',
      ratedA: 63,
      evLoadA: [16, 16, 16],
      loadA: [20, 21, 22],
      headroomA: [43, 42, 41],
    })
  })
})

describe('allocate: peak control', () => {
  const three = ['a', 'b', 'c'].map((id) => c3(id))

  test('the peak target is held when departures allow', () => {
    const sessions = ['a', 'b', 'c'].map((id) => session(id, id, 10, 10))
    const allocation = allocate(site(63, three, sessions, { peak: { targetKw: 11 } }), NOW)
    expect(allocation.peak?.released).toBe(false)
    expect(allocation.evPowerKw).toBeLessThanOrEqual(11)
    expect(allocation.evPowerKw).toBeGreaterThan(10.5)
  })

  test('the peak target is released, just enough, when departures need more', () => {
    const sessions = [session('a', 'a', 20, 2), session('b', 'b', 5, 10)]
    const allocation = allocate(site(63, three, sessions, { peak: { targetKw: 5 } }), NOW)
    expect(allocation.peak?.released).toBe(true)
    expect(allocation.evPowerKw).toBeGreaterThan(10)
    expect(allocation.evPowerKw).toBeLessThanOrEqual(allocation.peak!.capKw + 1e-9)
  })

  test('a peak already reached this month is free to use', () => {
    const sessions = ['a', 'b', 'c'].map((id) => session(id, id, 10, 10))
    const allocation = allocate(site(63, three, sessions, { peak: { targetKw: 5, reachedKw: 20 } }), NOW)
    expect(allocation.peak?.capKw).toBe(20)
    expect(allocation.evPowerKw).toBeGreaterThan(19)
  })

  test('the building counts against the peak target', () => {
    const building = { currentA: [10, 10, 10] as const, measuredAt: NOW }
    const sessions = ['a', 'b', 'c'].map((id) => session(id, id, 10, 10))
    const allocation = allocate(site(63, three, sessions, { building, peak: { targetKw: 11 } }), NOW)
    expect(allocation.evPowerKw).toBeLessThanOrEqual(11 - 6.9 + 1e-9)
  })

  test('an unknown departure never outranks a known one, however long the car has waited', () => {
    const unknown = { id: 'unknown', connectorId: 'a', energyNeededWh: 10_000, pluggedInAt: NOW - 9 * HOUR }
    const known = session('known', 'b', 10, 5)
    expect(limits(allocate(site(25, three, [unknown, known]), NOW))).toEqual({ unknown: 9, known: 16 })
  })

  test('a departure already passed ranks as unknown, behind a known future one', () => {
    const passed = session('passed', 'a', 10, -2)
    const known = session('known', 'b', 10, 5)
    expect(limits(allocate(site(25, three, [passed, known]), NOW))).toEqual({ passed: 9, known: 16 })
  })

  test('among unknown departures the one plugged in longest comes first', () => {
    const waiting = { id: 'waiting', connectorId: 'a', energyNeededWh: 10_000, pluggedInAt: NOW - 7.5 * HOUR }
    const fresh = { id: 'fresh', connectorId: 'b', energyNeededWh: 10_000, pluggedInAt: NOW }
    expect(limits(allocate(site(25, three, [waiting, fresh]), NOW))).toEqual({ waiting: 16, fresh: 9 })
  })

  test('unknown departure and energy fall back to the configured defaults', () => {
    const bare = { id: 's', connectorId: 'a' }
    const allocation = allocate(site(63, three, [bare], { settings: { defaultEnergyWh: 0 } }), NOW + HOUR)
    expect(limits(allocation).s).toBe(0)
  })
})
