import { afterEach, describe, expect, test } from 'bun:test'
import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import { siteFixture } from './fixture'

/**
 * The site actor on the bus: what it subscribes to survives crashes exactly once, what arrives is
 * validated before it reaches the site's state, and a bus that fails its lease calls means standby.
 */
type Fixture = Awaited<ReturnType<typeof siteFixture>>
let f: Fixture
afterEach(() => f?.dispose())

/** Counts live subscriptions per pattern and the handler calls each publish caused. */
function spyOnSubscriptions(bus: Bus) {
  const live = new Map<string, number>()
  const delivered = new Map<string, number>()
  const subscribe = bus.subscribe.bind(bus)
  bus.subscribe = (pattern, handler) => {
    live.set(pattern, (live.get(pattern) ?? 0) + 1)
    const off = subscribe(pattern, (payload, subject) => {
      delivered.set(pattern, (delivered.get(pattern) ?? 0) + 1)
      handler(payload, subject)
    })
    let on = true
    return () => {
      if (on) live.set(pattern, (live.get(pattern) ?? 0) - 1)
      on = false
      off()
    }
  }
  return { live, delivered }
}

/** A site with one 16 A three-phase charger, its loop started. */
async function oneCharger() {
  f = await siteFixture()
  await f.connector('A', 1, 'L1,L2,L3', 16)
  const spy = spyOnSubscriptions(f.bus)
  f.start()
  await f.run(100)
  return spy
}

/** Makes the next reload of the site's configuration fail, which crashes the actor once. */
async function crashOnce() {
  const { sites } = f.repos
  const config = sites.config.bind(sites)
  sites.config = async () => {
    sites.config = config
    throw new Error('database hiccup')
  }
  f.bus.publish(subjects.siteChanged('S1'), {})
  await f.run(200)
}

const sessionIds = () => f.statuses.at(-1)?.sessions.map((s) => s.transactionId)

describe('the site actor across crashes', () => {
  test('after two crashes it holds one subscription per subject, so each charger event counts once', async () => {
    const { live, delivered } = await oneCharger()
    await crashOnce()
    await crashOnce()
    expect(f.system.stats.restarts).toBe(2)
    expect(live.get(subjects.chargerEvents('A'))).toBe(1)
    expect(live.get(subjects.siteChanged('S1'))).toBe(1)
    expect(live.get(subjects.siteMeter('S1'))).toBe(1)
    f.event({ type: 'charger.disconnected', chargerId: 'A', at: f.clock.now() })
    await f.run(100)
    expect(delivered.get(subjects.chargerEvents('A'))).toBe(1)
  })

  test('a charger that leaves the site is no longer followed; the others keep their subscription', async () => {
    const { live } = await oneCharger()
    await f.connector('B', 1, 'L1,L2,L3', 16)
    f.bus.publish(subjects.siteChanged('S1'), {})
    await f.run(200)
    expect(live.get(subjects.chargerEvents('B'))).toBe(1)
    await f.writer.write([f.repos.sites.unassignConnector('S1', 'A', 1)])
    f.bus.publish(subjects.siteChanged('S1'), {})
    await f.run(200)
    expect(live.get(subjects.chargerEvents('A'))).toBe(0)
    expect(live.get(subjects.chargerEvents('B'))).toBe(1)
  })
})

describe('bus payloads are validated where they arrive', () => {
  test('a malformed charger event never reaches the site state and never crashes the actor', async () => {
    await oneCharger()
    const tx = await f.startTx('A', 1)
    await f.run(1500)
    expect(sessionIds()).toEqual([tx])
    const subject = subjects.chargerEvent('A', 'transactionEnded')
    const ended = { type: 'charger.transactionEnded', chargerId: 'A', evseId: 1, transactionId: tx }
    for (const bad of [
      null,
      'transactionEnded',
      [ended],
      ended,
      { ...ended, energyWh: 'lots', reason: null, at: f.clock.now() },
      { ...ended, chargerId: 'B', energyWh: 1000, reason: null, at: f.clock.now() },
      { type: 'charger.disconnected', chargerId: 'A', at: 'yesterday' },
    ])
      f.bus.publish(subject, bad)
    await f.run(1500)
    expect(f.system.stats.restarts).toBe(0)
    expect(sessionIds()).toEqual([tx])
    expect(f.limits().get(tx)).toBe(16)
    f.bus.publish(subject, { ...ended, energyWh: 1000, reason: null, at: f.clock.now() })
    await f.run(1500)
    expect(sessionIds()).toEqual([])
  })

  test('a malformed building reading is dropped; a valid one is taken', async () => {
    f = await siteFixture({ buildingMeter: 'http', buildingMaxA: 30 })
    await f.connector('A', 1, 'L1,L2,L3', 16)
    f.start()
    await f.run(100)
    for (const bad of [null, { currentA: [1, 2], measuredAt: f.clock.now() }, { currentA: [1, 2, '3'] }])
      f.bus.publish(subjects.siteMeter('S1'), bad)
    await f.run(1500)
    expect(f.system.stats.restarts).toBe(0)
    expect(f.statuses.at(-1)?.buildingStale).toBe(true)
    f.bus.publish(subjects.siteMeter('S1'), { currentA: [5, 6, 7], measuredAt: f.clock.now() })
    await f.run(1500)
    expect(f.statuses.at(-1)).toMatchObject({ buildingStale: false, buildingA: [5, 6, 7] })
  })
})

describe('the lease', () => {
  test('lease calls that fail: the site stands by without crashing, sends nothing new, and takes the lease back', async () => {
    await oneCharger()
    const first = await f.startTx('A', 1)
    await f.run(1000)
    expect(f.limits().get(first)).toBe(16)
    const { leases } = f.bus
    const [acquire, renew] = [leases.acquire.bind(leases), leases.renew.bind(leases)]
    const down = () => Promise.reject(new Error('NATS connection lost'))
    Object.assign(leases, { acquire: down, renew: down })
    await f.run(5000)
    const sentWhileDown = f.sent.length
    await f.connector('B', 1, 'L1,L2,L3', 16)
    f.bus.publish(subjects.siteChanged('S1'), {})
    const second = await f.startTx('B', 1)
    await f.run(30_000)
    expect(f.system.stats.restarts).toBe(0)
    expect(f.sent.length).toBe(sentWhileDown)
    Object.assign(leases, { acquire, renew })
    await f.run(5000)
    expect(f.limits().get(second)).toBeGreaterThan(0)
    const fallbacks = f.sent.slice(sentWhileDown).filter((c) => c.command.type === 'setChargingProfile')
    expect(fallbacks.some((c) => c.command.type === 'setChargingProfile' && c.command.evseId === 0)).toBe(
      true,
    )
  })

  test('a stopped site gives its lease up at once', async () => {
    await oneCharger()
    f.kind.stop('S1')
    await f.run(100)
    expect(await f.bus.leases.acquire('site:S1', 'node-b', 10_000)).toBeDefined()
  })

  test('a site removed from the database stops and gives its lease up at once', async () => {
    await oneCharger()
    await f.writer.write([f.repos.sites.remove('S1')])
    f.bus.publish(subjects.siteChanged('S1'), {})
    await f.run(200)
    expect(f.kind.size).toBe(0)
    expect(await f.bus.leases.acquire('site:S1', 'node-b', 10_000)).toBeDefined()
  })
})
