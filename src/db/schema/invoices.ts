import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * What an organization invoices under (the seller's details on every invoice it issues). An
 * organization without one is not invoiced from: a billing run reports it.
 */
export const billingProfiles = sqliteTable('billing_profiles', {
  organizationId: text('organization_id').primaryKey(),
  legalName: text('legal_name').notNull(),
  companyNumber: text('company_number'),
  vatNumber: text('vat_number'),
  addressLines: text('address_lines', { mode: 'json' }).$type<string[]>().notNull(),
  /** ISO 3166-1 alpha-2. */
  country: text('country').notNull(),
  email: text('email'),
  bankgiro: text('bankgiro'),
  iban: text('iban'),
  paymentTermsDays: integer('payment_terms_days').notNull(),
  /** Put before the sequence number, e.g. `2026-` gives `2026-000042`. */
  invoicePrefix: text('invoice_prefix').notNull(),
  /** `sv` or `en`: the language of its invoices. */
  language: text('language').notNull(),
  /** ISO 4217: what its tariffs charge in; CDRs in another currency are reported, not invoiced. */
  currency: text('currency').notNull(),
  /** The zone its billing periods and invoice dates are in. */
  timeZone: text('time_zone').notNull(),
  updatedAt: integer('updated_at').notNull(),
})

/**
 * A buyer's invoicing details (a driver's, a household's or a business account's): postal address,
 * country and VAT number. Kept beside the people tables so the people pages stay as they are; a buyer
 * without one is invoiced by name, in the seller's country.
 */
export const buyerDetails = sqliteTable(
  'buyer_details',
  {
    /** `driver`, `household` or `businessAccount`. */
    buyerKind: text('buyer_kind').notNull(),
    buyerId: text('buyer_id').notNull(),
    organizationId: text('organization_id').notNull(),
    addressLines: text('address_lines', { mode: 'json' }).$type<string[]>().notNull(),
    /** ISO 3166-1 alpha-2. */
    country: text('country').notNull(),
    /** A business's VAT number (e.g. `DE123456789`): one abroad in the EU is reverse-charged. */
    vatNumber: text('vat_number'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.buyerKind, t.buyerId] })],
)

/** The last number a seller issued: invoices and credit notes share it, one more per document. */
export const invoiceSequences = sqliteTable('invoice_sequences', {
  organizationId: text('organization_id').primaryKey(),
  last: integer('last').notNull(),
})

/**
 * An issued invoice or credit note, never changed (triggers refuse an update or a delete). `body` is
 * the whole `Invoice` as issued; the columns repeat what lists filter on. One invoice per seller, buyer
 * and period (unique), and one credit note per invoice.
 */
export const invoices = sqliteTable(
  'invoices',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    /** `invoice` or `credit`. */
    kind: text('kind').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    buyerKind: text('buyer_kind').notNull(),
    buyerId: text('buyer_id').notNull(),
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    issuedOn: text('issued_on').notNull(),
    dueOn: text('due_on').notNull(),
    currency: text('currency').notNull(),
    totalToPay: text('total_to_pay').notNull(),
    /** The same in minor units (öre), so what is left to pay is exact integer arithmetic in SQL. */
    totalMinor: integer('total_minor').notNull(),
    /** For a credit note: the id of the invoice it credits. */
    creditsInvoiceId: text('credits_invoice_id'),
    /** The billing run that issued it (null for a credit note). */
    runId: text('run_id'),
    body: text('body', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('invoices_by_number').on(t.organizationId, t.seq),
    uniqueIndex('invoices_once_per_period')
      .on(t.organizationId, t.buyerKind, t.buyerId, t.periodStart)
      .where(sql`${t.kind} = 'invoice'`),
    uniqueIndex('invoices_credited_once').on(t.creditsInvoiceId),
    index('invoices_by_org').on(t.organizationId, t.periodStart),
  ],
)

/** Which invoice a CDR is on: a CDR is invoiced at most once (the primary key). */
export const invoiceCdrs = sqliteTable(
  'invoice_cdrs',
  {
    cdrId: text('cdr_id').primaryKey(),
    invoiceId: text('invoice_id').notNull(),
  },
  (t) => [index('invoice_cdrs_by_invoice').on(t.invoiceId)],
)

/** A payment recorded against an invoice (manual adapter: an operator marks it paid). */
export const invoicePayments = sqliteTable(
  'invoice_payments',
  {
    id: text('id').primaryKey(),
    invoiceId: text('invoice_id').notNull(),
    paidOn: text('paid_on').notNull(),
    /** Decimal text in the invoice's currency. */
    amount: text('amount').notNull(),
    /** The same in minor units (öre). */
    amountMinor: integer('amount_minor').notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('invoice_payments_by_invoice').on(t.invoiceId)],
)

/** A reminder sent for an invoice. */
export const invoiceReminders = sqliteTable(
  'invoice_reminders',
  {
    invoiceId: text('invoice_id').notNull(),
    sentAt: integer('sent_at').notNull(),
    sentBy: text('sent_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.invoiceId, t.sentAt] })],
)

/** A billing run: when, for which seller and period, and what it did (its report as JSON). */
export const billingRuns = sqliteTable(
  'billing_runs',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at').notNull(),
    /** `done`, `failed` or `noProfile`. */
    outcome: text('outcome').notNull(),
    invoices: integer('invoices').notNull(),
    /** `{ unbilled: [{ cdrId, reason }], error? }`. */
    report: text('report', { mode: 'json' }).notNull(),
    startedBy: text('started_by').notNull(),
  },
  (t) => [index('billing_runs_by_org').on(t.organizationId, t.startedAt)],
)
