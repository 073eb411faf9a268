import type { SiteConfig } from '@src/domain/site/site-config'
import { parseWiring } from './model'

/** Below this a car does not charge at all (IEC 61851 minimum). */
export const MIN_CHARGING_A = 6

/**
 * The current a charger may fall back to when it loses the CSMS: the largest per-connector current at
 * which *every* connector on the site could draw at once without any fuse, on any phase, being exceeded,
 * with the building at its worst. Below 6 A no car charges, so it is then 0 (the safe answer: a site
 * that needs the loop to share its fuse stops charging while the loop is away).
 */
export function safeFallbackA(config: SiteConfig): number {
  const { site } = config
  if (site.failSafeA !== null) return site.failSafeA
  const phases = site.phases
  const building = site.buildingMaxA ?? site.mainFuseA
  let best = Number.POSITIVE_INFINITY
  const nodes = [
    { id: null as string | null, limitA: site.mainFuseA - building },
    ...config.circuits.map((c) => ({ id: c.id, limitA: c.limitA })),
  ]
  for (const n of nodes) {
    const inside = connectorsUnder(config, n.id)
    for (const phase of phases === 1 ? ['L1'] : ['L1', 'L2', 'L3']) {
      const count = inside.filter((k) => (parseWiring(k.wiring, phases) ?? []).includes(phase as 'L1')).length
      if (count > 0) best = Math.min(best, (n.limitA - site.safetyMarginA) / count)
    }
  }
  const perConnector = Math.min(best, ...config.connectors.map((k) => k.maxA))
  return Number.isFinite(perConnector) && perConnector >= MIN_CHARGING_A
    ? Math.floor(perConnector * 10) / 10
    : 0
}

/** Connectors fed, directly or further down, by the circuit `id` (null: the main fuse, i.e. all). */
function connectorsUnder(config: SiteConfig, id: string | null) {
  if (id === null) return config.connectors
  const below = new Set([id])
  for (let grew = true; grew; ) {
    grew = false
    for (const c of config.circuits) {
      if (c.parentId !== null && below.has(c.parentId) && !below.has(c.id)) {
        below.add(c.id)
        grew = true
      }
    }
  }
  return config.connectors.filter((k) => k.circuitId !== null && below.has(k.circuitId))
}
