import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * A spot-price series of an organization (e.g. "Nord Pool SE3"): the market's price per slot of 15 or
 * 60 minutes, imported through the API or a CSV upload. A tariff that follows it (its `spot`
 * extension) prices each session's energy at the slots the session overlaps, plus its markup.
 */
export const priceSeries = sqliteTable(
  'price_series',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    name: text('name').notNull(),
    /** ISO 4217: the currency of its prices (a tariff following it must charge the same). */
    currency: text('currency').notNull(),
    /** 15 or 60: every slot is exactly this long and starts on a multiple of it (UTC). */
    slotMinutes: integer('slot_minutes').notNull(),
    /** The market's bidding zone, e.g. `SE3` (a label; the time zone of pricing is the site's). */
    zone: text('zone').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('price_series_by_org').on(t.organizationId, t.name)],
)

/**
 * One slot of a series: `[from, to)` in ms and its price per kWh excl. VAT as exact decimal text. One
 * row per series and start; importing a different price for it writes the next `revision` and keeps
 * the price it replaces in `price_slot_revisions`, so every price a session could have been priced at
 * stays on record (a CDR keeps its own tariff snapshot regardless).
 */
export const priceSlots = sqliteTable(
  'price_slots',
  {
    seriesId: text('series_id').notNull(),
    fromMs: integer('from_ms').notNull(),
    toMs: integer('to_ms').notNull(),
    pricePerKwh: text('price_per_kwh').notNull(),
    /** 1 when first imported; one more for each import that changed the price. */
    revision: integer('revision').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('price_slots_by_series').on(t.seriesId, t.fromMs)],
)

/** A price a slot had before an import changed it: which revision, when and by whom it was replaced. */
export const priceSlotRevisions = sqliteTable(
  'price_slot_revisions',
  {
    seriesId: text('series_id').notNull(),
    fromMs: integer('from_ms').notNull(),
    revision: integer('revision').notNull(),
    pricePerKwh: text('price_per_kwh').notNull(),
    replacedAt: integer('replaced_at').notNull(),
    /** An account's email or an API key's name. */
    replacedBy: text('replaced_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.fromMs, t.revision] })],
)
