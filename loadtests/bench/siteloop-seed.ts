import { openDatabase } from '@src/db/client'
import { applyMigrations } from '@src/db/migrate'
import { ChargersRepo } from '@src/db/repos/chargers'
import { SitesRepo } from '@src/db/repos/sites'
import { TransactionsRepo } from '@src/db/repos/transactions'
import type { DrizzleWrite } from '@src/db/writer'
import type { SiteSettings } from '@src/domain/site/site-config'
import { startedTransaction } from '@src/testing/transactions'

/** The shape of the site-loop benchmark's estate. */
export interface SiteEstate {
  sites: number
  connectorsPerSite: number
  /** Share of connectors with an open transaction. */
  occupancy: number
  /** Share of sites with a monthly peak target (exercises the peak logic). */
  peakShare: number
}

/** A charging session the benchmark feeds meter values to. */
export interface SeededSession {
  chargerId: string
  evseId: number
  transactionId: number
}

const WIRINGS = ['L1,L2,L3', 'L2,L3,L1', 'L3,L1,L2']

/** Site `s` and its chargers' ids (one EVSE per charger). */
export const siteId = (s: number) => `SITE-${String(s).padStart(4, '0')}`
/** Charger `k` of site `s` (one EVSE each). */
export const siteChargerId = (s: number, k: number) =>
  `SC-${String(s).padStart(4, '0')}-${String(k).padStart(2, '0')}`

function siteInput(s: number, e: SiteEstate): SiteSettings {
  return {
    name: `Bench site ${s}`,
    voltageV: 230,
    phases: 3,
    mainFuseA: 100,
    safetyMarginA: 2,
    buildingMaxA: 40,
    buildingMeter: 'none',
    buildingMeterChargerId: null,
    peakTargetKw: s < e.sites * e.peakShare ? 45 : null,
    loopIntervalMs: 500,
    failSafeA: 6,
    objective: 'vehicles',
    timeZone: 'Europe/Stockholm',
  }
}

/** The queries that create one site with its chargers, connectors and open transactions. */
function siteQueries(
  repos: { sites: SitesRepo; chargers: ChargersRepo; tx: TransactionsRepo },
  s: number,
  e: SiteEstate,
  now: number,
) {
  const queries: DrizzleWrite[] = [repos.sites.upsert(siteId(s), siteInput(s, e), now)]
  const starts: { chargerId: string; query: DrizzleWrite }[] = []
  for (let k = 0; k < e.connectorsPerSite; k++) {
    const chargerId = siteChargerId(s, k)
    queries.push(
      repos.chargers.upsert({ id: chargerId, now }),
      repos.sites.assignConnector({
        siteId: siteId(s),
        chargerId,
        evseId: 1,
        circuitId: null,
        maxA: 16,
        wiring: WIRINGS[k % 3]!,
      }),
    )
    if ((s * e.connectorsPerSite + k) % 100 < e.occupancy * 100)
      starts.push({
        chargerId,
        query: startedTransaction(repos.tx, {
          chargerId,
          evseId: 1,
          connectorId: 1,
          idTag: `TAG-${s}-${k}`,
          startStatus: 'Accepted',
          reservationId: null,
          startedAt: now - ((k * 7 + s) % 180) * 60_000,
          meterStartWh: 1000,
          ocppTxId: `bench-${s}-${k}`,
          now,
        }),
      })
  }
  return { queries, starts }
}

/** Creates the estate in a fresh database file; returns the open sessions. */
export async function seedSites(path: string, e: SiteEstate): Promise<SeededSession[]> {
  const database = await openDatabase(`file:${path}`)
  const { db } = database
  try {
    await applyMigrations(db)
    const repos = { sites: new SitesRepo(db), chargers: new ChargersRepo(db), tx: new TransactionsRepo(db) }
    const now = Date.now()
    const sessions: SeededSession[] = []
    for (let s = 0; s < e.sites; s++) {
      const { queries, starts } = siteQueries(repos, s, e, now)
      const all = [...queries, ...starts.map((t) => t.query)] as [DrizzleWrite, ...DrizzleWrite[]]
      const results = (await db.batch(all)) as readonly unknown[]
      const ids = results.slice(queries.length) as { id: number }[][]
      for (const [i, r] of ids.entries())
        sessions.push({ chargerId: starts[i]!.chargerId, evseId: 1, transactionId: r[0]!.id })
    }
    return sessions
  } finally {
    database.client.close()
  }
}
