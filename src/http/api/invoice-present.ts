import type { BillingProfileRow, BillingRunRow, BuyerDetailsRow, InvoiceRow } from '@src/db/repos/invoices'
import type { BillingRunReport } from '@src/services/billing-runs'
import type { Settlement } from '@src/services/payments'
import { z } from 'zod'

const iso = (ms: number) => new Date(ms).toISOString()
const instant = z.iso.datetime()
const date = z.iso.date()
/** Money in a response: decimal text with 2 decimals, negative on a credit note (never a float). */
const money = z.string().regex(/^-?\d+\.\d{2}$/)
const buyerKind = z.enum(['driver', 'household', 'businessAccount'])
const unbilled = z.array(
  z.object({ cdrId: z.string(), reason: z.enum(['noPayer', 'vatUnknown', 'otherCurrency']) }),
)

const party = {
  name: z.string(),
  companyNumber: z.string().nullable(),
  vatNumber: z.string().nullable(),
  addressLines: z.array(z.string()),
  country: z.string(),
  email: z.string().nullable(),
}

/** The issued `Invoice` (src/domain/invoices/invoice.ts): everything its documents show. */
export const invoiceBodySchema = z.object({
  id: z.string(),
  kind: z.enum(['invoice', 'credit']),
  number: z.string(),
  seller: z.object({
    ...party,
    organizationId: z.string(),
    bankgiro: z.string().nullable(),
    iban: z.string().nullable(),
  }),
  buyer: z.object({ ...party, kind: buyerKind, id: z.string() }),
  currency: z.string(),
  language: z.enum(['sv', 'en']),
  issuedOn: date,
  dueOn: date,
  periodStart: date,
  periodEnd: date,
  lines: z.array(
    z.object({
      cdrId: z.string(),
      startedAt: z.string(),
      endedAt: z.string(),
      chargerId: z.string(),
      siteName: z.string(),
      description: z.string(),
      energyKWh: z.string(),
      costCentre: z.string().nullable(),
      vatRatePercent: z.string(),
      amountExclVat: money,
      vat: money,
      amountInclVat: money,
    }),
  ),
  vatRows: z.array(z.object({ ratePercent: z.string(), base: money, vat: money })),
  totalExclVat: money,
  totalVat: money,
  rounding: money,
  totalToPay: money,
  reverseCharge: z.boolean(),
  credits: z.string().nullable(),
  paymentReference: z.string(),
})

/** Where an invoice stands, with the payments and reminders it rests on. */
export const standingSchema = z.object({
  status: z.enum(['paid', 'unpaid', 'reminded']),
  outstanding: money,
  overdue: z.boolean(),
  creditedBy: z.string().nullable(),
  payments: z.array(
    z.object({ id: z.string(), paidOn: date, amount: money, recordedBy: z.string(), recordedAt: instant }),
  ),
  reminders: z.array(z.object({ sentAt: instant, sentBy: z.string() })),
})

/** An invoice or credit note in a list: its facts and standing, without the lines. */
export const invoiceSummarySchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  kind: z.enum(['invoice', 'credit']),
  number: z.string(),
  buyerKind,
  buyerId: z.string(),
  buyerName: z.string(),
  periodStart: date,
  periodEnd: date,
  issuedOn: date,
  dueOn: date,
  currency: z.string(),
  totalToPay: money,
  creditsInvoiceId: z.string().nullable(),
  runId: z.string().nullable(),
  createdAt: instant,
  standing: standingSchema,
})

/** One invoice: its facts, standing and the whole issued `Invoice`. */
export const invoiceDetailSchema = invoiceSummarySchema.extend({ invoice: invoiceBodySchema })

/** A billing run as recorded. */
export const billingRunSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  periodStart: date,
  periodEnd: date,
  startedAt: instant,
  finishedAt: instant,
  outcome: z.enum(['done', 'failed', 'noProfile']),
  invoices: z.number().int(),
  startedBy: z.string(),
  unbilled,
  deferred: z.number().int(),
  error: z.string().optional(),
})

