import type { SpotSlot } from '@src/domain/tariffs/spot-price'
import { and, asc, count, eq, gt, gte, inArray, lt, max, min, type SQL } from 'drizzle-orm'
import type { Db } from '../client'
import { priceSeries, priceSlotRevisions, priceSlots } from '../schema'

/** A stored price series (its slots are in `price_slots`). */
export type PriceSeriesRow = typeof priceSeries.$inferSelect
/** A stored slot: its span, current price per kWh and revision. */
export type PriceSlotRow = typeof priceSlots.$inferSelect
/** A price a slot had before a later import changed it. */
export type PriceSlotRevisionRow = typeof priceSlotRevisions.$inferSelect

/** How many slots a series has and the span they cover (null when it has none). */
export interface SeriesExtent {
  slots: number
  from: number | null
  to: number | null
}

/** Price series, their slots and the slots' earlier prices (unscoped: HTTP reaches them through `ScopedPriceSeries`). */
export class PriceSeriesRepo {
  constructor(private readonly db: Db) {}

  /** The series within `within` (a scope's condition), by name. */
  list(within: SQL | undefined): Promise<PriceSeriesRow[]> {
    return this.db
      .select()
      .from(priceSeries)
      .where(within)
      .orderBy(asc(priceSeries.name), asc(priceSeries.id))
  }

  /** One series, or undefined. */
  async find(id: string): Promise<PriceSeriesRow | undefined> {
    return (await this.db.select().from(priceSeries).where(eq(priceSeries.id, id)))[0]
  }

  /** The slot count and span of a series. */
  async extent(seriesId: string): Promise<SeriesExtent> {
    const [row] = await this.db
      .select({ n: count(), from: min(priceSlots.fromMs), to: max(priceSlots.toMs) })
      .from(priceSlots)
      .where(eq(priceSlots.seriesId, seriesId))
    return { slots: row?.n ?? 0, from: row?.from ?? null, to: row?.to ?? null }
  }

  /** The slots of a series overlapping `[from, to)`, in time order. */
  slotsOverlapping(seriesId: string, from: number, to: number): Promise<PriceSlotRow[]> {
    return this.db
      .select()
      .from(priceSlots)
      .where(and(eq(priceSlots.seriesId, seriesId), lt(priceSlots.fromMs, to), gt(priceSlots.toMs, from)))
      .orderBy(asc(priceSlots.fromMs))
  }

  /** The slots of a series overlapping a session's span, as the tariff engine takes them. */
  async spotSlots(seriesId: string, from: number, to: number): Promise<SpotSlot[]> {
    return (await this.slotsOverlapping(seriesId, from, to)).map((s) => ({
      from: s.fromMs,
      to: s.toMs,
      pricePerKwh: s.pricePerKwh,
    }))
  }

  /** The stored slots of a series starting at these instants (what an import would replace). */
  async slotsStartingAt(seriesId: string, froms: readonly number[]): Promise<PriceSlotRow[]> {
    if (froms.length === 0) return []
    const lo = Math.min(...froms)
    const hi = Math.max(...froms)
    const rows = await this.db
      .select()
      .from(priceSlots)
      .where(
        and(eq(priceSlots.seriesId, seriesId), gte(priceSlots.fromMs, lo), lt(priceSlots.fromMs, hi + 1)),
      )
    const wanted = new Set(froms)
    return rows.filter((r) => wanted.has(r.fromMs))
  }

  /** The earlier prices of a series' slots starting at these instants, oldest first. */
  revisionsOf(seriesId: string, froms: readonly number[]): Promise<PriceSlotRevisionRow[]> {
    if (froms.length === 0) return Promise.resolve([])
    return this.db
      .select()
      .from(priceSlotRevisions)
      .where(and(eq(priceSlotRevisions.seriesId, seriesId), inArray(priceSlotRevisions.fromMs, [...froms])))
      .orderBy(asc(priceSlotRevisions.fromMs), asc(priceSlotRevisions.revision))
  }

  /** Inserts a series. */
  insert(row: PriceSeriesRow) {
    return this.db.insert(priceSeries).values(row)
  }

  /** Marks a series changed (its slots were imported). */
  touch(id: string, at: number) {
    return this.db.update(priceSeries).set({ updatedAt: at }).where(eq(priceSeries.id, id))
  }

  /** Inserts new slots (none of them stored yet: the unique index refuses a second one per start). */
  insertSlots(rows: readonly PriceSlotRow[]) {
    return this.db.insert(priceSlots).values([...rows])
  }

  /** Records the price a slot had before it is revised. */
  insertRevision(row: PriceSlotRevisionRow) {
    return this.db.insert(priceSlotRevisions).values(row)
  }

  /** Gives a stored slot its next price and revision. */
  revise(
    seriesId: string,
    fromMs: number,
    fields: Pick<PriceSlotRow, 'pricePerKwh' | 'revision' | 'updatedAt'>,
  ) {
    return this.db
      .update(priceSlots)
      .set(fields)
      .where(and(eq(priceSlots.seriesId, seriesId), eq(priceSlots.fromMs, fromMs)))
  }
}
