import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { allocate } from './allocate'
import { OBJECTIVES, type Objective } from './objective'
import type { Connector, FuseNode, GridPhase, PerPhase, Session, SiteSnapshot } from './site'
import { NOW } from './test-fixtures'

const PHASES: readonly GridPhase[] = ['L1', 'L2', 'L3']
const ROTATIONS: readonly (readonly GridPhase[])[] = [
  ['L1', 'L2', 'L3'],
  ['L2', 'L3', 'L1'],
  ['L3', 'L1', 'L2'],
  ['L1', 'L3', 'L2'],
]
/** Amperes in 0.1 A steps (fast-check's doubles crowd at the extremes; real ratings do not). */
const amps = (min: number, max: number) => fc.integer({ min: min * 10, max: max * 10 }).map((d) => d / 10)
const perPhase = (min: number, max: number) => fc.tuple(amps(min, max), amps(min, max), amps(min, max))

const arbNodes = fc.array(fc.record({ parent: fc.nat(), limitA: amps(6, 80) }), { maxLength: 7 })
const arbConnector = fc.record({
  node: fc.nat(),
  maxA: amps(4, 40),
  wiring: fc.oneof(
    fc.constantFrom(...PHASES).map((p) => [p]),
    fc.constantFrom(...ROTATIONS),
  ),
})
const arbSession = fc.record(
  {
    connector: fc.nat(),
    evMinA: amps(0, 10),
    evMaxA: amps(4, 40),
    evPhases: fc.constantFrom(1 as const, 2 as const, 3 as const),
    energyNeededWh: fc.integer({ min: 0, max: 80_000 }),
    departureIn: fc.integer({ min: -3_600_000, max: 48 * 3_600_000 }),
    measuredA: amps(0, 40),
    offeredA: amps(0, 40),
    heldA: amps(0, 40),
    onSinceAt: fc.integer({ min: NOW - 20 * 60_000, max: NOW }),
    priorityTier: fc.integer({ min: 1, max: 9 }),
  },
  { requiredKeys: ['connector'] },
)
const arbBuilding = fc.record(
  { currentA: perPhase(-10, 60), age: fc.integer({ min: -20_000, max: 40_000 }), maxA: perPhase(0, 90) },
  { requiredKeys: ['currentA', 'age'] },
)

const arbSite = fc
  .record({
    phases: fc.constantFrom(1 as const, 3 as const),
    mainA: amps(6, 100),
    nodes: arbNodes,
    connectors: fc.array(arbConnector, { minLength: 1, maxLength: 12 }),
    sessions: fc.array(arbSession, { maxLength: 14 }),
    building: fc.option(arbBuilding, { nil: undefined, freq: 3 }),
    margin: amps(0, 3),
    objective: fc.constantFrom(...OBJECTIVES),
    peak: fc.option(fc.record({ targetKw: amps(0, 60), reachedKw: amps(0, 60) }), {
      nil: undefined,
      freq: 3,
    }),
  })
  .map(buildSite)

function buildSite(raw: {
  phases: 1 | 3
  mainA: number
  nodes: { parent: number; limitA: number }[]
  connectors: { node: number; maxA: number; wiring: readonly GridPhase[] }[]
  sessions: (Partial<Omit<Session, 'id' | 'connectorId' | 'departureAt'>> & {
    connector: number
    departureIn?: number
  })[]
  building?: { currentA: [number, number, number]; age: number; maxA?: [number, number, number] }
  margin: number
  peak?: { targetKw: number; reachedKw: number }
  objective: Objective
}): SiteSnapshot {
  const limits = [raw.mainA, ...raw.nodes.map((n) => n.limitA)]
  const parents = [-1, ...raw.nodes.map((n, i) => n.parent % (i + 1))]
  const connectors: Connector[] = raw.connectors.map((c, i) => ({
    id: `c${i}`,
    maxA: c.maxA,
    wiring: c.wiring,
  }))
  const owner = raw.connectors.map((c) => c.node % limits.length)
  const build = (i: number): FuseNode => ({
    id: `n${i}`,
    limitA: limits[i]!,
    connectorIds: connectors.filter((_, k) => owner[k] === i).map((c) => c.id),
    children: parents.flatMap((p, k) => (p === i ? [build(k)] : [])),
  })
  const sessions: Session[] = raw.sessions.map(({ connector, departureIn, ...rest }, i) => ({
    ...rest,
    id: `s${i}`,
    connectorId: connector % 13 === 12 ? 'unknown' : `c${connector % connectors.length}`,
    ...(departureIn === undefined ? {} : { departureAt: NOW + departureIn }),
  }))
  const b = raw.building
  return {
    grid: { voltageV: 230, phases: raw.phases, main: build(0) },
    connectors,
    sessions,
    safetyMarginA: raw.margin,
    ...(b
      ? { building: { currentA: b.currentA, measuredAt: NOW - b.age, ...(b.maxA ? { maxA: b.maxA } : {}) } }
      : {}),
    ...(raw.peak ? { peak: raw.peak } : {}),
    settings: { objective: raw.objective },
  }
}

