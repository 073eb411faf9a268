import { subjects } from './bus/subjects'
import type { SiteSettings } from './domain/site/site-config'
import type { Clock } from './lib/clock'
import type { CsmsNode } from './node'
import { buildingLoadA, HOUSING_COOP_PROFILE } from './sim/building-load'
import type { SimFleetOptions } from './sim/sim-fleet'

/**
 * The demo's fleet in real time (speed 1): short visits and frequent samples, so something happens
 * every few seconds. Shared with the test that checks the site page's chart against these physics.
 */
export const DEMO_LIVELY_FLEET: Partial<SimFleetOptions> = {
  initialOccupancy: 0.5,
  initialWindowMin: 0.15,
  initialDelayMin: 0.06,
  arrivalsPerHour: 20,
  dwellMin: [3, 1.5],
  minDwellMin: 1,
  fullLingerMin: [0.5, 2],
  unplugAfterMin: [0.2, 0.6],
  meterIntervalS: 10,
  needsShare: 0.6,
}

/** The demo's site: the simulated chargers share one main fuse, as in a housing co-op. */
export const DEMO_SITE = 'demo-coop'

const WIRINGS = ['L1,L2,L3', 'L2,L3,L1', 'L3,L1,L2']

/**
 * Puts the demo chargers on a site (3 × 80 A main fuse, two rows on 50 A sub-circuits, chargers
 * installed with rotated phases, the building behind an energy meter), so the admin's site page shows
 * the power loop sharing the fuse. Idempotent: a second run updates the same site.
 */
export async function setUpDemoSite(
  node: CsmsNode,
  chargerIds: readonly string[],
  connectors: number,
): Promise<void> {
  const { repos, writer, clock, bus } = node.deps
  const now = clock.now()
  const site: SiteSettings = {
    name: 'Demo co-op',
    voltageV: 230,
    phases: 3,
    mainFuseA: 80,
    safetyMarginA: 2,
    buildingMaxA: 50,
    buildingMeter: 'http',
    buildingMeterChargerId: null,
    peakTargetKw: null,
    loopIntervalMs: 500,
    failSafeA: null,
    objective: 'vehicles',
    timeZone: 'Europe/Stockholm',
  }
  const rows = [
    { id: 'row-a', name: 'Row A', limitA: 50 },
    { id: 'row-b', name: 'Row B', limitA: 50 },
  ]
  await writer.write([
    repos.sites.upsert(DEMO_SITE, site, now),
    ...rows.map((r) => repos.sites.upsertCircuit({ siteId: DEMO_SITE, parentId: null, ...r })),
    ...chargerIds.flatMap((chargerId, i) => [
      repos.chargers.upsert({ id: chargerId, now }),
      ...Array.from({ length: connectors }, (_, k) =>
        repos.sites.assignConnector({
          siteId: DEMO_SITE,
          chargerId,
          evseId: k + 1,
          circuitId: rows[i % 2]!.id,
          maxA: 32,
          wiring: WIRINGS[(i * connectors + k) % 3]!,
        }),
      ),
    ]),
  ])
  bus.publish(subjects.sitesChanged, {})
  bus.publish(subjects.siteChanged(DEMO_SITE), {})
}

/**
 * The building's own load (a co-op's evening peak) as an energy system would report it, every 5 s.
 * Returns the function that stops it.
 */
export function postBuildingLoad(node: CsmsNode, clock: Clock): () => void {
  let timer = clock.setTimeout(post, 0)
  function post() {
    const at = clock.now()
    node.deps.bus.publish(subjects.siteMeter(DEMO_SITE), {
      currentA: [...buildingLoadA(at, HOUSING_COOP_PROFILE)],
      measuredAt: at,
    })
    timer = clock.setTimeout(post, 5000)
  }
  return () => clock.clearTimeout(timer)
}
