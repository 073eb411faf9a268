import { describe, expect, test } from 'bun:test'
import { allocate } from './allocate'
import { compileConstraints } from './constraint-set'
import { scheduleCurrents } from './scheduler'
import { connector, limits, NOW, node, session, site } from './test-fixtures'

const connectors = [connector('a'), connector('b'), connector('c')]

describe('allocate: priority tiers', () => {
  const cases: [string, number, Parameters<typeof session>[], Record<string, number>][] = [
    [
      'a tier-1 car leaving later is served before a tier-5 car leaving sooner',
      16,
      [
        ['soon', 'a', 10, 1, { priorityTier: 5 }],
        ['first', 'b', 10, 8, { priorityTier: 1 }],
      ],
      { soon: 0, first: 16 },
    ],
    [
      'no tier is the normal tier: before tier 9, after tier 4',
      16,
      [
        ['last', 'a', 10, 1, { priorityTier: 9 }],
        ['normal', 'b', 10, 8],
      ],
      { last: 0, normal: 16 },
    ],
    [
      'no tier is the normal tier: after tier 4',
      16,
      [
        ['normal', 'a', 10, 1],
        ['four', 'b', 10, 8, { priorityTier: 4 }],
      ],
      { normal: 0, four: 16 },
    ],
    [
      'within a tier, the car that leaves first as before',
      16,
      [
        ['late', 'a', 10, 8, { priorityTier: 2 }],
        ['soon', 'b', 10, 1, { priorityTier: 2 }],
      ],
      { late: 0, soon: 16 },
    ],
    [
      'a higher tier fills before a lower tier shares what is left',
      28,
      [
        ['low1', 'a', 10, 8, { priorityTier: 7 }],
        ['high', 'b', 10, 8, { priorityTier: 3 }],
        ['low2', 'c', 10, 8, { priorityTier: 7 }],
      ],
      { low1: 6, high: 16, low2: 6 },
    ],
    [
      'a lower tier keeps what it holds only after the higher tier is served',
      16,
      [
        ['holder', 'a', 10, 8, { heldA: 16 }],
        ['first', 'b', 10, 8, { priorityTier: 1 }],
      ],
      { holder: 0, first: 16 },
    ],
  ]
  for (const [name, fuseA, sessions, expected] of cases) {
    test(name, () => {
      const snapshot = site(
        fuseA,
        connectors,
        sessions.map((s) => session(...s)),
      )
      expect(limits(allocate(snapshot, NOW))).toEqual(expected)
    })
  }

  test('a tier never breaks a phase: a tier-1 car on L2 leaves the lower tier only what L2 has left', () => {
    const wired = [connector('one', 16, ['L2']), connector('three'), connector('l1', 16, ['L1'])]
    const sessions = [
      session('first', 'one', 10, 8, { priorityTier: 1, evPhases: 1 }),
      session('three', 'three', 10, 1),
      session('l1', 'l1', 10, 1, { evPhases: 1 }),
    ]
    const got = allocate(site(22, wired, sessions), NOW)
    expect(limits(got)).toEqual({ first: 16, three: 6, l1: 16 })
    for (const a of node(got, 'main').evLoadA) expect(a).toBeLessThanOrEqual(22)
  })

  test('a tier never takes current the fuse does not have', () => {
    const sessions = [session('first', 'a', 10, 8, { priorityTier: 1 }), session('other', 'b', 10, 1)]
    const got = allocate(site(5, connectors, sessions), NOW)
    expect(limits(got)).toEqual({ first: 0, other: 0 })
  })
})

/** The currents to a micro-ampere (fills stop nanoamperes short of a fuse). */
const amps = (x: ArrayLike<number>) => Array.from(x, (a) => Math.round(a * 1e6) / 1e6)

describe('scheduleCurrents: priority tiers', () => {
  const fuse = (limitA: number) =>
    compileConstraints(2, [{ id: 'fuse', limitA, terms: [0, 1].map((index) => ({ index, re: 1 })) }])
  const input = (priorityTier?: number[]) => ({
    constraints: fuse(16),
    minA: [6, 6],
    maxA: [16, 16],
    evMaxA: [16, 16],
    remainingAs: [16 * 3600, 16 * 3600],
    timeLeftS: [3600, 10 * 3600],
    heldA: [16, 0],
    ...(priorityTier ? { priorityTier } : {}),
  })

  test('a tier-1 session gets the tight fuse before a tier-5 one that must charge now and holds it', () => {
    expect(amps(scheduleCurrents(input(), { periodS: 300 }).currentsA)).toEqual([16, 0])
    const tiered = scheduleCurrents(input([5, 1]), { periodS: 300 })
    expect(amps(tiered.currentsA)).toEqual([0, 16])
    expect(tiered.order).toEqual([1])
  })
})
