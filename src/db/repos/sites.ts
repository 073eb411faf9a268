import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { chargingNeeds, siteCircuits, siteConnectors, siteLoad, sites, transactions } from '../schema'
import type { ChargingNeedsRow } from './device'
import type { TransactionRow } from './transactions'

/** A stored site. */
export type SiteRow = typeof sites.$inferSelect
/** A stored sub-circuit. */
export type CircuitRow = typeof siteCircuits.$inferSelect
/** A charger EVSE on a site. */
export type SiteConnectorRow = typeof siteConnectors.$inferSelect
/** One minute of a site's load. */
export type SiteLoadRow = typeof siteLoad.$inferSelect

/** A site with its circuits and connectors: everything the power loop's model is made of. */
export interface SiteConfig {
  site: SiteRow
  circuits: CircuitRow[]
  connectors: SiteConnectorRow[]
}

/** A past session of a driver: when it started and ended. */
export type PastSession = Pick<TransactionRow, 'startedAt' | 'endedAt'>

/** The fields of a site an operator sets. */
export type SiteInput = Omit<SiteRow, 'id' | 'createdAt' | 'updatedAt'>

/** Sites, their fuse trees and connectors, and their load history. */
export class SitesRepo {
  constructor(private readonly db: Db) {}

  list(): Promise<SiteRow[]> {
    return this.db.select().from(sites).orderBy(asc(sites.name))
  }

  find(id: string): Promise<SiteRow | undefined> {
    return this.db.query.sites.findFirst({ where: eq(sites.id, id) })
  }

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
    return site ? { site, circuits, connectors } : undefined
  }

  upsert(id: string, v: SiteInput, now: number) {
    return this.db
      .insert(sites)
      .values({ id, ...v, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: sites.id, set: { ...v, updatedAt: now } })
  }

  remove(id: string) {
    return this.db.delete(sites).where(eq(sites.id, id)).returning({ id: sites.id })
  }

  upsertCircuit(c: CircuitRow) {
    const { siteId, id, ...rest } = c
    return this.db
      .insert(siteCircuits)
      .values(c)
      .onConflictDoUpdate({ target: [siteCircuits.siteId, siteCircuits.id], set: rest })
  }

  removeCircuit(siteId: string, id: string) {
    return this.db.delete(siteCircuits).where(and(eq(siteCircuits.siteId, siteId), eq(siteCircuits.id, id)))
  }

  /** Puts a charger EVSE on a site (moving it if it was on another one). */
  assignConnector(c: SiteConnectorRow) {
    const { chargerId, evseId, ...rest } = c
    return this.db
      .insert(siteConnectors)
      .values(c)
      .onConflictDoUpdate({ target: [siteConnectors.chargerId, siteConnectors.evseId], set: rest })
  }

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
  recordLoad(row: SiteLoadRow) {
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
        },
      })
  }

  loadSince(siteId: string, sinceMinute: number): Promise<SiteLoadRow[]> {
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
