import type { RoundingPolicy } from '@src/domain/tariffs/rounding'
import type { Tariff } from '@src/domain/tariffs/tariff'
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { priceGroups, tariffs, tariffVersions } from '../schema'
import { containing, type PageQuery } from './people'

/** A stored tariff (its current version is in `tariff_versions`). */
export type TariffRow = typeof tariffs.$inferSelect
/** One immutable version of a tariff, its body and rounding typed. */
export interface TariffVersionRow {
  tariffId: string
  version: number
  body: Tariff
  rounding: RoundingPolicy
  createdAt: number
  createdBy: string
}
/** A price group: the tariff a name charges in an organization. */
export type PriceGroupRow = typeof priceGroups.$inferSelect

/** Tariffs, their versions and price groups (unscoped: HTTP reaches them through `ScopedTariffs`). */
export class TariffsRepo {
  constructor(private readonly db: Db) {}

  /** A page of tariffs by name; `search` matches the name or the id. */
  async list(q: PageQuery): Promise<{ rows: TariffRow[]; total: number }> {
    const s = q.search?.trim()
    const where: SQL | undefined = and(
      q.within,
      s
        ? sql`(${tariffs.name} LIKE ${containing(s)} ESCAPE '\\' OR ${tariffs.id} LIKE ${containing(s)} ESCAPE '\\')`
        : undefined,
    )
    const [rows, [totals]] = await Promise.all([
      this.db.select().from(tariffs).where(where).orderBy(asc(tariffs.name)).limit(q.limit).offset(q.offset),
      this.db.select({ n: count() }).from(tariffs).where(where),
    ])
    return { rows, total: totals?.n ?? 0 }
  }

  /** One tariff, or undefined. */
  async find(id: string): Promise<TariffRow | undefined> {
    return (await this.db.select().from(tariffs).where(eq(tariffs.id, id)))[0]
  }

  /** One version of a tariff, or undefined. */
  async version(tariffId: string, version: number): Promise<TariffVersionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(tariffVersions)
      .where(and(eq(tariffVersions.tariffId, tariffId), eq(tariffVersions.version, version)))
    return row as TariffVersionRow | undefined
  }

  /** Every version of a tariff, newest first. */
  async versions(tariffId: string): Promise<TariffVersionRow[]> {
    const rows = await this.db
      .select()
      .from(tariffVersions)
      .where(eq(tariffVersions.tariffId, tariffId))
      .orderBy(desc(tariffVersions.version))
    return rows as TariffVersionRow[]
  }

  /** The price groups within `within` (a scope's condition), by organization and name. */
  priceGroupsWithin(within: SQL | undefined): Promise<PriceGroupRow[]> {
    return this.db
      .select()
      .from(priceGroups)
      .where(within)
      .orderBy(asc(priceGroups.organizationId), asc(priceGroups.name))
  }

  /** The price groups of these organizations. */
  priceGroupsOfOrganizations(organizationIds: readonly string[]): Promise<PriceGroupRow[]> {
    if (organizationIds.length === 0) return Promise.resolve([])
    return this.db
      .select()
      .from(priceGroups)
      .where(inArray(priceGroups.organizationId, [...organizationIds]))
  }

  /** The price groups of an organization, by name. */
  priceGroupsOf(organizationId: string): Promise<PriceGroupRow[]> {
    return this.db
      .select()
      .from(priceGroups)
      .where(eq(priceGroups.organizationId, organizationId))
      .orderBy(asc(priceGroups.name))
  }

  /** The price groups that charge a tariff. */
  priceGroupsCharging(tariffId: string): Promise<PriceGroupRow[]> {
    return this.db.select().from(priceGroups).where(eq(priceGroups.tariffId, tariffId))
  }

  /** Inserts a tariff. */
  insert(row: TariffRow) {
    return this.db.insert(tariffs).values(row)
  }

  /** Points a tariff at its new current version (or archives it). */
  update(
    id: string,
    fields: Partial<Pick<TariffRow, 'name' | 'currentVersion' | 'archivedAt' | 'updatedAt'>>,
  ) {
    return this.db.update(tariffs).set(fields).where(eq(tariffs.id, id))
  }

  /** Writes a version (never updated or deleted: the database refuses both). */
  insertVersion(row: TariffVersionRow) {
    return this.db.insert(tariffVersions).values(row)
  }

  /** Sets (or moves) a price group to a tariff. */
  setPriceGroup(row: PriceGroupRow) {
    return this.db
      .insert(priceGroups)
      .values(row)
      .onConflictDoUpdate({
        target: [priceGroups.organizationId, priceGroups.name],
        set: { tariffId: row.tariffId, updatedAt: row.updatedAt },
      })
  }

  /** Removes a price group. */
  removePriceGroup(organizationId: string, name: string) {
    return this.db
      .delete(priceGroups)
      .where(and(eq(priceGroups.organizationId, organizationId), eq(priceGroups.name, name)))
  }
}
