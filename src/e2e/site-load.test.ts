import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { FOLLOW_MS } from '@actors/site/snapshot'
import { subjects } from '@src/bus/subjects'
import { DEMO_LIVELY_FLEET, DEMO_SITE, postBuildingLoad, setUpDemoSite } from '@src/demo-site'
import { parseWiring } from '@src/domain/site/model'
import type { SiteStatus } from '@src/domain/site/status'
import { buildingLoadA, HOUSING_COOP_PROFILE } from '@src/sim/building-load'
import { ScaledClock } from '@src/sim/scaled-clock'
import { chargerIdOf, SimFleet } from '@src/sim/sim-fleet'
import { startTestNode, type TestNode } from '@src/testing/node'

/**
 * The site page's "Main fuse" chart against the physics of the demo: the demo's site (3 × 80 A, the
 * building's evening load behind an energy meter) and its lively fleet of 12 two-connector chargers,
 * half OCPP 1.6 and half 2.0.1, with cars coming and going. The node and the simulator share one clock
 * running at SPEED, so the run takes RUN_S real seconds.
 *
 * Tolerance: a charger follows a new limit within FOLLOW_MS of its sending (the loop plans by the same
 * rule), so each published load must lie, on every phase, within TOLERANCE_A of the true current at
 * some moment of the FOLLOW_MS (plus SLACK_MS for the sockets) before it: exactly the truth in steady
 * state, and right after a reduction either side of it while it is applied, never after. One thing the
 * CSMS cannot know: how much of a new limit a car takes (its own maximum, its battery), and on how many
 * phases, until the car's next meter reading. Until then a car may be shown at anything up to its limit
 * on every phase of its connector, never below its draw.
 */
const SPEED = 3
const RUN_S = 40
const TOLERANCE_A = 1
const SLACK_MS = 1000
const USABLE_A = 78

/**
 * What the simulated cars and the building really draw per grid phase at one moment (`loadA`), and the
 * most the CSMS can be expected to show (`knowableA`): a car not read since its limit last changed
 * counted at its limit on all its connector's phases.
 */
interface Truth {
  at: number
  loadA: [number, number, number]
  knowableA: [number, number, number]
}

