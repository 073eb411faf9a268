import type { Allocation } from './allocate'
import type { Connector, FuseNode, GridPhase, Session, SiteSnapshot } from './site'

/** A fixed "now" for tests: 15 Jan 2025 18:00 UTC. */
export const NOW = Date.UTC(2025, 0, 15, 18, 0)
/** One hour in ms. */
export const HOUR = 3_600_000

/** A three-phase connector wired L1, L2, L3 (or as given). */
export function connector(
  id: string,
  maxA = 16,
  wiring: readonly GridPhase[] = ['L1', 'L2', 'L3'],
): Connector {
  return { id, maxA, wiring }
}

/** A session that leaves in `hours` and needs `kwh`. */
export function session(
  id: string,
  connectorId: string,
  kwh: number,
  hours: number,
  extra: Partial<Session> = {},
): Session {
  return { id, connectorId, energyNeededWh: kwh * 1000, departureAt: NOW + hours * HOUR, ...extra }
}

/** A three-phase 230 V site whose main fuse feeds the given connectors (and sub-circuits). */
export function site(
  mainA: number,
  connectors: readonly Connector[],
  sessions: readonly Session[],
  extra: Partial<SiteSnapshot> & { readonly children?: readonly FuseNode[] } = {},
): SiteSnapshot {
  const underSubs = new Set((extra.children ?? []).flatMap(allConnectorIds))
  const main: FuseNode = {
    id: 'main',
    limitA: mainA,
    connectorIds: connectors.map((c) => c.id).filter((id) => !underSubs.has(id)),
    children: extra.children ?? [],
  }
  const { children: _children, ...rest } = extra
  return { grid: { voltageV: 230, phases: 3, main }, connectors, sessions, ...rest }
}

function allConnectorIds(node: FuseNode): string[] {
  return [...(node.connectorIds ?? []), ...(node.children ?? []).flatMap(allConnectorIds)]
}

/** Limits by session id. */
export function limits(allocation: Allocation): Record<string, number> {
  return Object.fromEntries(allocation.sessions.map((s) => [s.sessionId, s.limitA]))
}

/** The diagnostics of one fuse node. */
export function node(allocation: Allocation, id: string): Allocation['nodes'][number] {
  const found = allocation.nodes.find((n) => n.id === id)
  if (!found) throw new Error(`no node ${id}`)
  return found
}
