import { OBJECTIVES, type Objective, type PerPhase } from '@src/domain/power'
import type { MeterHour } from '@src/domain/site/meter-watch'
import {
  ACCESS_DEFAULTS,
  type AccessDefault,
  BUILDING_METERS,
  type BuildingMeter,
  type Circuit,
  type PastSession,
  type Site,
  type SiteAccessSettings,
  type SiteConfig,
  type SiteConnector,
  type SiteLoadMinute,
  type SiteSettings,
} from '@src/domain/site/site-config'
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { chargingNeeds, siteCircuits, siteConnectors, siteLoad, sites, transactions } from '../schema'
import type { ChargingNeedsRow } from './device'
import type { TransactionRow } from './transactions'

/** A stored site row (the domain's `Site` is mapped from it). */
type SiteRow = typeof sites.$inferSelect

/**
 * A site row as the domain's `Site`. Only validated settings are ever written (1 or 3 phases, a known
 * building meter and objective), so anything else is a corrupted row: a surprise, and it throws.
 */
function siteOf(row: SiteRow): Site {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    voltageV: row.voltageV,
    phases: phasesOf(row),
    mainFuseA: row.mainFuseA,
    safetyMarginA: row.safetyMarginA,
    buildingMaxA: row.buildingMaxA,
    buildingMeter: meterOf(row),
    buildingMeterChargerId: row.buildingMeterChargerId,
    peakTargetKw: row.peakTargetKw,
    loopIntervalMs: row.loopIntervalMs,
    failSafeA: row.failSafeA,
    objective: objectiveOf(row),
    accessDefault: accessDefaultOf(row),
    holidays: row.holidays,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

function phasesOf(row: SiteRow): 1 | 3 {
  if (row.phases === 1 || row.phases === 3) return row.phases
  throw new Error(`site ${row.id} has ${row.phases} phases in the database; only 1 or 3 are valid`)
}

function meterOf(row: SiteRow): BuildingMeter {
  const meter = BUILDING_METERS.find((m) => m === row.buildingMeter)
  if (meter) return meter
  throw new Error(`site ${row.id} has unknown building meter "${row.buildingMeter}" in the database`)
}

function objectiveOf(row: SiteRow): Objective {
  const objective = OBJECTIVES.find((o) => o === row.objective)
  if (objective) return objective
  throw new Error(`site ${row.id} has unknown objective "${row.objective}" in the database`)
}

function accessDefaultOf(row: SiteRow): AccessDefault {
  const chosen = ACCESS_DEFAULTS.find((d) => d === row.accessDefault)
  if (chosen) return chosen
  throw new Error(`site ${row.id} has unknown access default "${row.accessDefault}" in the database`)
}

const circuitOf = (r: typeof siteCircuits.$inferSelect): Circuit => ({
  siteId: r.siteId,
  id: r.id,
  name: r.name,
  parentId: r.parentId,
  limitA: r.limitA,
})

const connectorOf = (r: typeof siteConnectors.$inferSelect): SiteConnector => ({
  chargerId: r.chargerId,
  evseId: r.evseId,
  siteId: r.siteId,
  circuitId: r.circuitId,
  maxA: r.maxA,
  wiring: r.wiring,
})

/** Sites, their fuse trees and connectors, and their load history. */
export class SitesRepo {
  constructor(private readonly db: Db) {}

  /** Every site, by name; `within` (the caller's scope as a condition, `inScope`) keeps its organizations'. */
  async list(within?: SQL): Promise<Site[]> {
    return (await this.db.select().from(sites).where(within).orderBy(asc(sites.name))).map(siteOf)
  }

  /** The organization a site belongs to, if the site exists. */
  async organizationOf(id: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ organizationId: sites.organizationId })
      .from(sites)
      .where(eq(sites.id, id))
    return row?.organizationId
  }

  /** One site's settings, if it exists. */
  async find(id: string): Promise<Site | undefined> {
    const row = await this.db.query.sites.findFirst({ where: eq(sites.id, id) })
    return row && siteOf(row)
  }

  /** A site with its circuits and connectors (three queries), if it exists. */
  async config(id: string): Promise<SiteConfig | undefined> {
    const [site, circuits, connectors] = await Promise.all([
      this.find(id),
      this.db.select().from(siteCircuits).where(eq(siteCircuits.siteId, id)).orderBy(asc(siteCircuits.id)),
      this.db
        .select()
        .from(siteConnectors)
        .where(eq(siteConnectors.siteId, id))
        .orderBy(asc(siteConnectors.chargerId), asc(siteConnectors.evseId)),
    ])
    return site
      ? { site, circuits: circuits.map(circuitOf), connectors: connectors.map(connectorOf) }
      : undefined
  }

  /**
   * Creates a site or replaces its settings (and its owner, when given; the platform's when new). Its
   * access settings are replaced when given, else kept (a new site: any accepted token, no holidays).
   */
  upsert(id: string, v: SiteSettings & Partial<SiteAccessSettings>, now: number, organizationId?: string) {
    const owner = organizationId === undefined ? {} : { organizationId }
    return this.db
      .insert(sites)
      .values({ id, ...v, ...owner, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: sites.id, set: { ...v, ...owner, updatedAt: now } })
  }

  /** Removes a site; its circuits and connector assignments go with it (cascade). */
  remove(id: string) {
    return this.db.delete(sites).where(eq(sites.id, id)).returning({ id: sites.id })
  }

  /** Adds or changes a sub-circuit. */
  upsertCircuit(c: Circuit) {
    const { siteId, id, ...rest } = c
    return this.db
      .insert(siteCircuits)
      .values(c)
      .onConflictDoUpdate({ target: [siteCircuits.siteId, siteCircuits.id], set: rest })
  }

  /** Removes a sub-circuit. */
  removeCircuit(siteId: string, id: string) {
    return this.db.delete(siteCircuits).where(and(eq(siteCircuits.siteId, siteId), eq(siteCircuits.id, id)))
  }

  /** Puts a charger EVSE on a site (moving it if it was on another one). */
  assignConnector(c: SiteConnector) {
    const { chargerId, evseId, ...rest } = c
    return this.db
      .insert(siteConnectors)
      .values(c)
      .onConflictDoUpdate({ target: [siteConnectors.chargerId, siteConnectors.evseId], set: rest })
  }

  /** Takes a charger EVSE off a site. */
  unassignConnector(siteId: string, chargerId: string, evseId: number) {
    return this.db
      .delete(siteConnectors)
      .where(
        and(
          eq(siteConnectors.siteId, siteId),
          eq(siteConnectors.chargerId, chargerId),
          eq(siteConnectors.evseId, evseId),
        ),
      )
  }

  /** The site an EVSE is on, if any. */
  async siteOf(chargerId: string, evseId: number): Promise<string | undefined> {
    const [row] = await this.db
      .select({ siteId: siteConnectors.siteId })
      .from(siteConnectors)
      .where(and(eq(siteConnectors.chargerId, chargerId), eq(siteConnectors.evseId, evseId)))
    return row?.siteId
  }

  /**
   * The open transactions on any of `chargerIds`, oldest first: one query for a whole site, so a site
   * loop (re)loads in a fixed number of queries whatever its size.
   */
  openTransactionsOn(chargerIds: readonly string[]): Promise<TransactionRow[]> {
    if (chargerIds.length === 0) return Promise.resolve([])
    return this.db
      .select()
      .from(transactions)
      .where(and(inArray(transactions.chargerId, [...chargerIds]), isNull(transactions.endedAt)))
      .orderBy(asc(transactions.id))
  }

  /** The EVs' latest charging needs at any EVSE of `chargerIds` (OCPP 2.0.1). */
  chargingNeedsOn(chargerIds: readonly string[]): Promise<ChargingNeedsRow[]> {
    if (chargerIds.length === 0) return Promise.resolve([])
    return this.db
      .select()
      .from(chargingNeeds)
      .where(inArray(chargingNeeds.chargerId, [...chargerIds]))
  }

  /**
   * Each driver's latest `perTag` ended sessions, newest first, for many drivers in one query (what
   * `usualDeparture` learns a driver's habits from).
   */
  async pastSessionsOf(idTags: readonly string[], perTag = 30): Promise<Map<string, PastSession[]>> {
    const out = new Map<string, PastSession[]>()
    if (idTags.length === 0) return out
    const ranked = this.db
      .select({
        idTag: sql<string>`${transactions.idTag}`.as('tag'),
        startedAt: sql<number>`${transactions.startedAt}`.as('started'),
        endedAt: sql<number | null>`${transactions.endedAt}`.as('ended'),
        n: sql<number>`row_number() over (partition by ${transactions.idTag} order by ${transactions.startedAt} desc)`.as(
          'n',
        ),
      })
      .from(transactions)
      .where(and(inArray(transactions.idTag, [...idTags]), isNotNull(transactions.endedAt)))
      .as('ranked')
    const rows = await this.db
      .select({ idTag: ranked.idTag, startedAt: ranked.startedAt, endedAt: ranked.endedAt })
      .from(ranked)
      .where(lte(ranked.n, perTag))
      .orderBy(asc(ranked.idTag), desc(ranked.startedAt))
    for (const r of rows) {
      const list = out.get(r.idTag)
      if (list) list.push({ startedAt: r.startedAt, endedAt: r.endedAt })
      else out.set(r.idTag, [{ startedAt: r.startedAt, endedAt: r.endedAt }])
    }
    return out
  }

  /** Records a minute of load, keeping the minute's highest values. */
  recordLoad(row: SiteLoadMinute) {
    const max = (c: string) => sql.raw(`max(${c}, excluded.${c})`)
    return this.db
      .insert(siteLoad)
      .values(row)
      .onConflictDoUpdate({
        target: [siteLoad.siteId, siteLoad.minute],
        set: {
          l1A: max('l1_a'),
          l2A: max('l2_a'),
          l3A: max('l3_a'),
          evKw: max('ev_kw'),
          siteKw: max('site_kw'),
          meterGapS: max('meter_gap_s'),
          stepL1A: max('step_l1_a'),
          stepL2A: max('step_l2_a'),
          stepL3A: max('step_l3_a'),
        },
      })
  }

  /**
   * What the building meter showed from `sinceMinute` on, per hour (see `MeterWatch.restore`): the
   * largest rise per phase and how many minutes had each longest gap (to 0.1 s). Two grouped queries
   * over a week of minutes, run when a site loop starts.
   */
  async meterHours(siteId: string, sinceMinute: number): Promise<MeterHour[]> {
    const where = and(eq(siteLoad.siteId, siteId), gte(siteLoad.minute, sinceMinute))
    const hour = sql<number>`${siteLoad.minute} / 60`
    const gap = sql<number>`max(0.1, round(${siteLoad.meterGapS}, 1))`
    const [steps, gaps] = await Promise.all([
      this.db
        .select({
          hour,
          l1: sql<number>`max(${siteLoad.stepL1A})`,
          l2: sql<number>`max(${siteLoad.stepL2A})`,
          l3: sql<number>`max(${siteLoad.stepL3A})`,
        })
        .from(siteLoad)
        .where(where)
        .groupBy(hour),
      this.db
        .select({ hour, gap, n: sql<number>`count(*)` })
        .from(siteLoad)
        .where(and(where, sql`${siteLoad.meterGapS} > 0`))
        .groupBy(hour, gap),
    ])
    const byHour = new Map<number, { hour: number; stepA: PerPhase; gaps: Map<number, number> }>()
    for (const r of steps) byHour.set(r.hour, { hour: r.hour, stepA: [r.l1, r.l2, r.l3], gaps: new Map() })
    for (const r of gaps) byHour.get(r.hour)?.gaps.set(r.gap, r.n)
    return [...byHour.values()]
  }

  /** A site's load per minute from `sinceMinute` on, oldest first. */
  loadSince(siteId: string, sinceMinute: number): Promise<SiteLoadMinute[]> {
    return this.db
      .select()
      .from(siteLoad)
      .where(and(eq(siteLoad.siteId, siteId), gte(siteLoad.minute, sinceMinute)))
      .orderBy(asc(siteLoad.minute))
  }

  /**
   * The highest hourly mean of site power (kW) from `sinceMinute` up to (not including) `untilMinute`:
   * what an effect tariff bills for that period.
   */
  async peakHourKw(
    siteId: string,
    sinceMinute: number,
    untilMinute = Number.MAX_SAFE_INTEGER,
  ): Promise<number> {
    const [row] = await this.db.all<{ peak: number | null }>(
      sql`select max(h) as peak from (select avg(${siteLoad.siteKw}) as h from ${siteLoad}
          where ${siteLoad.siteId} = ${siteId} and ${siteLoad.minute} >= ${sinceMinute} and ${siteLoad.minute} < ${untilMinute}
          group by ${siteLoad.minute} / 60)`,
    )
    return row?.peak ?? 0
  }
}
