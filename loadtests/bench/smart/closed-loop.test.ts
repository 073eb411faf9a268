import { describe, expect, test } from 'bun:test'
import type { GridPhase } from '@src/domain/power'
import type {
  ScenarioBuilding,
  ScenarioCar,
  ScenarioCharger,
  ScenarioVisit,
  SiteScenario,
} from '@src/sim/site/types'
import { SiteWorld } from '@src/sim/site/world'
import { runClosedLoop } from './closed-loop'
import { commandLink } from './command-link'
import type { Controller, ControllerView } from './controller'
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
  departureS: HOUR_S,
  told: { kind: 'told', atS: HOUR_S },
  needWh: 20_000,
  car,
  ...over,
})

/** `n` chargers on one main fuse of `mainA`, a flat building of `buildingA` read every 5 s. */
function scenario(
  n: number,
  mainA: number,
  buildingA: number,
  over: Partial<SiteScenario> = {},
): SiteScenario {
  const chargers = Array.from({ length: n }, (_, i) => charger(i))
  return {
    name: `test ${n} × 16 A on ${mainA} A`,
    description: 'a small hand-made site',
    kind: 'realistic',
    startAtMs: START,
    durationS: HOUR_S,
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
    const r = await runClosedLoop(scenario(4, 40, 5), 'ours')
    expect(r.overloads.seconds).toBe(0)
    expect(Math.max(...r.mainA)).toBeLessThanOrEqual(40)
    const delivered = r.visits.reduce((sum, v) => sum + v.deliveredWh, 0)
    const fuseWh = (40 - 5) * 3 * 230 * 0.9
    expect(delivered).toBeGreaterThan(0.8 * fuseWh)
    expect(r.setpoints).toBeGreaterThan(0)
  }, 60_000)

  test('a departure the driver page refuses (in the past) is counted, for ours and for a baseline', async () => {
    const s = scenario(2, 40, 5, { visits: [visit(0, { told: { kind: 'told', atS: 30 } }), visit(1)] })
    expect((await runClosedLoop(s, 'ours')).refusedDepartures).toBe(1)
    expect((await runClosedLoop(s, uncontrolled)).refusedDepartures).toBe(1)
  }, 60_000)

  test('our loop reads an OCPP building meter as the product does', async () => {
    const r = await runClosedLoop(scenario(3, 40, 20), 'ours', { buildingMeter: 'ocpp' })
    expect(r.overloads.seconds).toBe(0)
    const delivered = r.visits.reduce((sum, v) => sum + v.deliveredWh, 0)
    const leftWh = (40 - 20) * 3 * 230 * 0.95
    expect(delivered).toBeGreaterThan(0.6 * leftWh)
  }, 60_000)
})

/** Shares what the last building reading leaves of the fuse equally, every second (4 cars, 40 A). */
const reactive: Controller = {
  name: 'reactive',
  limits: (view: ControllerView) => {
    const building = Math.max(...(view.building?.currentA ?? [40, 40, 40]))
    const share = Math.max(0, Math.min(16, Math.floor(((40 - building) / 4) * 10) / 10))
    return new Map(view.sessions.map((s) => [s.chargerId, share]))
  },
}

/** Gives every car 8 A whatever happens. */
const fixed: Controller = {
  name: 'fixed',
  limits: (view) => new Map(view.sessions.map((s) => [s.chargerId, 8])),
}

/** A flat building of 5 A that steps to 15 A for ten minutes from 30 min. */
const stepping: ScenarioBuilding = {
  at: (s) => (s >= 1800 && s < 2400 ? [15, 15, 15] : [5, 5, 5]),
  readIntervalS: 5,
}

describe('overload attribution in closed loop', () => {
  test('a controller that follows the building is over only until the reading and while the cars come down', async () => {
    const r = await runClosedLoop(scenario(4, 40, 5, { building: stepping }), reactive)
    const c = r.overloads.byClass
    expect(c.allocation.seconds).toBe(0)
    expect(c.building.seconds).toBeGreaterThanOrEqual(1)
    expect(c.building.seconds).toBeLessThanOrEqual(5)
    expect(c.evLag.seconds).toBeGreaterThanOrEqual(1)
    expect(c.evLag.seconds).toBeLessThanOrEqual(5)
  })

  test('a disobeying charger that takes its maximum is the allocation, never EV lag', async () => {
    const s = scenario(4, 40, 5)
    const chargers = s.chargers.map((c, i) => (i === 0 ? { ...c, disobeys: true } : c))
    const r = await runClosedLoop({ ...s, chargers }, fixed)
    expect(r.overloads.byClass.allocation.seconds).toBeGreaterThan(HOUR_S / 2)
    expect(r.overloads.byClass.evLag.seconds).toBe(0)
  })

  test('a building that alone is over the main fuse is the building, whatever the controller', async () => {
    const r = await runClosedLoop(scenario(2, 40, 45, { visits: [] }), uncontrolled)
    expect(r.overloads.seconds).toBe(HOUR_S)
    expect(r.overloads.byClass.building.seconds).toBe(HOUR_S)
  })

  test('a controller that ignores the building is at fault once it has read the step', async () => {
    const r = await runClosedLoop(scenario(4, 40, 5, { building: stepping }), fixed)
    const c = r.overloads.byClass
    expect(c.building.seconds).toBeGreaterThanOrEqual(1)
    expect(c.building.seconds).toBeLessThanOrEqual(5)
    expect(c.allocation.seconds).toBe(600 - c.building.seconds)
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
          schedule: {
            rateUnit: 'A',
            startSchedule: clock.now(),
            durationS: 300,
            periods: [{ startPeriodS: 0, limit: limitA }],
          },
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