/** Building load as the rules say it must be assumed, computed independently of the code under test. */
function assumedBuilding(site: SiteSnapshot): PerPhase {
  const b = site.building
  if (!b) return [0, 0, 0]
  const fresh = b.measuredAt !== undefined && Math.abs(NOW - b.measuredAt) <= 15_000
  if (fresh) return [Math.max(0, b.currentA[0]), Math.max(0, b.currentA[1]), Math.max(0, b.currentA[2])]
  const f = site.grid.main.limitA
  return b.maxA ?? [f, f, f]
}

/** Per node id and phase index, the EV current the allocation puts through it. */
function loadsFromLimits(site: SiteSnapshot, limitOf: Map<string, number>): Map<string, number[]> {
  const loads = new Map<string, number[]>()
  const walk = (node: FuseNode, path: string[]): void => {
    const here = [...path, node.id]
    loads.set(node.id, [0, 0, 0])
    for (const id of node.connectorIds ?? []) {
      const connector = site.connectors.find((c) => c.id === id)!
      for (const s of site.sessions.filter((x) => x.connectorId === id)) {
        const used = connector.wiring.slice(0, Math.min(s.evPhases ?? 3, connector.wiring.length))
        for (const ph of used) {
          const p = site.grid.phases === 1 ? 0 : PHASES.indexOf(ph)
          for (const n of here) loads.get(n)![p]! += limitOf.get(s.id)!
        }
      }
    }
    for (const child of node.children ?? []) walk(child, here)
  }
  walk(site.grid.main, [])
  return loads
}

function fuses(node: FuseNode): FuseNode[] {
  return [node, ...(node.children ?? []).flatMap(fuses)]
}

describe('allocate: hard limits hold for any site', () => {
  test('no fuse on any phase at any level is exceeded, whatever the tiers and on-time floors', () => {
    fc.assert(
      fc.property(arbSite, (site) => {
        const allocation = allocate(site, NOW)
        const limitOf = new Map(allocation.sessions.map((s) => [s.sessionId, s.limitA]))
        const loads = loadsFromLimits(site, limitOf)
        const building = assumedBuilding(site)
        for (const fuse of fuses(site.grid.main)) {
          for (let p = 0; p < site.grid.phases; p++) {
            const taken = fuse === site.grid.main ? building[p]! : 0
            const allowed = Math.max(0, fuse.limitA - (site.safetyMarginA ?? 0) - taken)
            expect(loads.get(fuse.id)![p]!).toBeLessThanOrEqual(allowed + 1e-9)
          }
        }
      }),
      { numRuns: 400 },
    )
  })

  test('every session gets 0 or at least its minimum, and never more than connector or EV allow', () => {
    fc.assert(
      fc.property(arbSite, (site) => {
        const allocation = allocate(site, NOW)
        allocation.sessions.forEach((a, j) => {
          const s = site.sessions[j]!
          const connector = site.connectors.find((c) => c.id === s.connectorId)
          if (!connector) {
            expect(a.limitA).toBe(0)
          } else if (a.limitA !== 0) {
            expect(a.limitA).toBeGreaterThanOrEqual(s.evMinA ?? 6)
            expect(a.limitA).toBeLessThanOrEqual(
              Math.min(connector.maxA, s.evMaxA ?? Number.POSITIVE_INFINITY),
            )
          }
        })
      }),
      { numRuns: 400 },
    )
  })

  test('with a peak target, site power never exceeds the decided cap', () => {
    fc.assert(
      fc.property(arbSite, (site) => {
        const allocation = allocate(site, NOW)
        if (!allocation.peak) return
        const building = assumedBuilding(site).slice(0, site.grid.phases)
        const buildingKw = (building.reduce((a, b) => a + b, 0) * 230) / 1000
        expect(allocation.evPowerKw).toBeLessThanOrEqual(
          Math.max(0, allocation.peak.capKw - buildingKw) + 1e-9,
        )
      }),
      { numRuns: 300 },
    )
  })
})
