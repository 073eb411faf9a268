import { afterEach, describe, expect, test } from 'bun:test'
import { subjects } from '@src/bus/subjects'
import { DEFAULT_SETTINGS } from '@src/domain/power'
import { SETPOINT_REFRESH_MS, SETPOINT_TTL_S } from '@src/domain/site/setpoint-profiles'
import { type SentCommand, siteFixture } from './fixture'
import { MIN_REPLAN_MS } from './site-actor'

type Fixture = Awaited<ReturnType<typeof siteFixture>>
let f: Fixture
afterEach(() => f?.dispose())

const hour = 3_600_000

/** The limit of a recorded TxProfile command. */
const limitOf = (c: SentCommand) =>
  c.command.type === 'setChargingProfile' ? c.command.profile.schedule.periods[0]!.limit : 0

/** A three-phase site: two three-phase 16 A chargers and a single-phase 32 A one on L1. */
async function threeChargers(site: Parameters<typeof siteFixture>[0] = {}) {
  f = await siteFixture(site)
  await f.connector('A', 1, 'L1,L2,L3', 16)
  await f.connector('B', 1, 'L1,L2,L3', 16)
  await f.connector('C', 1, 'L1', 32)
  f.start()
  await f.run(100)
  return f
}

describe('the loop', () => {
  test('ticks on a fixed delay and reports its lag', async () => {
    await threeChargers()
    const before = f.lags.length
    await f.run(5000)
    expect(f.lags.length - before).toBeGreaterThanOrEqual(9)
    expect(f.lags.length - before).toBeLessThanOrEqual(11)
    expect(Math.max(...f.lags)).toBeLessThan(0.05)
    expect(f.statuses.at(-1)).toMatchObject({ siteId: 'S1', health: 'ok' })
  })

  test('re-plans at once when a car plugs in, not at the next tick', async () => {
    await threeChargers({ loopIntervalMs: 5000 })
    const tx = await f.startTx('A', 1)
    await f.run(MIN_REPLAN_MS + 50)
    expect(f.limits().get(tx)).toBe(16)
  })

  test('a burst of meter values costs one re-plan, not one per value', async () => {
    await threeChargers({ loopIntervalMs: 5000 })
    const tx = await f.startTx('A', 1)
    await f.run(200)
    const before = f.ticks.replan
    for (let i = 0; i < 50; i++) {
      f.event({
        type: 'charger.meterSampled',
        chargerId: 'A',
        evseId: 1,
        transactionId: tx,
        energyWh: i,
        readings: { currentA: { L1: 10, L2: 10, L3: 10 } },
        at: f.clock.now(),
      })
    }
    await f.run(300)
    expect(f.ticks.replan - before).toBe(1)
  })
})

describe('hard limits', () => {
  test('no phase of the main fuse is ever over its limit, whatever comes and goes', async () => {
    await threeChargers({ mainFuseA: 25, safetyMarginA: 1 })
    const a = await f.startTx('A', 1)
    const c = await f.startTx('C', 1)
    await f.run(200)
    const b = await f.startTx('B', 1)
    await f.run(200)
    let running = new Set([a, b, c])
    const check = () => {
      const l = f.limits()
      const of = (tx: number) => (running.has(tx) ? (l.get(tx) ?? 0) : 0)
      const [la, lb, lc] = [of(a), of(b), of(c)]
      expect(la + lb + lc).toBeLessThanOrEqual(24.05)
      expect(la + lb).toBeLessThanOrEqual(24.05)
      expect(la).toBeGreaterThanOrEqual(6)
    }
    check()
    f.event({
      type: 'charger.transactionEnded',
      chargerId: 'C',
      transactionId: c,
      evseId: 1,
      energyWh: 5000,
      reason: 'Local',
      at: f.clock.now(),
    })
    running = new Set([a, b])
    await f.run(11_000)
    check()
    expect(f.limits().get(a)! + f.limits().get(b)!).toBeGreaterThan(20)
  })

  test('a stale building meter means the worst case: setpoints drop at once', async () => {
    await threeChargers({ buildingMeter: 'http', buildingMaxA: 20 })
    f.bus.publish(subjects.siteMeter('S1'), { currentA: [2, 2, 2], measuredAt: f.clock.now() })
    const a = await f.startTx('A', 1)
    await f.run(300)
    expect(f.limits().get(a)).toBe(16)
    await f.run(16_000)
    expect(f.limits().get(a)).toBeLessThanOrEqual(12)
    expect(f.statuses.at(-1)!.problems.join()).toContain('stale')
  })

  test('a building that wanders within the band between readings costs no setpoint', async () => {
    await threeChargers({ buildingMeter: 'http', mainFuseA: 32 })
    const reading = (a: number) =>
      f.bus.publish(subjects.siteMeter('S1'), { currentA: [a, a, a], measuredAt: f.clock.now() })
    reading(20)
    const a = await f.startTx('A', 1)
    // planned at 22 A: 10 A of the 32 A fuse are left
    await f.run(2000)
    expect(f.limits().get(a)).toBe(10)
    const before = f.setpoints('A').length
    for (const wander of [20.5, 19.2, 21.4, 20.1, 21.9, 19.8, 21, 20.3]) {
      reading(wander)
      await f.run(5000)
    }
    expect(f.setpoints('A').length).toBe(before)
    expect(f.limits().get(a)).toBe(10)
    // a rise above the plan: planned at 25 A at once
    reading(23)
    await f.run(300)
    expect(f.limits().get(a)).toBe(7)
  })

  test('an EV drawing more than it was given keeps what it draws; the others make room', async () => {
    await threeChargers({ mainFuseA: 20 })
    const a = await f.startTx('A', 1)
    const b = await f.startTx('B', 1)
    await f.run(300)
    expect(f.limits().get(a)! + f.limits().get(b)!).toBeLessThanOrEqual(20.05)
    const given = f.limits().get(a)!
    f.event({
      type: 'charger.meterSampled',
      chargerId: 'A',
      evseId: 1,
      transactionId: a,
      energyWh: 10,
      readings: { currentA: { L1: given + 5, L2: given + 5, L3: given + 5 } },
      at: f.clock.now(),
    })
    await f.run(300)
    expect(f.limits().get(b)!).toBeLessThanOrEqual(20 - (given + 5) + 0.05)
  })

  test('a charger that goes offline keeps its last limit in reserve', async () => {
    await threeChargers({ mainFuseA: 20 })
    const a = await f.startTx('A', 1)
    await f.run(300)
    expect(f.limits().get(a)).toBe(16)
    f.event({ type: 'charger.disconnected', chargerId: 'A', at: f.clock.now() })
    const b = await f.startTx('B', 1)
    await f.run(300)
    expect(f.limits().get(b)!).toBeLessThanOrEqual(4.05)
  })
})