describe('the site chart shows what is physically drawn', () => {
  let node: TestNode
  let fleet: SimFleet
  let stopBuilding: () => void
  let sampling: ReturnType<typeof setInterval> | undefined
  const truth: Truth[] = []
  const published: SiteStatus[] = []
  /** When a charging car's limit went down at its charger (the simulator's own record). */
  const reductions: number[] = []
  const clock = new ScaledClock({ speed: SPEED, start: Date.parse('2026-01-15T11:00:00Z') })

  beforeAll(
    async () => {
      node = await startTestNode({ LOG_LEVEL: 'warn' }, { clock })
      const tokens = Array.from({ length: 60 }, (_, i) => `DEMO-${String(i + 1).padStart(4, '0')}`)
      const now = clock.now()
      const { repos, writer } = node.deps
      await writer.write(
        tokens.map((uid) => repos.tokens.upsert(uid, { type: 'ISO14443', status: 'Accepted' }, now)),
      )
      const ids = Array.from({ length: 12 }, (_, i) => chargerIdOf({ idPrefix: 'SIM-' }, i))
      await setUpDemoSite(node, ids, 2)
      const config = (await repos.sites.config(DEMO_SITE))!
      const wiring = new Map(
        config.connectors.map((k) => [`${k.chargerId}#${k.evseId}`, parseWiring(k.wiring, 3)!]),
      )
      const limits = new Map<string, number>()
      const limitAt = new Map<string, number>()
      const readAt = new Map<string, number>()
      stopBuilding = postBuildingLoad(node, clock)
      fleet = new SimFleet({
        ...DEMO_LIVELY_FLEET,
        url: node.ocppUrl,
        tokens,
        chargers: 12,
        connectorsPerCharger: 2,
        idPrefix: 'SIM-',
        protocolMix: { 'ocpp2.0.1': 0.5 },
        clock,
        seed: 7,
        // No car fills up within the run: a car stopping by itself is seen at its next meter sample only.
        evMix: { socMean: 0.2, socSd: 0, limit80Share: 0 },
        onEvent: (e) => {
          if (e.type === 'sampled') readAt.set(`${e.chargerId}#${e.connectorId}`, e.at)
          if (e.type !== 'limitChanged') return
          const key = `${e.chargerId}#${e.connectorId}`
          if (e.limitA < (limits.get(key) ?? 0)) reductions.push(e.at)
          limits.set(key, e.limitA)
          limitAt.set(key, e.at)
        },
      })
      const sample = () => {
        const at = clock.now()
        const loadA = [...buildingLoadA(at, HOUSING_COOP_PROFILE)] as [number, number, number]
        const knowableA = [...loadA] as [number, number, number]
        for (const cp of fleet.chargers)
          for (let evse = 1; evse <= 2; evse++) {
            const c = cp.connector(evse)
            const key = `${cp.id}#${evse}`
            const wired = wiring.get(key)!
            for (const p of wired.slice(0, c.ev?.phases ?? 3)) loadA[Number(p[1]) - 1]! += c.currentA
            const unread = c.ev !== undefined && (readAt.get(key) ?? 0) <= (limitAt.get(key) ?? 0)
            const known = unread ? wired : wired.slice(0, c.ev?.phases ?? 3)
            const knownA = unread ? Math.max(c.currentA, c.limitA) : c.currentA
            for (const p of known) knowableA[Number(p[1]) - 1]! += knownA
          }
        truth.push({ at, loadA, knowableA })
      }
      node.deps.bus.subscribe(subjects.siteStatus(DEMO_SITE), (payload) => {
        sample()
        published.push(payload as SiteStatus)
      })
      sampling = setInterval(sample, 50)
      await fleet.start()
      await Bun.sleep(RUN_S * 1000)
    },
    (RUN_S + 30) * 1000,
  )

  afterAll(async () => {
    if (sampling) clearInterval(sampling)
    stopBuilding?.()
    await fleet?.stop({ endSessions: true })
    await node?.dispose()
  })

  /** The truth over the FOLLOW_MS (and slack) up to `at`, and until the status reached the test. */
  const windowOf = (at: number) =>
    truth.filter((t) => t.at >= at - FOLLOW_MS - SLACK_MS && t.at <= at + SLACK_MS / 4)

  test('every published load is within 1 A of the truth of the last FOLLOW_MS, also right after reductions, or of what a car not yet read may draw', () => {
    const afterReduction = published.filter((s) =>
      reductions.some((r) => s.at >= r && s.at <= r + 2 * FOLLOW_MS),
    )
    expect(reductions.length).toBeGreaterThan(5)
    expect(afterReduction.length).toBeGreaterThan(10)
    const wrong = published.flatMap((status) =>
      [0, 1, 2].flatMap((p) => {
        const window = windowOf(status.at)
        const lo = Math.min(...window.map((t) => t.loadA[p]!))
        const hi = Math.max(...window.map((t) => t.knowableA[p]!))
        const shown = status.loadA[p]!
        return shown < lo - TOLERANCE_A || shown > hi + TOLERANCE_A
          ? [
              `${new Date(status.at).toISOString()} L${p + 1}: shown ${shown.toFixed(1)} A, truth ${lo.toFixed(1)}–${hi.toFixed(1)} A`,
            ]
          : []
      }),
    )
    expect(published.length).toBeGreaterThan(RUN_S * SPEED * 0.8)
    expect(wrong).toEqual([])
  })

  test('the chart never shows more than the usable fuse, which the truth never exceeded', () => {
    expect(truth.every((t) => Math.max(...t.loadA) <= USABLE_A + TOLERANCE_A)).toBe(true)
    const samples = node.deps.services.siteStatus.samples(DEMO_SITE)
    expect(samples.length).toBeGreaterThan(5)
    const over = samples.filter((s) => Math.max(...s.loadA) > USABLE_A + TOLERANCE_A)
    expect(over).toEqual([])
  })
})
