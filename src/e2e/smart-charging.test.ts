import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { subjects } from '@src/bus/subjects'
import type { SiteSettings } from '@src/domain/site/site-config'
import type { Ev } from '@src/sim/ev'
import { SimCharger } from '@src/sim/sim-charger'
import { startTestNode, type TestNode } from '@src/testing/node'

/**
 * End to end, in real time: simulated chargers of both OCPP versions on one site whose fuse can feed
 * one car at full power. Cars come and go; the fuse must hold on every phase (measured from what the
 * simulated cars really draw) and the car leaving first must finish first.
 */
const FUSE_A = 16
const KEY = 'test-api-key-0123456789'

/** A small car: `needWh` takes ~10 s at 16 A on three phases. */
const car = (needWh: number, phases: 1 | 3 = 3): Ev => ({
  model: 'Test',
  capacityKWh: 10,
  maxCurrentA: 16,
  phases,
  soc: 0.5,
  targetSoc: 0.5 + needWh / 10_000,
})

const stations = [
  { id: 'E2E-A', protocol: 'ocpp1.6' as const, wiring: 'L1,L2,L3', phases: 3 as const },
  { id: 'E2E-B', protocol: 'ocpp2.0.1' as const, wiring: 'L2,L3,L1', phases: 3 as const },
  { id: 'E2E-C', protocol: 'ocpp1.6' as const, wiring: 'L2', phases: 1 as const },
  { id: 'E2E-D', protocol: 'ocpp2.0.1' as const, wiring: 'L2', phases: 1 as const },
]

describe('smart charging end to end over OCPP 1.6 and 2.0.1', () => {
  let node: TestNode
  const chargers = new Map<string, SimCharger>()
  const overloads: string[] = []
  const done = new Map<string, number>()
  let watching: ReturnType<typeof setInterval> | undefined

  beforeAll(async () => {
    node = await startTestNode({ LOG_LEVEL: 'warn' })
    const { sites, chargers: repo, tokens } = node.deps.repos
    const now = Date.now()
    const site: SiteSettings = {
      name: 'E2E',
      voltageV: 230,
      phases: 3,
      mainFuseA: FUSE_A,
      safetyMarginA: 0,
      buildingMaxA: null,
      buildingMeter: 'none',
      buildingMeterChargerId: null,
      peakTargetKw: null,
      loopIntervalMs: 200,
      failSafeA: 0,
      objective: 'vehicles',
      timeZone: 'Europe/Stockholm',
    }
    await node.deps.writer.write([
      sites.upsert('E2E', site, now),
      ...stations.flatMap((s) => [
        repo.upsert({ id: s.id, now }),
        sites.assignConnector({
          siteId: 'E2E',
          chargerId: s.id,
          evseId: 1,
          circuitId: null,
          maxA: 16,
          wiring: s.wiring,
        }),
      ]),
      ...stations.map((s) => tokens.upsert(`TAG-${s.id}`, { type: 'ISO14443', status: 'Accepted' }, now)),
    ])
    node.deps.bus.publish(subjects.sitesChanged, {})
    await Bun.sleep(300)
    for (const s of stations) {
      const cp = new SimCharger({
        url: node.ocppUrl,
        id: s.id,
        protocol: s.protocol,
        phases: s.phases,
        maxCurrentA: 16,
        meterIntervalS: 1,
        limitDelayMs: 300,
      })
      await cp.start()
      chargers.set(s.id, cp)
    }
    // Chargers are connected long before cars arrive: let them apply the site's fail-safe default
    // (0 A here), installed when they connected, as real ones keep theirs across reconnects.
    await Bun.sleep(1000)
    watching = setInterval(() => watch(), 50)
  })
  afterAll(async () => {
    if (watching) clearInterval(watching)
    for (const cp of chargers.values()) await cp.stop()
    await node?.dispose()
  })

  /** Sums what the cars really draw per grid phase; records overloads and finished cars. */
  function watch(): void {
    const load = { L1: 0, L2: 0, L3: 0 }
    for (const s of stations) {
      const c = chargers.get(s.id)?.connector(1)
      if (!c) continue
      const phases = s.wiring.split(',') as ('L1' | 'L2' | 'L3')[]
      const used = Math.min(phases.length, c.ev?.phases ?? phases.length)
      for (const p of phases.slice(0, used)) load[p] += c.currentA
      if (c.ev && c.currentA === 0 && c.registerWh > 0 && c.status === 'SuspendedEV' && !done.has(s.id))
        done.set(s.id, Date.now())
    }
    for (const [phase, a] of Object.entries(load))
      if (a > FUSE_A + 0.05) overloads.push(`${phase} ${a.toFixed(1)} A at ${Date.now()}`)
  }

  /** The driver API wants at least 0.5 kWh, more than these tiny cars need: only the departure is sent. */
  async function setDeparture(transactionId: number, departureAt: number): Promise<void> {
    const res = await node.app.handle(
      new Request(`http://localhost/api/v1/transactions/${transactionId}/departure`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ departureAt: new Date(departureAt).toISOString() }),
      }),
    )
    expect(res.status).toBe(200)
  }

  /** Plugs a car in and starts; 1.6 cars get their departure from the driver API, 2.0.1 cars tell it themselves. */
  async function arrive(id: string, needWh: number, leavesInMin: number, phases: 1 | 3 = 3): Promise<void> {
    const cp = chargers.get(id)!
    const departureAt = Date.now() + leavesInMin * 60_000
    cp.plugIn(
      1,
      car(needWh, phases),
      cp.protocol === 'ocpp2.0.1' ? { departureAt, energyNeededWh: needWh } : {},
    )
    const started = await cp.startCharging(1, `TAG-${id}`)
    expect(started.status).toBe('Accepted')
    if (cp.protocol === 'ocpp1.6') {
      const tx = await node.deps.repos.transactions.openOn(id, 1)
      await setDeparture(tx!.id, departureAt)
    }
  }

  test('the fuse holds on every phase while cars come and go, and the car leaving first finishes first', async () => {
    await arrive('E2E-B', 30, 120)
    await arrive('E2E-A', 30, 20)
    await Bun.sleep(4000)
    await arrive('E2E-C', 8, 10, 1)
    await arrive('E2E-D', 8, 90, 1)
    const deadline = Date.now() + 60_000
    const left = new Set<string>()
    while (done.size < 4 && Date.now() < deadline) {
      await Bun.sleep(200)
      for (const id of done.keys()) {
        if (left.has(id)) continue
        left.add(id)
        await chargers.get(id)!.unplug(1)
      }
    }
    expect(overloads).toEqual([])
    expect([...done.keys()]).toHaveLength(4)
    expect(done.get('E2E-A')!).toBeLessThan(done.get('E2E-B')!)
    expect(done.get('E2E-C')!).toBeLessThan(done.get('E2E-D')!)
    const { rows } = await node.deps.repos.transactions.list({ open: false, limit: 10, offset: 0 })
    expect(
      rows
        .filter((t) => t.chargerId.startsWith('E2E-'))
        .map((t) => t.stopReason)
        .sort(),
    ).toEqual(['EVDisconnected', 'EVDisconnected', 'EVDisconnected', 'EVDisconnected'])
  }, 90_000)
})
