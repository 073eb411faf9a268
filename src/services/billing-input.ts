import { isTimeZone } from '@src/domain/site/time-zone'
import { dec } from '@src/domain/tariffs/decimal'
import { z } from 'zod'

/** A billing month, `YYYY-MM`. */
export const monthInput = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'enter a month as YYYY-MM, e.g. 2026-11')

/** What a billing run is asked for: a month (default the seller's previous one) and a seller. */
export const runInput = z.strictObject({
  month: monthInput.optional(),
  organizationId: z.string().min(1).max(64).optional(),
})

/**
 * An amount paid: decimal text with at most 2 decimals, more than zero. Never rounded: `12.345` is
 * refused, since a payment is what arrived, to the öre. Normalized to 2 decimals (`63` → `63.00`).
 */
export const amountInput = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, 'enter the amount as decimal text with at most 2 decimals, e.g. "63.00"')
  .refine((a) => dec(a).greaterThan(0), 'the amount must be more than 0')
  .transform((a) => dec(a).toFixed(2))

/** A payment recorded by hand: the day it was paid and how much. */
export const paymentInput = z.strictObject({
  date: z.iso.date({ error: 'enter the payment date as YYYY-MM-DD' }),
  amount: amountInput,
})

const text = (max: number) => z.string().trim().min(1).max(max)
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((v) => (v === '' ? null : v))
const country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'enter the country as an ISO 3166 code of 2 capital letters, e.g. SE')
const addressLines = z.array(text(100)).max(6, 'at most 6 address lines')

/** A seller's billing profile as written through the API. */
export const profileInput = z.strictObject({
  legalName: text(120),
  companyNumber: optionalText(40),
  vatNumber: optionalText(20),
  addressLines,
  country,
  email: optionalText(200),
  bankgiro: optionalText(20),
  iban: optionalText(40),
  paymentTermsDays: z.number().int().min(0).max(365).default(30),
  invoicePrefix: z
    .string()
    .regex(/^[A-Za-z0-9-]{0,12}$/, 'the invoice prefix is up to 12 letters, digits or dashes'),
  language: z.enum(['sv', 'en'], { error: 'choose sv or en' }).default('sv'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'enter the currency as an ISO 4217 code, e.g. SEK'),
  timeZone: z.string().trim().refine(isTimeZone, 'enter a time zone like Europe/Stockholm (IANA name)'),
  organizationId: z.string().min(1).max(64).optional(),
})

/** A buyer's invoicing details as written through the API. */
export const buyerDetailsInput = z.strictObject({
  addressLines,
  country,
  vatNumber: optionalText(20),
})
