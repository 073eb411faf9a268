import type { BillingProfileRow } from '@src/db/repos/invoices'
import { DEFAULT_TIME_ZONE, isTimeZone } from '@src/domain/site/time-zone'
import type { BillingProfileInput } from '@src/services/billing-profiles'
import { z } from 'zod'
import { fieldErrors } from './render'

/** A parsed form: its data, or a message per field. */
export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> }

/** At most this many address lines, each at most {@link LINE_MAX} characters (they must fit the PDF). */
export const ADDRESS_LINES_MAX = 4
const LINE_MAX = 80

const optional = (max: number, pattern?: { re: RegExp; message: string }) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .refine((v) => v === '' || !pattern || pattern.re.test(v), pattern?.message ?? '')
    .transform((v) => (v === '' ? null : v))

/** An IBAN's check: the country and check digits moved to the end, letters as numbers, mod 97 is 1. */
export function ibanIsValid(iban: string): boolean {
  const s = iban.replace(/\s+/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false
  const digits = `${s.slice(4)}${s.slice(0, 4)}`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55))
  let rest = 0
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97
  return rest === 1
}

/** The address textarea: one line each, blank lines dropped. */
const addressLines = z
  .string()
  .transform((v) =>
    v
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== ''),
  )
  .refine((ls) => ls.length >= 1, 'enter the postal address, one line each')
  .refine((ls) => ls.length <= ADDRESS_LINES_MAX, `at most ${ADDRESS_LINES_MAX} lines`)
  .refine((ls) => ls.every((l) => l.length <= LINE_MAX), `each line at most ${LINE_MAX} characters`)

const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'two letters (ISO 3166), e.g. SE')

/** The seller profile form, every field as typed (text), to the profile the service writes. */
const vatNumber = optional(16, { re: /^[A-Za-z]{2}[0-9A-Za-z]{2,14}$/, message: 'e.g. SE556677889901' })

const profileSchema = z
  .object({
    legalName: z.string().trim().min(1, 'enter the legal name').max(120, 'at most 120 characters'),
    companyNumber: optional(20, { re: /^[0-9A-Za-z -]+$/, message: 'digits, letters, - and spaces only' }),
    vatNumber,
    addressLines,
    country,
    email: optional(200, { re: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, message: 'an email like billing@example.com' }),
    bankgiro: optional(9, { re: /^\d{3,4}-\d{4}$/, message: 'e.g. 123-4567 or 5050-1055' }),
    iban: optional(42, { re: /^[A-Za-z0-9 ]+$/, message: 'letters and digits only' }).refine(
      (v) => v === null || ibanIsValid(v),
      'not a valid IBAN (its check digits do not match)',
    ),
    paymentTermsDays: z.coerce
      .number({ error: 'days to pay, 0 to 365' })
      .int('whole days')
      .min(0, 'days to pay, 0 to 365')
      .max(365, 'days to pay, 0 to 365'),
    invoicePrefix: z
      .string()
      .trim()
      .max(12, 'at most 12 characters')
      .regex(/^[A-Za-z0-9-]*$/, 'letters, digits and - only'),
    language: z.enum(['sv', 'en'], { error: 'Swedish or English' }),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'three letters (ISO 4217), e.g. SEK'),
    timeZone: z.string().trim().refine(isTimeZone, 'a time zone like Europe/Stockholm'),
  })
  .superRefine((p, ctx) => {
    if (p.bankgiro === null && p.iban === null)
      ctx.addIssue({
        code: 'custom',
        path: ['bankgiro'],
        message: 'enter a bankgiro or an IBAN to be paid to',
      })
  })

/** The profile form's fields as typed: text each, the address lines one per line. */
export function parseProfileForm(values: Record<string, string>): Parsed<BillingProfileInput> {
  const out = profileSchema.safeParse({
    legalName: values.legalName ?? '',
    companyNumber: values.companyNumber ?? '',
    vatNumber: values.vatNumber ?? '',
    addressLines: values.addressLines ?? '',
    country: values.country ?? '',
    email: values.email ?? '',
    bankgiro: values.bankgiro ?? '',
    iban: values.iban ?? '',
    paymentTermsDays: values.paymentTermsDays ?? '',
    invoicePrefix: values.invoicePrefix ?? '',
    language: values.language ?? '',
    currency: values.currency ?? '',
    timeZone: values.timeZone ?? '',
  })
  if (!out.success) return { ok: false, errors: fieldErrors(out.error.issues) }
  const p = out.data
  return {
    ok: true,
    data: {
      ...p,
      vatNumber: p.vatNumber?.toUpperCase() ?? null,
      iban: p.iban?.replace(/\s+/g, '').toUpperCase() ?? null,
    },
  }
}

/** A stored profile as the form's values, or a new profile's defaults (Swedish, SEK, 30 days). */
export function profileFormValues(p: BillingProfileRow | undefined): Record<string, string> {
  if (!p)
    return {
      country: 'SE',
      paymentTermsDays: '30',
      invoicePrefix: '',
      language: 'sv',
      currency: 'SEK',
      timeZone: DEFAULT_TIME_ZONE,
    }
  return {
    legalName: p.legalName,
    companyNumber: p.companyNumber ?? '',
    vatNumber: p.vatNumber ?? '',
    addressLines: p.addressLines.join('\n'),
    country: p.country,
    email: p.email ?? '',
    bankgiro: p.bankgiro ?? '',
    iban: p.iban ?? '',
    paymentTermsDays: String(p.paymentTermsDays),
    invoicePrefix: p.invoicePrefix,
    language: p.language,
    currency: p.currency,
    timeZone: p.timeZone,
  }
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** The run form's month `YYYY-MM` (years 2000–2099), or the message beside it. */
export function parseMonth(text: string): Parsed<string> {
  const t = text.trim()
  const m = MONTH.exec(t)
  if (!m || Number(m[1]) < 2000 || Number(m[1]) > 2099)
    return { ok: false, errors: { month: 'a month like 2026-11' } }
  return { ok: true, data: t }
}

/** A buyer's invoicing details form: the address (one line each), the country, a VAT number if any. */
const buyerSchema = z.object({ addressLines, country, vatNumber })

/** The buyer details form's fields as typed, to the details the service writes. */
export function parseBuyerForm(
  values: Record<string, string>,
): Parsed<{ addressLines: string[]; country: string; vatNumber: string | null }> {
  const out = buyerSchema.safeParse({
    addressLines: values.addressLines ?? '',
    country: values.country ?? '',
    vatNumber: values.vatNumber ?? '',
  })
  if (!out.success) return { ok: false, errors: fieldErrors(out.error.issues) }
  return { ok: true, data: { ...out.data, vatNumber: out.data.vatNumber?.toUpperCase() ?? null } }
}