/** What a billing run just did. */
export const runReportSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  periodStart: date,
  periodEnd: date,
  outcome: z.enum(['done', 'failed', 'noProfile']),
  invoiceIds: z.array(z.string()),
  unbilled,
  deferred: z.number().int(),
  error: z.string().optional(),
})

/** A seller's billing profile. */
export const profileSchema = z.object({
  organizationId: z.string(),
  legalName: z.string(),
  companyNumber: z.string().nullable(),
  vatNumber: z.string().nullable(),
  addressLines: z.array(z.string()),
  country: z.string(),
  email: z.string().nullable(),
  bankgiro: z.string().nullable(),
  iban: z.string().nullable(),
  paymentTermsDays: z.number().int(),
  invoicePrefix: z.string(),
  language: z.enum(['sv', 'en']),
  currency: z.string(),
  timeZone: z.string(),
  updatedAt: instant,
})

/** A buyer and its invoicing details (null: none yet; it is invoiced by name, in the seller's country). */
export const buyerDetailsSchema = z.object({
  buyerKind,
  buyerId: z.string(),
  organizationId: z.string(),
  details: z
    .object({
      addressLines: z.array(z.string()),
      country: z.string(),
      vatNumber: z.string().nullable(),
      updatedAt: instant,
    })
    .nullable(),
})

const standingJson = (s: Settlement) => ({
  status: s.status,
  outstanding: s.outstanding,
  overdue: s.overdue,
  creditedBy: s.creditedBy,
  payments: s.payments.map((p) => ({
    id: p.id,
    paidOn: p.paidOn,
    amount: p.amount,
    recordedBy: p.recordedBy,
    recordedAt: iso(p.createdAt),
  })),
  reminders: s.reminders.map((r) => ({ sentAt: iso(r.sentAt), sentBy: r.sentBy })),
})

/** An invoice row in a list, with its standing. */
export function invoiceSummaryJson(row: InvoiceRow, standing: Settlement) {
  const body = row.body as { buyer: { name: string } }
  return {
    id: row.id,
    organizationId: row.organizationId,
    kind: row.kind as 'invoice' | 'credit',
    number: row.number,
    buyerKind: row.buyerKind as z.infer<typeof buyerKind>,
    buyerId: row.buyerId,
    buyerName: body.buyer.name,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    issuedOn: row.issuedOn,
    dueOn: row.dueOn,
    currency: row.currency,
    totalToPay: row.totalToPay,
    creditsInvoiceId: row.creditsInvoiceId,
    runId: row.runId,
    createdAt: iso(row.createdAt),
    standing: standingJson(standing),
  }
}

/** One invoice with its standing and the issued body. */
export function invoiceDetailJson(row: InvoiceRow, standing: Settlement) {
  return { ...invoiceSummaryJson(row, standing), invoice: row.body as z.infer<typeof invoiceBodySchema> }
}

/** A recorded billing run. */
export function billingRunJson(r: BillingRunRow) {
  const report = r.report as Pick<BillingRunReport, 'unbilled' | 'deferred' | 'error'>
  return {
    id: r.id,
    organizationId: r.organizationId,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
    outcome: r.outcome as BillingRunReport['outcome'],
    invoices: r.invoices,
    startedBy: r.startedBy,
    unbilled: report.unbilled,
    deferred: report.deferred,
    ...(report.error !== undefined && { error: report.error }),
  }
}

/** A seller's profile. */
export function profileJson(p: BillingProfileRow) {
  return { ...p, language: p.language as 'sv' | 'en', updatedAt: iso(p.updatedAt) }
}

/** A buyer and its details, if it has any. */
export function buyerDetailsJson(
  buyer: { kind: z.infer<typeof buyerKind>; id: string; organizationId: string },
  d: BuyerDetailsRow | undefined,
) {
  return {
    buyerKind: buyer.kind,
    buyerId: buyer.id,
    organizationId: buyer.organizationId,
    details: d
      ? {
          addressLines: d.addressLines,
          country: d.country,
          vatNumber: d.vatNumber,
          updatedAt: iso(d.updatedAt),
        }
      : null,
  }
}
