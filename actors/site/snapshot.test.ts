import { describe, expect, test } from 'bun:test'
import { siteModel } from '@src/domain/site/model'
import type { SiteConfig } from '@src/domain/site/site-config'
import { PROBE_FIRST_MS } from './declined'
import { type DeliveryState, emptyDelivery } from './delivery'
import type { SiteSession } from './sessions'
import { BEYOND_ESTIMATE_WH, buildSnapshot, FOLLOW_MS } from './snapshot'
import { TEST_NOW, testSession } from './test-session'

const now = TEST_NOW
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
    objective: 'vehicles',
    timeZone: 'Europe/Stockholm',
    accessDefault: 'allowAccepted',
    holidays: [],
    createdAt: 0,
    updatedAt: 0,
  },
  circuits: [],
  connectors: [
    { siteId: 'S', chargerId: 'A', evseId: 1, circuitId: null, maxA: 16, wiring: 'L1,L2,L3' },
    { siteId: 'S', chargerId: 'B', evseId: 1, circuitId: null, maxA: 16, wiring: 'L1' },
  ],
}

const session = testSession

/** Deliveries where `A#1` was sent and confirmed `limitA` at `at`. */
function confirmedAt(limitA: number, at: number, beforeA = 0): DeliveryState {
  const d = emptyDelivery()
  d.sent.set('A#1', { limitA, sentAt: at })
  d.confirmed.set('A#1', { limitA, at, beforeA })
  return d
}

function build(s: SiteSession, delivery = emptyDelivery(), failSafeA = 0) {
  return buildSnapshot({
    config,
    ...siteModel(config),
    sessions: [s],
    delivery,
    online: new Set(['A', 'B']),
    building: undefined,
    failSafeA,
    reachedKw: 0,
    now,
  })
}

const snapshot = (s: SiteSession, delivery = emptyDelivery(), failSafeA = 0) =>
  build(s, delivery, failSafeA).snapshot

describe('the snapshot the loop allocates from', () => {
  test("the site's objective is what allocate optimises", () => {
    const fair = { ...config, site: { ...config.site, objective: 'fair' as const } }
    const built = buildSnapshot({
      config: fair,
      ...siteModel(fair),
      sessions: [session()],
      delivery: emptyDelivery(),
      online: new Set(['A']),
      building: undefined,
      failSafeA: 0,
      reachedKw: 0,
      now,
    })
    expect(built.snapshot.settings).toEqual({ objective: 'fair' })
  })

  test('energy still needed is the need minus what was delivered', () => {
    expect(snapshot(session()).sessions[0]).toMatchObject({ energyNeededWh: 5000 })
  })

  test('a car that declined its offer needs nothing until its probe', () => {
    const declined = session({ declined: { at: now - 60_000, probes: 0 } })
    expect(snapshot(declined).sessions[0]).toMatchObject({ energyNeededWh: 0 })
    const probing = session({ declined: { at: now - PROBE_FIRST_MS, probes: 0 } })
    expect(snapshot(probing).sessions[0]).toMatchObject({ energyNeededWh: 5000 })
  })

  test('a minimum the car showed raises the one it told, and is what allocate plans with', () => {
    expect(snapshot(session({ learnedMinA: 9.6 })).sessions[0]).toMatchObject({ evMinA: 9.6 })
    expect(snapshot(session({ evMinA: 10, learnedMinA: 8 })).sessions[0]).toMatchObject({ evMinA: 10 })
    expect(snapshot(session({ evMinA: 10 })).sessions[0]).toMatchObject({ evMinA: 10 })
  })

  test('an EV past its announced need that still charges keeps a low-priority need', () => {
    expect(snapshot(session({ energyWh: 12_000 })).sessions[0]).toMatchObject({
      energyNeededWh: BEYOND_ESTIMATE_WH,
    })
  })

  test('a draw tells whether the car uses its offer only once two readings after the offer agree', () => {
    const sentAt = now - 60_000
    const reading = { drawA: { L1: 6, L2: 6, L3: 6 }, drawAt: now }
    const early = snapshot(session(reading), confirmedAt(16, now - 1000)).sessions[0]!
    expect(early.measuredA).toBeUndefined()
    const ramping = session({ ...reading, previousDraw: { maxA: 2, at: sentAt + FOLLOW_MS } })
    expect(snapshot(ramping, confirmedAt(16, sentAt)).sessions[0]!.measuredA).toBeUndefined()
    const steady = session({ ...reading, previousDraw: { maxA: 6.4, at: sentAt + FOLLOW_MS } })
    expect(snapshot(steady, confirmedAt(16, sentAt)).sessions[0]).toMatchObject({
      measuredA: 6,
      offeredA: 16,
    })
  })

  test('a refresh of the same limit is no new offer: a settled car stays settled', () => {
    const changedAt = now - 300_000
    const d = confirmedAt(16, changedAt)
    d.changes.set('A#1', { limitA: 16, at: changedAt, from: undefined })
    d.sent.set('A#1', { limitA: 16, sentAt: now - 2000 })
    const steady = session({
      drawA: { L1: 6, L2: 6, L3: 6 },
      drawAt: now - 1000,
      previousDraw: { maxA: 6.2, at: now - 61_000 },
    })
    expect(snapshot(steady, d).sessions[0]).toMatchObject({ measuredA: 6, offeredA: 16 })
  })

  test('a confirmed limit with nothing newer on its way is held; one being changed or carried is not', () => {
    expect(snapshot(session(), confirmedAt(16, now - 60_000)).sessions[0]!.heldA).toBe(16)
    const changing = confirmedAt(16, now - 60_000)
    changing.sent.set('A#1', { limitA: 10, sentAt: now - 100 })
    expect(snapshot(session(), changing).sessions[0]!.heldA).toBeUndefined()
    const cut = confirmedAt(6, now - 1000, 16)
    expect(snapshot(session(), cut).sessions[0]).toMatchObject({ carriedA: 16 })
    expect(snapshot(session(), cut).sessions[0]!.heldA).toBeUndefined()
  })

  test('the phases a car was seen drawing on are the phases it is planned on', () => {
    expect(snapshot(session({ evPhases: 1 })).sessions[0]).toMatchObject({ evPhases: 1 })
    expect(snapshot(session()).sessions[0]!.evPhases).toBeUndefined()
  })

  test('a session whose charger has not confirmed its setpoint is carried at the higher limit', () => {
    const d = confirmedAt(16, now - 60_000)
    d.sent.set('A#1', { limitA: 8, sentAt: now - 100 })
    const built = build(session(), d)
    expect(built.snapshot.sessions[0]).toMatchObject({ carriedA: 16 })
    expect(built.carried.get('A#1')?.why).toBe('unconfirmed')
  })

  test('an idle connector holds nothing: a car that plugs in is carried at the fail-safe until its first setpoint is confirmed', () => {
    const built = build(session(), emptyDelivery(), 6)
    expect(built.snapshot.sessions.map((x) => x.id)).toEqual(['A#1'])
    expect(built.snapshot.sessions[0]).toMatchObject({ carriedA: 6 })
    expect(built.carried.get('A#1')?.why).toBe('arriving')
  })
})
