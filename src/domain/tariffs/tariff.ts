import { z } from 'zod'

/**
 * A decimal as OCPI sends it (a JSON number) or as our API and forms may (its text): non-negative, at
 * most 4 decimals (OCPI's `number`), never parsed through a float on our side (`dec` reads its text).
 */
const amount = z
  .union([z.number(), z.string()])
  .refine(
    (v) => /^\d{1,9}(\.\d{1,4})?$/.test(typeof v === 'number' ? String(v) : v),
    'a non-negative amount with at most 4 decimals, like 2.50',
  )

/** An amount: OCPI `number` or its text. */
export type Amount = z.infer<typeof amount>

/** A VAT percentage (25 for 25 %, never 0.25). */
const vat = amount.refine((v) => Number(v) <= 100, 'a VAT percentage from 0 to 100, like 25')

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM (00:00–23:59)')
const isoDate = z.string().regex(/^[12]\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date YYYY-MM-DD')

/** OCPI's dimensions a price component can price. */
export const TARIFF_DIMENSIONS = ['ENERGY', 'FLAT', 'PARKING_TIME', 'TIME'] as const
/** A tariff dimension. */
export type TariffDimension = (typeof TARIFF_DIMENSIONS)[number]

/** OCPI DayOfWeek, in ISO order (Monday first). */
export const DAYS_OF_WEEK = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
] as const
/** A day of the week. */
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number]

/** OCPI 2.2.1 PriceComponent: price per unit excl. VAT (kWh, hour, or once for FLAT). */
export const priceComponentSchema = z.object({
  type: z.enum(TARIFF_DIMENSIONS),
  price: amount,
  vat: vat.optional(),
  /** Billed in blocks of this many Wh (ENERGY) or seconds (TIME, PARKING_TIME); ignored for FLAT. */
  step_size: z
    .number()
    .int()
    .min(0)
    .max(86_400 * 7),
})
/** A price component. */
export type PriceComponent = z.infer<typeof priceComponentSchema>

/** OCPI 2.2.1 TariffRestrictions (all given ones must hold: a logical AND). */
export const restrictionsSchema = z.object({
  start_time: hhmm.optional(),
  end_time: hhmm.optional(),
  start_date: isoDate.optional(),
  end_date: isoDate.optional(),
  min_kwh: amount.optional(),
  max_kwh: amount.optional(),
  min_current: amount.optional(),
  max_current: amount.optional(),
  min_power: amount.optional(),
  max_power: amount.optional(),
  min_duration: z.number().int().min(0).optional(),
  max_duration: z.number().int().min(0).optional(),
  day_of_week: z.array(z.enum(DAYS_OF_WEEK)).max(7).optional(),
  reservation: z.enum(['RESERVATION', 'RESERVATION_EXPIRES']).optional(),
})
/** Restrictions of a tariff element. */
export type TariffRestrictions = z.infer<typeof restrictionsSchema>

/** OCPI 2.2.1 TariffElement. */
export const tariffElementSchema = z.object({
  price_components: z.array(priceComponentSchema).min(1).max(8),
  restrictions: restrictionsSchema.optional(),
})
/** A tariff element. */
export type TariffElement = z.infer<typeof tariffElementSchema>

/** OCPI Price: an amount excl. VAT and, optionally, incl. VAT. */
export const priceSchema = z.object({ excl_vat: amount, incl_vat: amount.optional() })
/** A price. */
export type Price = z.infer<typeof priceSchema>

/**
 * Our extension beyond OCPI 2.2.1: an idle fee for a car left plugged in after it stopped charging.
 * Each parked spell's first `grace_minutes` are free; the rest of the parked time, summed over the
 * session and rounded up once to `step_size` seconds, costs `price` per hour, at most `max_excl_vat`
 * per session. Published to roaming partners as a PARKING_TIME component with the grace in the text.
 */
export const idleFeeSchema = z.object({
  price: amount,
  vat: vat.optional(),
  grace_minutes: z.number().int().min(0).max(1440),
  step_size: z.number().int().min(0).max(86_400),
  max_excl_vat: amount.optional(),
})
/** An idle fee. */
export type IdleFee = z.infer<typeof idleFeeSchema>

/**
 * Our extension beyond OCPI 2.2.1: the tariff follows a spot-price series (e.g. Nord Pool SE3). Each
 * slot the session overlaps prices its energy at the slot's price plus `markup_per_kwh`; a slot the
 * series does not have (yet) at pricing time costs `fallback_per_kwh` (markup included). All per kWh
 * excl. VAT. A session is priced under the OCPI tariff `spotPriced` makes of it, which its CDR keeps.
 */
export const spotSchema = z.object({
  series_id: z.string().min(1).max(36),
  markup_per_kwh: amount,
  fallback_per_kwh: amount,
  vat: vat.optional(),
  step_size: z.number().int().min(0).max(100_000),
})
/** How a tariff follows a spot-price series. */
export type SpotExtension = z.infer<typeof spotSchema>

const displayText = z.object({ language: z.string().length(2), text: z.string().min(1).max(512) })

/**
 * An OCPI 2.2.1 Tariff, the CSMS's own tariff model end to end (stored, priced, published to roaming
 * partners as is). The party fields are the CPO's; `last_updated` is set by whoever stores it.
 */
export const tariffSchema = z.object({
  country_code: z.string().length(2),
  party_id: z.string().min(1).max(3),
  id: z.string().min(1).max(36),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency like SEK'),
  type: z.enum(['AD_HOC_PAYMENT', 'PROFILE_CHEAP', 'PROFILE_FAST', 'PROFILE_GREEN', 'REGULAR']).optional(),
  tariff_alt_text: z.array(displayText).max(10).optional(),
  tariff_alt_url: z.url().optional(),
  min_price: priceSchema.optional(),
  max_price: priceSchema.optional(),
  elements: z.array(tariffElementSchema).min(1).max(500),
  start_date_time: z.iso.datetime({ offset: true }).optional(),
  end_date_time: z.iso.datetime({ offset: true }).optional(),
  last_updated: z.iso.datetime({ offset: true }),
  /** Our extension (see {@link idleFeeSchema}); absent in OCPI's own tariffs. */
  idle_fee: idleFeeSchema.optional(),
  /** Our extension (see {@link spotSchema}): its energy is priced at a spot-price series. */
  spot: spotSchema.optional(),
})
/** An OCPI tariff. */
export type Tariff = z.infer<typeof tariffSchema>
