import { describe, expect, test } from 'bun:test'
import { siteModel } from '@src/domain/site/model'
import type { SiteConfig } from '@src/domain/site/site-config'
import type { SiteSession } from './sessions'
import { BEYOND_ESTIMATE_WH, buildSnapshot, FOLLOW_MS, reserveId } from './snapshot'

const now = Date.UTC(2026, 5, 1, 18)
const config: SiteConfig = {
  site: {
    id: 'S',
    name: 'S',
    voltageV: 230,
    phases: 3,
    mainFuseA: 32,
    safetyMarginA: 0,
    buildingMaxA: null,
    buildingMeter: 'none',
    buildingMeterChargerId: null,
    peakTargetKw: null,
    loopIntervalMs: 500,
    failSafeA: null,
    createdAt: 0,
    updatedAt: 0,
  },
  circuits: [],
  connectors: [
    { siteId: 'S', chargerId: 'A', evseId: 1, circuitId: null, maxA: 16, wiring: 'L1,L2,L3' },
    { siteId: 'S', chargerId: 'B', evseId: 1, circuitId: null, maxA: 16, wiring: 'L1' },
  ],
}

function session(p: Partial<SiteSession> = {}): SiteSession {
  return {
    key: 'A#1',
    transactionId: 1,
    chargerId: 'A',
    evseId: 1,
    idTag: null,
    startedAt: now - 3600_000,
    energyWh: 5000,
    energyNeedWh: 10_000,
    departureAt: null,
    departureSource: 'default',
    evMinA: null,
    evMaxA: null,
    drawA: null,
    drawAt: null,
    chargingState: 'Charging',
    ...p,
  }
}

function snapshot(
  s: SiteSession,
  sent = new Map<string, { limitA: number; sentAt: number }>(),
  failSafeA = 0,
) {
  return buildSnapshot({
    config,
    ...siteModel(config),
    sessions: [s],
    sent,
    online: new Set(['A', 'B']),
    building: undefined,
    failSafeA,
    reachedKw: 0,
    now,
  })
}

describe('the snapshot the loop allocates from', () => {
  test('energy still needed is the need minus what was delivered', () => {
    expect(snapshot(session()).sessions[0]).toMatchObject({ energyNeededWh: 5000 })
  })

  test('an EV that takes no energy (SuspendedEV) needs none for now', () => {
    expect(
      snapshot(session({ chargingState: 'SuspendedEV', drawA: { L1: 0 }, drawAt: now })).sessions[0],
    ).toMatchObject({ energyNeededWh: 0 })
  })

  test('an EV past its announced need that still charges keeps a low-priority need', () => {
    expect(snapshot(session({ energyWh: 12_000 })).sessions[0]).toMatchObject({
      energyNeededWh: BEYOND_ESTIMATE_WH,
    })
  })

  test('a draw tells whether the car uses its offer only once it had time to follow it', () => {
    const sent = new Map([['A#1', { limitA: 16, sentAt: now - 1000 }]])
    const early = snapshot(session({ drawA: { L1: 6, L2: 6, L3: 6 }, drawAt: now }), sent).sessions[0]!
    expect(early.measuredA).toBeUndefined()
    const settled = new Map([['A#1', { limitA: 16, sentAt: now - FOLLOW_MS - 1000 }]])
    expect(
      snapshot(session({ drawA: { L1: 6, L2: 6, L3: 6 }, drawAt: now }), settled).sessions[0],
    ).toMatchObject({ measuredA: 6, offeredA: 16 })
  })

  test('with a fail-safe current, each idle connector holds it in reserve', () => {
    const snap = snapshot(session(), new Map(), 6)
    expect(snap.sessions.find((x) => x.id === reserveId('B#1'))).toMatchObject({ evMinA: 6, evMaxA: 6 })
    expect(snap.sessions.some((x) => x.id === reserveId('A#1'))).toBe(false)
  })
})
