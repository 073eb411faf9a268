import { describe, expect, test } from 'bun:test'
import type { GridPhase } from '@src/domain/power'
import type { ScenarioCar, ScenarioCharger, ScenarioVisit, SiteScenario } from '@src/sim/site/types'
import { SiteWorld } from '@src/sim/site/world'
import { runClosedLoop } from './closed-loop'
import { commandLink } from './command-link'
import { uncontrolled } from './equal-share'
import { SettlingClock } from './settling-clock'

const START = Date.UTC(2026, 0, 12, 17)
const HOUR_S = 3600
const WIRING: readonly (readonly GridPhase[])[] = [
  ['L1', 'L2', 'L3'],
  ['L2', 'L3', 'L1'],
  ['L3', 'L1', 'L2'],
]

const car: ScenarioCar = {
  model: 'test 11 kW',
  phases: 3,
  maxA: 16,
  minA: 6,
  responseDelayS: 2,
  rampUpAps: 2,
  underPilotA: 0.5,
  batteryWh: 60_000,
  taperFromShare: 0.9,
}

const charger = (i: number, over: Partial<ScenarioCharger> = {}): ScenarioCharger => ({
  id: `cp${i}`,
  maxA: 16,
  wiring: WIRING[i % 3]!,
  applyLatencyS: 1,
  meterIntervalS: 10,
  ...over,
})

const visit = (i: number, over: Partial<ScenarioVisit> = {}): ScenarioVisit => ({
  id: `v${i}`,
  chargerId: `cp${i}`,
  arrivalS: 60 + 30 * i,
  departureS: 2 * HOUR_S,
  told: { kind: 'told', atS: 2 * HOUR_S },
  needWh: 20_000,
  car,
  ...over,
})

/** `n` chargers on one main fuse of `mainA`, a flat building of `buildingA` read every 5 s. */
function scenario(n: number, mainA: number, buildingA: number, over: Partial<SiteScenario> = {}): SiteScenario {
  const chargers = Array.from({ length: n }, (_, i) => charger(i))
  return {
    name: `test ${n} × 16 A on ${mainA} A`,
    description: 'a small hand-made site',
    kind: 'realistic',
    startAtMs: START,
    durationS: 2 * HOUR_S,
    voltageV: 230,
    main: { id: 'main', limitA: mainA, chargerIds: chargers.map((c) => c.id) },
    chargers,
    visits: chargers.map((_, i) => visit(i)),
    building: { at: () => [buildingA, buildingA, buildingA], readIntervalS: 5 },
    failSafeA: 0,
    ...over,
  }
}

describe('closed loop', () => {
  test('uncontrolled cars that exceed the fuse are reported over its rating, as the allocation', async () => {
    const r = await runClosedLoop(scenario(4, 40, 5), uncontrolled)
    expect(r.overloads.seconds).toBeGreaterThan(HOUR_S / 2)
    expect(r.overloads.byClass.allocation.seconds).toBe(r.overloads.seconds)
    expect(r.overloads.worstA).toBeGreaterThan(15)
    expect(r.setpoints).toBe(0)
  })

  test('our loop shares a fuse the cars would exceed without going over it, and delivers energy', async () => {
    const s = scenario(4, 40, 5)
    const r = await runClosedLoop(s, 'ours')
    expect(r.overloads.seconds).toBe(0)
    const delivered = r.visits.reduce((sum, v) => sum + v.deliveredWh, 0)
    const fuseWhPerHour = (40 - 5) * 3 * 230
    expect(delivered).toBeGreaterThan(0.8 * fuseWhPerHour * 1.5)
    expect(r.setpoints).toBeGreaterThan(0)
    expect(Math.max(...r.mainA)).toBeLessThanOrEqual(40)
  })

  test('our loop reads an OCPP building meter as the product does', async () => {
    const s = scenario(3, 40, 20, { durationS: HOUR_S })
    const r = await runClosedLoop(s, 'ours', { buildingMeter: 'ocpp' })
    expect(r.overloads.seconds).toBe(0)
    expect(r.visits.every((v) => v.deliveredWh > 0)).toBe(true)
  })
})

describe('command link', () => {
  test('a setpoint to a charger whose link is down changes nothing in the world and times out', async () => {
    const s = scenario(1, 40, 0, {
      chargers: [charger(0, { linkDown: [{ fromS: 100, toS: 1000 }] })],
    })
    const world = new SiteWorld(s)
    const clock = new SettlingClock(START)
    const link = commandLink({ clock, world, connected: new Set(['cp0']), callTimeoutMs: 30_000 })
    const send = (limitA: number) =>
      link('cp0', {
        type: 'setChargingProfile',
        evseId: 1,
        profile: {
          id: 9101,
          stackLevel: 2,
          purpose: 'TxProfile',
          kind: 'Absolute',
          transactionId: 1,
          schedule: { rateUnit: 'A', startSchedule: clock.now(), durationS: 300, periods: [{ startPeriodS: 0, limit: limitA }] },
        },
      })
    world.advanceTo(90)
    await clock.runUntil(START + 90_000)
    const accepted = send(10)
    await clock.runUntil(START + 95_000)
    expect(await accepted).toEqual({ status: 'Accepted' })
    world.advanceTo(120)
    expect(world.pilotA('cp0')).toBe(10)
    await clock.runUntil(START + 120_000)
    let outcome: { status: string } | undefined
    void send(16).then((o) => {
      outcome = o
    })
    world.advanceTo(200)
    expect(world.pilotA('cp0')).toBe(10)
    await clock.runUntil(START + 149_000)
    expect(outcome).toBeUndefined()
    await clock.runUntil(START + 150_000)
    expect(outcome?.status).toBe('Timeout')
  })
})
