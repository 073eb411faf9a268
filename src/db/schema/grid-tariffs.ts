import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { sites } from './sites'

/**
 * What a site's property pays for the energy its chargers draw: the energy price (a fixed price per
 * kWh, or a spot-price series), the grid company's energy fee per kWh and its monthly effect fee per
 * kW of the month's peak. Prices are decimal text excl. VAT in `currency`. One per site, the one in
 * force; the site's organization owns it through the site.
 */
export const siteGridTariffs = sqliteTable('site_grid_tariffs', {
  siteId: text('site_id')
    .primaryKey()
    .references(() => sites.id, { onDelete: 'cascade' }),
  currency: text('currency').notNull(),
  /** `fixed`: `fixed_price_per_kwh`; `spot`: the slots of `spot_series_id`. */
  energySource: text('energy_source').notNull(),
  fixedPricePerKwh: text('fixed_price_per_kwh'),
  spotSeriesId: text('spot_series_id'),
  energyFeePerKwh: text('energy_fee_per_kwh').notNull(),
  effectFeePerKw: text('effect_fee_per_kw').notNull(),
  updatedAt: integer('updated_at').notNull(),
})