/** The EV on `chargerId`'s EVSE 1 reports its current range in its charging needs (OCPP 2.0.1). */
function reportNeeds(chargerId: string, minCurrentA: number, maxCurrentA: number) {
  f.event({
    type: 'charger.chargingNeeds',
    chargerId,
    evseId: 1,
    departureAt: null,
    energyWh: null,
    minCurrentA,
    maxCurrentA,
    at: f.clock.now(),
  })
}

describe('priority and delivery', () => {
  test('a new car waits for the reductions that make room for it to take effect', async () => {
    await threeChargers({ mainFuseA: 16, failSafeA: 0 })
    const a = await f.startTx('A', 1)
    await f.run(300)
    expect(f.limits().get(a)).toBe(16)
    const now = f.clock.now()
    const b = await f.startTx('B', 1, { departureAt: now + 600_000, energyNeedWh: 10_000 })
    await f.run(300)
    const cutAt = f.setpoints('A').at(-1)!.at
    expect(f.limits().get(a)!).toBeLessThan(16)
    await f.run(11_000)
    const bFirst = f.setpoints('B').find((c) => limitOf(c) > 0)!
    expect(bFirst.at - cutAt).toBeGreaterThanOrEqual(5000)
    expect(f.limits().get(a)! + f.limits().get(b)!).toBeLessThanOrEqual(16.05)
  })

  test('the car that leaves first gets the capacity first', async () => {
    await threeChargers({ mainFuseA: 16 })
    const now = f.clock.now()
    const late = await f.startTx('A', 1, { departureAt: now + 10 * hour, energyNeedWh: 20_000 })
    const early = await f.startTx('B', 1, { departureAt: now + 2 * hour, energyNeedWh: 20_000 })
    await f.run(300)
    expect(f.limits().get(early)!).toBeGreaterThan(f.limits().get(late) ?? 0)
  })

  test('a tier-1 session gets current before a tier-5 one under a tight fuse, whatever their departures', async () => {
    await threeChargers({ mainFuseA: 16 })
    const now = f.clock.now()
    const normal = await f.startTx('A', 1, {
      departureAt: now + 2 * hour,
      energyNeedWh: 20_000,
      priorityTier: 5,
    })
    const first = await f.startTx('B', 1, {
      departureAt: now + 10 * hour,
      energyNeedWh: 20_000,
      priorityTier: 1,
    })
    await f.run(11_000)
    expect(f.limits().get(first)).toBe(16)
    expect(f.limits().get(normal) ?? 0).toBe(0)
  })

  test('a car given current keeps its minimum for the on-time when a need arrives, then gives way', async () => {
    await threeChargers({ mainFuseA: 20 })
    const holder = await f.startTx('A', 1)
    await f.run(11_000)
    expect(f.limits().get(holder)).toBe(16)
    const now = f.clock.now()
    const urgent = await f.startTx('B', 1, { departureAt: now + hour, energyNeedWh: 30_000 })
    await f.run(60_000, 100)
    expect(f.limits().get(holder)).toBe(6)
    expect(f.limits().get(urgent)).toBe(14)
    await f.run(DEFAULT_SETTINGS.minOnTimeMs, 500)
    expect(f.limits().get(holder)).toBe(0)
    expect(f.limits().get(urgent)).toBe(16)
  })

  test('a car that must charge now does not wait for an incumbent on-time: the floor gives way', async () => {
    await threeChargers({ mainFuseA: 10 })
    const holder = await f.startTx('A', 1)
    await f.run(11_000)
    expect(f.limits().get(holder)).toBe(10)
    const now = f.clock.now()
    const urgent = await f.startTx('B', 1, { departureAt: now + hour, energyNeedWh: 30_000 })
    await f.run(20_000, 100)
    expect(f.limits().get(urgent)).toBe(10)
    expect(f.limits().get(holder) ?? 0).toBe(0)
  })

  test('an EV that reports a minimum above 6 A is never offered less: it would not charge', async () => {
    await threeChargers({ mainFuseA: 22 })
    const now = f.clock.now()
    const a = await f.startTx('A', 1, { departureAt: now + hour, energyNeedWh: 20_000 })
    const b = await f.startTx('B', 1)
    await f.run(11_000)
    expect(f.limits().get(a)).toBe(16)
    expect(f.limits().get(b)).toBe(6)
    reportNeeds('B', 8, 32)
    await f.run(11_000)
    const bNow = f.limits().get(b)!
    expect(bNow === 0 || bNow >= 8).toBe(true)
    expect(f.limits().get(a)! + bNow).toBeLessThanOrEqual(22.05)
  })

  test('charging needs reported before the session is known still reach it; a driver departure keeps the EV range', async () => {
    await threeChargers({ mainFuseA: 22 })
    const now = f.clock.now()
    const a = await f.startTx('A', 1, { departureAt: now + hour, energyNeedWh: 20_000 })
    reportNeeds('B', 8, 32)
    const b = await f.startTx('B', 1, { departureAt: now + 10 * hour, energyNeedWh: 10_000 })
    await f.run(11_000)
    const bNow = f.limits().get(b)!
    expect(bNow === 0 || bNow >= 8).toBe(true)
    expect(f.limits().get(a)! + bNow).toBeLessThanOrEqual(22.05)
  })

  test('every charger on the site gets its fail-safe default when it connects', async () => {
    await threeChargers({ failSafeA: 6 })
    f.event({
      type: 'charger.connected',
      chargerId: 'B',
      protocol: 'ocpp1.6',
      nodeId: 'n',
      at: f.clock.now(),
    })
    await f.run(100)
    const fallback = f.sent.find(
      (c) =>
        c.chargerId === 'B' &&
        c.command.type === 'setChargingProfile' &&
        c.command.profile.purpose === 'TxDefaultProfile',
    )
    expect(fallback?.command).toMatchObject({
      evseId: 0,
      profile: { schedule: { periods: [{ limit: 6 }] } },
      fence: { key: 'site:S1' },
    })
  })

  test('setpoints run out unless renewed, and a live loop renews them before they do', async () => {
    await threeChargers()
    await f.startTx('A', 1)
    await f.run(300)
    expect(f.setpoints('A')).toHaveLength(1)
    expect(f.setpoints('A')[0]!.command).toMatchObject({ profile: { schedule: { durationS: 360 } } })
    await f.run(185_000, 500)
    const [first, renewed] = f.setpoints('A')
    expect(f.setpoints('A')).toHaveLength(2)
    expect(renewed!.at - first!.at).toBeGreaterThanOrEqual(SETPOINT_REFRESH_MS)
    expect(renewed!.at - first!.at).toBeLessThan(SETPOINT_TTL_S * 1000)
  })

  test('a charger that refuses a setpoint is flagged and not pestered with increases', async () => {
    await threeChargers()
    f.setAnswer(() => ({ status: 'Rejected', detail: 'no smart charging' }))
    await f.startTx('C', 1)
    await f.run(2000)
    expect(f.setpoints('C')).toHaveLength(1)
    expect(f.statuses.at(-1)!.problems.join()).toContain('did not take its')
  })
})

describe('one owner in the cluster', () => {
  test('without the lease the loop stands by; when the lease frees up it takes over', async () => {
    f = await siteFixture()
    await f.connector('A', 1, 'L1,L2,L3', 16)
    const other = await f.bus.leases.acquire('site:S1', 'node-b', 10_000)
    f.start()
    await f.startTx('A', 1)
    await f.run(2000)
    expect(f.sent).toEqual([])
    expect(f.statuses).toEqual([])
    await f.bus.leases.release(other!)
    await f.run(5000)
    expect(
      f.sent.some((c) => c.command.type === 'setChargingProfile' && c.command.fence!.token > other!.token),
    ).toBe(true)
    expect(f.statuses.at(-1)).toMatchObject({ health: 'ok' })
  })
})
