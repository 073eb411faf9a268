import { describe, expect, test } from 'bun:test'
import type { Allocation, GridPhase } from '@src/domain/power'
import type { SiteSession } from './sessions'
import { LoadAccumulator, siteLoad } from './status'

const now = Date.UTC(2026, 5, 1, 18)

function session(key: string, drawA: SiteSession['drawA'] = null): SiteSession {
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
    drawAt: drawA ? now : null,
    chargingState: 'Charging',
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

describe('the site load of a tick', () => {
  test('maps measured currents through the wiring, counts unmeasured sessions at their limit, skips reserves', () => {
    const sessions = new Map([
      ['A#1', session('A#1', { L1: 10, L2: 11, L3: 12 })],
      ['B#1', session('B#1')],
    ])
    const wiring = new Map<string, readonly GridPhase[]>([
      ['A#1', ['L2', 'L3', 'L1']],
      ['B#1', ['L3']],
      ['C#1', ['L1', 'L2', 'L3']],
    ])
    const load = siteLoad({
      sessions,
      wiring,
      allocation: allocation([
        ['A#1', 16, 3],
        ['B#1', 8, 1],
        ['reserve:C#1', 6, 3],
      ]),
      voltageV: 230,
      now,
    })
    expect(load.evA).toEqual([12, 10, 19])
    expect(load.loadA).toEqual([17, 15, 24])
    expect(load.evKw).toBeCloseTo((41 * 230) / 1000, 6)
    expect(load.siteKw).toBeCloseTo((56 * 230) / 1000, 6)
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
