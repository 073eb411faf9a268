import type { ChargingMinute, GridTariff } from '@src/domain/energy-cost/margin'
import { and, eq, gte, lt, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { cdrs, siteConnectors, siteGridTariffs, siteLoad } from '../schema'
import type { WriteQuery } from '../writer'

/** A CDR's total excl. VAT and its currency (null: a session under no tariff, which cost nothing). */
export interface CdrTotal {
  totalExclVat: string
  currency: string | null
}

type Row = typeof siteGridTariffs.$inferSelect

/** A row as the domain's tariff; a row whose source lacks its price or series is a bug in what wrote it. */
function tariffOf(r: Row): GridTariff {
  const energy =
    r.energySource === 'spot' && r.spotSeriesId !== null
      ? ({ kind: 'spot', seriesId: r.spotSeriesId } as const)
      : r.energySource === 'fixed' && r.fixedPricePerKwh !== null
        ? ({ kind: 'fixed', pricePerKwh: r.fixedPricePerKwh } as const)
        : undefined
  if (!energy)
    throw new Error(`site ${r.siteId}: grid tariff "${r.energySource}" without its price or series`)
  return {
    currency: r.currency,
    energy,
    energyFeePerKwh: r.energyFeePerKwh,
    effectFeePerKw: r.effectFeePerKw,
  }
}

/**
 * Sites' grid tariffs and what a month's energy margin reads: the charging's recorded minutes and
 * hourly peak, and the CDRs of the site's connectors. Unscoped and keyed by site: callers reach the
 * site through the scoped sites repository first.
 */
export class GridTariffsRepo {
  constructor(private readonly db: Db) {}

  /** A site's grid tariff, or undefined when none is set. */
  async find(siteId: string): Promise<GridTariff | undefined> {
    const [row] = await this.db.select().from(siteGridTariffs).where(eq(siteGridTariffs.siteId, siteId))
    return row ? tariffOf(row) : undefined
  }

  /** Sets a site's grid tariff (the one in force from now on). */
  save(siteId: string, t: GridTariff, now: number): WriteQuery {
    const values = {
      currency: t.currency,
      energySource: t.energy.kind,
      fixedPricePerKwh: t.energy.kind === 'fixed' ? t.energy.pricePerKwh : null,
      spotSeriesId: t.energy.kind === 'spot' ? t.energy.seriesId : null,
      energyFeePerKwh: t.energyFeePerKwh,
      effectFeePerKw: t.effectFeePerKw,
      updatedAt: now,
    }
    return this.db
      .insert(siteGridTariffs)
      .values({ siteId, ...values })
      .onConflictDoUpdate({ target: siteGridTariffs.siteId, set: values })
  }

  /** The charging power the loop recorded per minute in `[fromMinute, untilMinute)`. */
  chargingMinutes(siteId: string, fromMinute: number, untilMinute: number): Promise<ChargingMinute[]> {
    return this.db
      .select({ minute: siteLoad.minute, evKw: siteLoad.evKw })
      .from(siteLoad)
      .where(
        and(eq(siteLoad.siteId, siteId), gte(siteLoad.minute, fromMinute), lt(siteLoad.minute, untilMinute)),
      )
      .orderBy(siteLoad.minute)
  }

  /** The highest hourly mean of charging power (kW) in `[fromMinute, untilMinute)`; 0 with no minutes. */
  async peakChargingHourKw(siteId: string, fromMinute: number, untilMinute: number): Promise<number> {
    const [row] = await this.db.all<{ peak: number | null }>(
      sql`select max(h) as peak from (select avg(${siteLoad.evKw}) as h from ${siteLoad}
          where ${siteLoad.siteId} = ${siteId} and ${siteLoad.minute} >= ${fromMinute} and ${siteLoad.minute} < ${untilMinute}
          group by ${siteLoad.minute} / 60)`,
    )
    return row?.peak ?? 0
  }

  /**
   * The CDRs (first, credit and corrected generations alike) of sessions on the site's connectors
   * that ended in `[from, until)` (ms): a connector counts for the site it is on now.
   */
  cdrTotals(siteId: string, from: number, until: number): Promise<CdrTotal[]> {
    return this.db
      .select({ totalExclVat: cdrs.totalExclVat, currency: cdrs.currency })
      .from(cdrs)
      .innerJoin(
        siteConnectors,
        and(eq(siteConnectors.chargerId, cdrs.chargerId), eq(siteConnectors.evseId, cdrs.evseId)),
      )
      .where(and(eq(siteConnectors.siteId, siteId), gte(cdrs.endedAt, from), lt(cdrs.endedAt, until)))
  }
}
