import { describe, expect, test } from 'bun:test'
import { LINK_LOSS_DETECT_S } from './charger-link'
import type { WorldOutput } from './types'
import { SiteWorld } from './world'
import { ofType, oneCarScenario } from './world-fixture'

/** Plays the world to `s` and returns everything it sent on the way. */
function playTo(world: SiteWorld, s: number, sink: WorldOutput[] = []): WorldOutput[] {
  sink.push(...world.advanceTo(s))
  return sink
}

const drawAt = (world: SiteWorld) => world.chargerA('c1')

describe('a simulated charger', () => {
  test('reports SuspendedEVSE when its pilot falls under 6 A, and the car draws 0', () => {
    const world = new SiteWorld(oneCarScenario())
    playTo(world, 20)
    expect(world.setLimit('c1', 5, 300)).toMatchObject({ status: 'Accepted' })
    const out = playTo(world, 30)
    expect(ofType(out, 'charger.transactionUpdated').map((e) => e.chargingState)).toEqual(['SuspendedEVSE'])
    expect(drawAt(world)).toEqual([0, 0, 0])
    expect(world.pilotA('c1')).toBe(0)
  })

  test('reports Charging while the car draws and SuspendedEV once it is full', () => {
    const world = new SiteWorld(oneCarScenario({ visit: { needWh: 100 } }))
    const states = ofType(playTo(world, 60), 'charger.transactionUpdated').map((e) => e.chargingState)
    expect(states).toEqual(['Charging', 'SuspendedEV'])
  })

  test('does not call a car that is still answering a new offer SuspendedEV', () => {
    const world = new SiteWorld(oneCarScenario({ car: { responseDelayS: 8, rampUpAps: 2 } }))
    playTo(world, 100)
    world.setLimit('c1', 0, 300)
    playTo(world, 200)
    world.setLimit('c1', 16, 300)
    const states = ofType(playTo(world, 260), 'charger.transactionUpdated').map((e) => e.chargingState)
    expect(states).toEqual(['Charging'])
  })

  test('applies a setpoint after its latency, rounded up to whole seconds', () => {
    const world = new SiteWorld(oneCarScenario({ charger: { applyLatencyS: 1.4 } }))
    playTo(world, 10)
    world.setLimit('c1', 10, 300)
    playTo(world, 11)
    expect(world.pilotA('c1')).toBe(16)
    playTo(world, 12)
    expect(world.pilotA('c1')).toBe(10)
  })

  test('samples every meter interval from the start, with the current of that very second', () => {
    const world = new SiteWorld(oneCarScenario({ car: { rampUpAps: 1 }, charger: { meterIntervalS: 15 } }))
    const samples = ofType(playTo(world, 50), 'charger.meterSampled')
    const start = Date.UTC(2024, 0, 15, 11)
    expect(samples.map((e) => (e.at - start) / 1000)).toEqual([15, 30, 45])
    expect(samples.map((e) => e.readings.currentA?.L1)).toEqual([16, 16, 16])
    expect(samples[0]!.readings.currentA).toEqual({ L1: 16, L2: 16, L3: 16 })
  })

  test('a ramping car is sampled mid-ramp, not averaged', () => {
    const world = new SiteWorld(oneCarScenario({ car: { rampUpAps: 0.5 } }))
    const [first] = ofType(playTo(world, 10), 'charger.meterSampled')
    expect(first!.readings.currentA?.L1).toBe(5.5)
  })

  test('falls back to its default once a setpoint is not renewed within its validity', () => {
    const world = new SiteWorld(oneCarScenario())
    playTo(world, 0)
    world.setDefault('c1', 6)
    world.setLimit('c1', 10, 60)
    playTo(world, 59)
    expect(world.pilotA('c1')).toBe(10)
    playTo(world, 60)
    expect(world.pilotA('c1')).toBe(6)
  })

  test('rejects a setpoint with no transaction running', () => {
    const world = new SiteWorld(oneCarScenario({ visit: { arrivalS: 100 } }))
    playTo(world, 10)
    expect(world.setLimit('c1', 10, 300)).toMatchObject({ status: 'Rejected' })
  })

  test('a disobeying charger answers Accepted and keeps offering its maximum', () => {
    const world = new SiteWorld(oneCarScenario({ charger: { disobeys: true } }))
    playTo(world, 10)
    expect(world.setLimit('c1', 6, 300)).toMatchObject({ status: 'Accepted' })
    expect(world.setDefault('c1', 6)).toMatchObject({ status: 'Accepted' })
    playTo(world, 30)
    expect(world.pilotA('c1')).toBe(16)
    expect(drawAt(world)).toEqual([16, 16, 16])
  })

  test('a 1-phase car on a rotated wallbox draws on the grid phase of the charger’s first phase only', () => {
    const world = new SiteWorld(
      oneCarScenario({ car: { phases: 1 }, charger: { wiring: ['L2', 'L3', 'L1'] } }),
    )
    const [sample] = ofType(playTo(world, 10), 'charger.meterSampled')
    expect(drawAt(world)).toEqual([0, 16, 0])
    expect(sample!.readings.currentA).toEqual({ L1: 16, L2: 0, L3: 0 })
  })
})

describe('a charger whose link drops', () => {
  const down = { fromS: 100, toS: 1000 }
  const scenario = oneCarScenario({
    charger: { linkDown: [down] },
    visit: { departureS: 500 },
    durationS: 2000,
  })

  test('gets no answer to a setpoint and does not apply it', () => {
    const world = new SiteWorld(scenario)
    playTo(world, 200)
    expect(world.setLimit('c1', 6, 300)).toEqual({ status: 'NoAnswer' })
    expect(world.setDefault('c1', 6)).toEqual({ status: 'NoAnswer' })
    playTo(world, 210)
    expect(world.pilotA('c1')).toBe(16)
  })

  test('loses what it sends while down; the CSMS notices the drop only when the socket times out', () => {
    const world = new SiteWorld(scenario)
    const out = playTo(world, 999)
    const start = Date.UTC(2024, 0, 15, 11)
    const samples = ofType(out, 'charger.meterSampled').map((e) => (e.at - start) / 1000)
    expect(Math.max(...samples)).toBeLessThan(down.fromS)
    expect(ofType(out, 'charger.disconnected').map((e) => (e.at - start) / 1000)).toEqual([
      down.fromS + LINK_LOSS_DETECT_S,
    ])
    expect(ofType(out, 'charger.transactionEnded')).toEqual([])
  })

  test('on reconnection says connected, then sends the transaction end it held and its status', () => {
    const world = new SiteWorld(scenario)
    playTo(world, 999)
    const out = world.advanceTo(1000)
    expect(out.filter((e) => e.type !== 'building.reading').map((e) => e.type)).toEqual([
      'charger.connected',
      'charger.transactionEnded',
      'charger.statusChanged',
    ])
    const ended = ofType(out, 'charger.transactionEnded')[0]!
    expect(ended.at).toBe(Date.UTC(2024, 0, 15, 11) + 500_000)
    expect(ended.energyWh).toBe(Math.round(world.deliveredWh('v1')))
  })

  test('keeps its last setpoint while down, until it runs out', () => {
    const world = new SiteWorld(scenario)
    playTo(world, 50)
    world.setDefault('c1', 6)
    world.setLimit('c1', 10, 300)
    playTo(world, 349)
    expect(world.pilotA('c1')).toBe(10)
    playTo(world, 350)
    expect(world.pilotA('c1')).toBe(6)
  })
})
