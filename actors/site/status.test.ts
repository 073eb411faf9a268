import { describe, expect, test } from 'bun:test'
import type { Allocation, GridPhase } from '@src/domain/power'
import type { LimitChange } from '@src/domain/site/draw'
import type { SiteSession } from './sessions'
import { FOLLOW_MS } from './snapshot'
import { LoadAccumulator, type LoadInput, siteLoad } from './status'

const now = Date.UTC(2026, 5, 1, 18)

function session(key: string, drawA: SiteSession['drawA'] = null, drawAt = now): SiteSession {
  return {
    key,
    transactionId: 1,
    chargerId: key.split('#')[0]!,
    evseId: 1,
    idTag: null,
    startedAt: now,
    energyWh: 0,
    energyNeedWh: null,
    departureAt: null,
    departureSource: 'default',
    evMinA: null,
    evMaxA: null,
    drawA,
    drawAt: drawA ? drawAt : null,
    chargingState: 'Charging',
    previousDraw: null,
    evPhases: null,
    declined: null,
    onSince: null,
    priorityTier: 5,
    drewUnderA: null,
    learnedMinA: null,
  }
}

const allocation = (limits: [string, number, number][]): Allocation => ({
  sessions: limits.map(([sessionId, limitA, phases]) => ({
    sessionId,
    connectorId: sessionId,
    limitA,
    phases,
    neededA: 0,
  })),
  nodes: [],
  building: { currentA: [5, 5, 5], stale: false },
  evPowerKw: 0,
})

/** The loop state `siteLoad` reads; `changes` are the limit changes the loop sent. */
function input(
  sessions: SiteSession[],
  wiring: [string, GridPhase[]][],
  changes: [string, LimitChange][] = [],
  building?: { currentA: [number, number, number]; measuredAt: number },
): LoadInput {
  return {
    sessions: new Map(sessions.map((x) => [x.key, x])),
    wiring: new Map(wiring),
    delivery: {
      sent: new Map(changes.map(([key, c]) => [key, { limitA: c.limitA, sentAt: c.at }])),
      confirmed: new Map(),
      changes: new Map(changes),
      failed: new Map(),
      lastReductionAt: undefined,
    },
    building,
    config: { site: { voltageV: 230 } } as LoadInput['config'],
    failSafeA: 8,
  }
}

describe('the site load of a tick', () => {
  test('maps measured currents through the wiring, counts unmeasured sessions at the fail-safe', () => {
    const load = siteLoad(
      input(
        [session('A#1', { L1: 10, L2: 11, L3: 12 }), session('B#1')],
        [
          ['A#1', ['L2', 'L3', 'L1']],
          ['B#1', ['L3']],
          ['C#1', ['L1', 'L2', 'L3']],
        ],
      ),
      allocation([
        ['A#1', 16, 3],
        ['B#1', 16, 1],
      ]),
      now,
    )
    expect(load.evA).toEqual([12, 10, 19])
    expect(load.loadA).toEqual([17, 15, 24])
    expect(load.evKw).toBeCloseTo((41 * 230) / 1000, 6)
    expect(load.siteKw).toBeCloseTo((56 * 230) / 1000, 6)
    expect(load.stale).toBe(true)
  })

  test('a car cut to 0 A draws nothing once the cut took effect, though its last reading said 32 A', () => {
    const cut: LimitChange = { limitA: 0, at: now - FOLLOW_MS - 1000, from: { limitA: 32, at: now - 60_000 } }
    const load = siteLoad(
      input(
        [session('A#1', { L1: 32, L2: 32, L3: 32 }, now - 20_000)],
        [['A#1', ['L1', 'L2', 'L3']]],
        [['A#1', cut]],
      ),
      allocation([['A#1', 0, 3]]),
      now,
    )
    expect(load.evA).toEqual([0, 0, 0])
    expect(load.stale).toBe(true)
  })

  test('a reading taken after the cut took effect is the truth, and not stale', () => {
    const cut: LimitChange = { limitA: 10, at: now - 20_000, from: { limitA: 32, at: now - 60_000 } }
    const load = siteLoad(
      input(
        [session('A#1', { L1: 9.8, L2: 9.9, L3: 9.7 }, now - 1000)],
        [['A#1', ['L1', 'L2', 'L3']]],
        [['A#1', cut]],
      ),
      allocation([['A#1', 10, 3]]),
      now,
    )
    expect(load.evA).toEqual([9.8, 9.9, 9.7])
    expect(load.stale).toBe(false)
  })

  test('a stale building meter counts at its last reading, marked stale (not at the worst case)', () => {
    const stale = {
      ...allocation([]),
      building: { currentA: [40, 40, 40] as [number, number, number], stale: true },
    }
    const load = siteLoad(input([], [], [], { currentA: [12, 9, -3], measuredAt: now - 60_000 }), stale, now)
    expect(load.buildingA).toEqual([12, 9, 0])
    expect(load.stale).toBe(true)
  })

  test('the minute keeps its highest load and is handed over when the next begins', () => {
    const acc = new LoadAccumulator()
    const at = (ms: number, a: number) => ({
      at: ms,
      evA: [a, a, a] as const,
      buildingA: [0, 0, 0] as const,
      loadA: [a, a, a] as const,
      evKw: a,
      siteKw: a,
      stale: false,
    })
    const minute = Math.floor(now / 60_000) * 60_000
    expect(acc.add(at(minute, 3))).toEqual({})
    expect(acc.add(at(minute + 500, 9))).toEqual({})
    expect(acc.add(at(minute + 1000, 4))).toEqual({})
    expect(acc.add(at(minute + 60_000, 1)).minute).toMatchObject({
      minute: minute / 60_000,
      l1A: 9,
      siteKw: 9,
    })
  })
})
