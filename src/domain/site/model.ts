import type { SiteConfig } from '@src/domain/site/site-config'
import type { Connector, FuseNode, GridConnection, GridPhase } from '../power'

/** The power-loop id of a charger EVSE. */
export const connectorKey = (chargerId: string, evseId: number) => `${chargerId}#${evseId}`

/** Parses a wiring text like `L2,L3,L1` (or `L3`); undefined if it is not one. */
export function parseWiring(text: string, phases: 1 | 3): GridPhase[] | undefined {
  const parts = text.split(',').map((p) => p.trim().toUpperCase())
  if (parts.length < 1 || parts.length > 3) return undefined
  if (new Set(parts).size !== parts.length) return undefined
  const allowed = phases === 1 ? ['L1'] : ['L1', 'L2', 'L3']
  if (!parts.every((p) => allowed.includes(p))) return undefined
  return parts as GridPhase[]
}

/** What is wrong with a site's configuration, for people; empty when the loop can run it. */
export function configProblems(config: SiteConfig): string[] {
  const problems: string[] = []
  const ids = new Set(config.circuits.map((c) => c.id))
  for (const c of config.circuits) {
    if (c.parentId !== null && !ids.has(c.parentId))
      problems.push(`circuit ${c.id} hangs under unknown circuit ${c.parentId}`)
  }
  if (hasCycle(config)) problems.push('the circuits form a loop')
  for (const k of config.connectors) {
    if (k.circuitId !== null && !ids.has(k.circuitId))
      problems.push(`${k.chargerId} EVSE ${k.evseId} is on unknown circuit ${k.circuitId}`)
    if (!parseWiring(k.wiring, config.site.phases))
      problems.push(`${k.chargerId} EVSE ${k.evseId} has bad wiring "${k.wiring}"`)
  }
  return problems
}

function hasCycle(config: SiteConfig): boolean {
  const parent = new Map(config.circuits.map((c) => [c.id, c.parentId]))
  for (const start of parent.keys()) {
    const seen = new Set<string>()
    for (let at: string | null | undefined = start; at; at = parent.get(at)) {
      if (seen.has(at)) return true
      seen.add(at)
    }
  }
  return false
}

/** The grid connection and connectors of a valid site configuration, as the power core models them. */
export function siteModel(config: SiteConfig): { grid: GridConnection; connectors: Connector[] } {
  const phases = config.site.phases
  const node = (id: string, limitA: number, circuitId: string | null): FuseNode => ({
    id,
    limitA,
    children: config.circuits.filter((c) => c.parentId === circuitId).map((c) => node(c.id, c.limitA, c.id)),
    connectorIds: config.connectors
      .filter((k) => k.circuitId === circuitId)
      .map((k) => connectorKey(k.chargerId, k.evseId)),
  })
  const main = node('main', config.site.mainFuseA, null)
  const connectors = config.connectors.map((k) => ({
    id: connectorKey(k.chargerId, k.evseId),
    maxA: k.maxA,
    wiring: parseWiring(k.wiring, phases) ?? [],
  }))
  return { grid: { voltageV: config.site.voltageV, phases, main }, connectors }
}
