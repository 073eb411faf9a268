import type { Connector, FuseNode, GridPhase, Session, SiteSnapshot } from '../../../src/domain/power/site'
import { mulberry32 } from './random'

const ROTATIONS: readonly (readonly GridPhase[])[] = [
  ['L1', 'L2', 'L3'],
  ['L2', 'L3', 'L1'],
  ['L3', 'L1', 'L2'],
]

/**
 * A large car park for the micro-benchmark: `boards` distribution boards under the main fuse, each
 * with sub-circuits of ten connectors, chargers installed with rotated wiring, every connector
 * occupied by an EV from a realistic mix, and a building meter. Seeded, so every run times the
 * same problem.
 */
export function bigSite(connectorCount: number, now: number, seed = 7): SiteSnapshot {
  const rand = mulberry32(seed)
  const connectors: Connector[] = Array.from({ length: connectorCount }, (_, i) => ({
    id: `c${i}`,
    maxA: 32,
    wiring: ROTATIONS[i % 3]!,
  }))
  const circuits: FuseNode[] = []
  for (let i = 0; i < connectorCount; i += 10) {
    const ids = connectors.slice(i, i + 10).map((c) => c.id)
    circuits.push({ id: `circuit${i / 10}`, limitA: 80, connectorIds: ids })
  }
  const boards: FuseNode[] = []
  for (let i = 0; i < circuits.length; i += 5) {
    boards.push({ id: `board${i / 5}`, limitA: 250, children: circuits.slice(i, i + 5) })
  }
  const sessions: Session[] = connectors.map((c, i) => evSession(`s${i}`, c.id, now, rand))
  const mainA = Math.max(63, Math.round(connectorCount * 1.6))
  return {
    grid: { voltageV: 230, phases: 3, main: { id: 'main', limitA: mainA, children: boards } },
    connectors,
    sessions,
    safetyMarginA: 2,
    building: { currentA: [40, 55, 35], measuredAt: now - 1000, maxA: [120, 120, 120] },
  }
}

function evSession(id: string, connectorId: string, now: number, rand: () => number): Session {
  const threePhase = rand() < 0.6
  return {
    id,
    connectorId,
    evPhases: threePhase ? 3 : 1,
    evMaxA: rand() < 0.5 ? 16 : 32,
    energyNeededWh: Math.round(2_000 + rand() * 45_000),
    departureAt: now + Math.round((0.5 + rand() * 14) * 3_600_000),
    ...(rand() < 0.3 ? { measuredA: 10, offeredA: 16 } : {}),
  }
}
