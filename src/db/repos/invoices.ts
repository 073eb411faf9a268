import type { Invoice } from '@src/domain/invoices/invoice'
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../client'
import {
  billingProfiles,
  billingRuns,
  businessAccounts,
  buyerDetails,
  cdrs,
  drivers,
  households,
  invoiceCdrs,
  invoicePayments,
  invoiceReminders,
  invoiceSequences,
  invoices,
  siteConnectors,
  sites,
} from '../schema'
import { containing, type PageQuery } from './people'

/** A seller's billing profile. */
export type BillingProfileRow = typeof billingProfiles.$inferSelect
/** A stored invoice or credit note. */
export type InvoiceRow = typeof invoices.$inferSelect
/** A billing run as recorded. */
export type BillingRunRow = typeof billingRuns.$inferSelect
/** A buyer's invoicing details. */
export type BuyerDetailsRow = typeof buyerDetails.$inferSelect
/** A recorded payment. */
export type PaymentRow = typeof invoicePayments.$inferSelect
/** A recorded reminder. */
export type ReminderRow = typeof invoiceReminders.$inferSelect

/** A CDR not yet invoiced, with where it was charged (the site's name and zone, when the EVSE is on one). */
export interface UninvoicedCdr {
  id: string
  chargerId: string
  idTag: string | null
  startedAt: number
  endedAt: number
  currency: string | null
  totalExclVat: string
  totalInclVat: string | null
  energyWh: number
  credits: string | null
  payerKind: string | null
  payerId: string | null
  costCentre: string | null
  body: unknown
  siteName: string | null
  timeZone: string | null
}

/** Who a buyer is, as the people tables and the buyer details say. */
export interface BuyerFacts {
  kind: 'driver' | 'household' | 'businessAccount'
  id: string
  name: string
  companyNumber: string | null
  email: string | null
  details: BuyerDetailsRow | undefined
}

/** An invoice to store with the CDRs it bills (none for a credit note). */
export interface IssuedInvoice {
  row: InvoiceRow
  cdrIds: readonly string[]
}

/** What invoice lists filter on. */
export interface InvoiceQuery extends PageQuery {
  /** One seller's only (within the scope). */
  organizationId?: string
  periodStart?: string
  buyerKind?: string
  buyerId?: string
  kind?: string
  /** `paid`, `unpaid` or `reminded` (as `paymentStanding` decides), and overdue on `today`. */
  status?: 'paid' | 'unpaid' | 'reminded'
  overdueOn?: string
}

/** What is left to pay on an invoice, in minor units: its total less payments, plus its credit note's. */
const leftToPay = sql`(${invoices.totalMinor}
  - COALESCE((SELECT SUM(p.amount_minor) FROM invoice_payments p WHERE p.invoice_id = ${invoices.id}), 0)
  + COALESCE((SELECT c.total_minor FROM invoices c WHERE c.credits_invoice_id = ${invoices.id}), 0))`
const reminded = sql`EXISTS (SELECT 1 FROM invoice_reminders r WHERE r.invoice_id = ${invoices.id})`

/** Where a keyed page of the invoice list starts: the row's creation time and id (newest first). */
export interface InvoiceKey {
  createdAt: number
  id: string
}

/** What the admin's invoice list filters on (every field optional). */
export interface InvoiceFilter {
  /** The billing period's first day, `YYYY-MM-DD`. */
  periodStart?: string
  /** Part of the buyer's name, or its id. */
  buyer?: string
  kind?: 'invoice' | 'credit'
  status?: 'paid' | 'unpaid' | 'reminded'
  /** The billing run that issued them. */
  runId?: string
  /** The seller. */
  organizationId?: string
}

/** A keyed page of invoices with the filter's count and totals (per currency, in minor units). */
export interface InvoicePage {
  rows: InvoiceRow[]
  total: number
  hasPrevious: boolean
  hasNext: boolean
  sums: { currency: string; minor: number; n: number }[]
}

function statusIs(status: InvoiceQuery['status']): SQL | undefined {
  if (status === 'paid') return sql`${leftToPay} <= 0`
  if (status === 'reminded') return sql`${leftToPay} > 0 AND ${reminded}`
  if (status === 'unpaid') return sql`${leftToPay} > 0 AND NOT ${reminded}`
  return undefined
}

/** Invoices, credit notes, their payments, the sellers' profiles and billing runs (unscoped). */
export class InvoicesRepo {
  constructor(private readonly db: Db) {}

  /** The seller's billing profile, or undefined. */
  async profile(organizationId: string): Promise<BillingProfileRow | undefined> {
    return (
      await this.db.select().from(billingProfiles).where(eq(billingProfiles.organizationId, organizationId))
    )[0]
  }

  /** Writes a seller's billing profile (replacing the one before). */
  putProfile(row: BillingProfileRow) {
    return this.db
      .insert(billingProfiles)
      .values(row)
      .onConflictDoUpdate({ target: billingProfiles.organizationId, set: row })
  }

  /** Writes a buyer's invoicing details (replacing the ones before). */
  putBuyerDetails(row: BuyerDetailsRow) {
    return this.db
      .insert(buyerDetails)
      .values(row)
      .onConflictDoUpdate({ target: [buyerDetails.buyerKind, buyerDetails.buyerId], set: row })
  }

  /** The seller's CDRs that ended before `untilMs` and are on no invoice yet, oldest first. */
  uninvoicedCdrs(organizationId: string, untilMs: number): Promise<UninvoicedCdr[]> {
    return this.db
      .select({
        id: cdrs.id,
        chargerId: cdrs.chargerId,
        idTag: cdrs.idTag,
        startedAt: cdrs.startedAt,
        endedAt: cdrs.endedAt,
        currency: cdrs.currency,
        totalExclVat: cdrs.totalExclVat,
        totalInclVat: cdrs.totalInclVat,
        energyWh: cdrs.energyWh,
        credits: cdrs.credits,
        payerKind: cdrs.payerKind,
        payerId: cdrs.payerId,
        costCentre: cdrs.costCentre,
        body: cdrs.body,
        siteName: sites.name,
        timeZone: sites.timeZone,
      })
      .from(cdrs)
      .leftJoin(invoiceCdrs, eq(invoiceCdrs.cdrId, cdrs.id))
      .leftJoin(
        siteConnectors,
        and(eq(siteConnectors.chargerId, cdrs.chargerId), eq(siteConnectors.evseId, cdrs.evseId)),
      )
      .leftJoin(sites, eq(sites.id, siteConnectors.siteId))
      .where(
        and(eq(cdrs.organizationId, organizationId), lt(cdrs.endedAt, untilMs), isNull(invoiceCdrs.cdrId)),
      )
      .orderBy(asc(cdrs.endedAt), asc(cdrs.id))
  }

  /** The buyers (`kind:id`) the seller has already invoiced for the period starting `periodStart`. */
  async invoicedBuyers(organizationId: string, periodStart: string): Promise<Set<string>> {
    const rows = await this.db
      .select({ kind: invoices.buyerKind, id: invoices.buyerId })
      .from(invoices)
      .where(
        and(
          eq(invoices.organizationId, organizationId),
          eq(invoices.periodStart, periodStart),
          eq(invoices.kind, 'invoice'),
        ),
      )
    return new Set(rows.map((r) => `${r.kind}:${r.id}`))
  }

  /** Names, numbers and details of buyers of one kind. */
  async buyers(kind: BuyerFacts['kind'], ids: readonly string[]): Promise<BuyerFacts[]> {
    if (ids.length === 0) return []
    const details = new Map(
      (
        await this.db
          .select()
          .from(buyerDetails)
          .where(and(eq(buyerDetails.buyerKind, kind), inArray(buyerDetails.buyerId, [...ids])))
      ).map((d) => [d.buyerId, d]),
    )
    const of = (r: { id: string; name: string; companyNumber: string | null; email: string | null }) => ({
      kind,
      ...r,
      details: details.get(r.id),
    })
    if (kind === 'driver') {
      const rows = await this.db
        .select({ id: drivers.id, name: drivers.name, email: drivers.email })
        .from(drivers)
        .where(inArray(drivers.id, [...ids]))
      return rows.map((r) => of({ ...r, companyNumber: null }))
    }
    if (kind === 'household') {
      const rows = await this.db
        .select({ id: households.id, name: households.name, apartment: households.apartment })
        .from(households)
        .where(inArray(households.id, [...ids]))
      return rows.map((r) => of({ id: r.id, name: r.name ?? r.apartment, companyNumber: null, email: null }))
    }
    const rows = await this.db
      .select({
        id: businessAccounts.id,
        name: businessAccounts.name,
        companyNumber: businessAccounts.companyNumber,
        email: businessAccounts.billingEmail,
      })
      .from(businessAccounts)
      .where(inArray(businessAccounts.id, [...ids]))
    return rows.map(of)
  }

  /** The last number the seller issued (0 before the first). */
  async lastSeq(organizationId: string): Promise<number> {
    const [row] = await this.db
      .select({ last: invoiceSequences.last })
      .from(invoiceSequences)
      .where(eq(invoiceSequences.organizationId, organizationId))
    return row?.last ?? 0
  }

  /**
   * The writes that issue documents numbered `after + 1 …` in one commit: each invoice, its CDR links and
   * the seller's sequence moved to the last number. The unique number per seller makes a second issuer
   * that read the same `after` fail as a whole (nothing of it is committed, so no number is lost or
   * used twice); the CDR links and the one-invoice-per-buyer-and-period index refuse a second invoice.
   */
  issue(organizationId: string, issued: readonly IssuedInvoice[]) {
    const last = Math.max(...issued.map((i) => i.row.seq))
    const links = issued.flatMap((i) => i.cdrIds.map((cdrId) => ({ cdrId, invoiceId: i.row.id })))
    return [
      ...chunked(issued, 400).map((part) => this.db.insert(invoices).values(part.map((i) => i.row))),
      ...(links.length ? chunked(links, 400).map((part) => this.db.insert(invoiceCdrs).values(part)) : []),
      this.db
        .insert(invoiceSequences)
        .values({ organizationId, last })
        .onConflictDoUpdate({ target: invoiceSequences.organizationId, set: { last } }),
    ] as const
  }

  /** A buyer's invoicing details, or undefined. */
  async buyerDetails(kind: BuyerFacts['kind'], id: string): Promise<BuyerDetailsRow | undefined> {
    return (
      await this.db
        .select()
        .from(buyerDetails)
        .where(and(eq(buyerDetails.buyerKind, kind), eq(buyerDetails.buyerId, id)))
    )[0]
  }

  /** One billing run as recorded, or undefined. */
  async findRun(id: string): Promise<BillingRunRow | undefined> {
    return (await this.db.select().from(billingRuns).where(eq(billingRuns.id, id)))[0]
  }

  /** One invoice or credit note, or undefined. */
  async find(id: string): Promise<InvoiceRow | undefined> {
    return (await this.db.select().from(invoices).where(eq(invoices.id, id)))[0]
  }

  /** The credit note of an invoice, or undefined. */
  async creditOf(invoiceId: string): Promise<InvoiceRow | undefined> {
    return (await this.db.select().from(invoices).where(eq(invoices.creditsInvoiceId, invoiceId)))[0]
  }

  /** The credit notes of some invoices. */
  creditNotesOf(ids: readonly string[]): Promise<InvoiceRow[]> {
    if (ids.length === 0) return Promise.resolve([])
    return this.db
      .select()
      .from(invoices)
      .where(inArray(invoices.creditsInvoiceId, [...ids]))
  }

  /** A page of invoices, newest number first. */
  async list(q: InvoiceQuery): Promise<{ rows: InvoiceRow[]; total: number }> {
    const where = and(
      q.within,
      q.organizationId ? eq(invoices.organizationId, q.organizationId) : undefined,
      q.periodStart ? eq(invoices.periodStart, q.periodStart) : undefined,
      q.buyerKind ? eq(invoices.buyerKind, q.buyerKind) : undefined,
      q.buyerId ? eq(invoices.buyerId, q.buyerId) : undefined,
      q.kind ? eq(invoices.kind, q.kind) : undefined,
      statusIs(q.status),
      q.overdueOn ? sql`${leftToPay} > 0 AND ${invoices.dueOn} < ${q.overdueOn}` : undefined,
    )
    const [rows, [totals]] = await Promise.all([
      this.db
        .select()
        .from(invoices)
        .where(where)
        .orderBy(desc(invoices.createdAt), desc(invoices.seq))
        .limit(q.limit)
        .offset(q.offset),
      this.db.select({ n: count() }).from(invoices).where(where),
    ])
    return { rows, total: totals?.n ?? 0 }
  }

  /** Payments and reminders of some invoices. */
  async settlementsOf(ids: readonly string[]): Promise<{ payments: PaymentRow[]; reminders: ReminderRow[] }> {
    if (ids.length === 0) return { payments: [], reminders: [] }
    const [payments, reminders] = await Promise.all([
      this.db
        .select()
        .from(invoicePayments)
        .where(inArray(invoicePayments.invoiceId, [...ids]))
        .orderBy(invoicePayments.createdAt),
      this.db
        .select()
        .from(invoiceReminders)
        .where(inArray(invoiceReminders.invoiceId, [...ids]))
        .orderBy(invoiceReminders.sentAt),
    ])
    return { payments, reminders }
  }

  /** Records a payment. */
  insertPayment(row: PaymentRow) {
    return this.db.insert(invoicePayments).values(row)
  }

  /** Records a reminder. */
  insertReminder(row: ReminderRow) {
    return this.db.insert(invoiceReminders).values(row)
  }

  /** Records a billing run. */
  insertRun(row: BillingRunRow) {
    return this.db.insert(billingRuns).values(row)
  }

  /** A page of billing runs, newest first. */
  async runs(q: PageQuery): Promise<{ rows: BillingRunRow[]; total: number }> {
    const [rows, [totals]] = await Promise.all([
      this.db
        .select()
        .from(billingRuns)
        .where(q.within)
        .orderBy(desc(billingRuns.startedAt))
        .limit(q.limit)
        .offset(q.offset),
      this.db.select({ n: count() }).from(billingRuns).where(q.within),
    ])
    return { rows, total: totals?.n ?? 0 }
  }

  #filtered(q: InvoiceFilter & { within?: SQL | undefined }): SQL | undefined {
    const buyer = q.buyer?.trim()
    return and(
      q.within,
      q.periodStart ? eq(invoices.periodStart, q.periodStart) : undefined,
      q.kind ? eq(invoices.kind, q.kind) : undefined,
      q.runId ? eq(invoices.runId, q.runId) : undefined,
      q.organizationId ? eq(invoices.organizationId, q.organizationId) : undefined,
      statusIs(q.status),
      buyer
        ? or(
            eq(invoices.buyerId, buyer),
            sql`json_extract(${invoices.body}, '$.buyer.name') LIKE ${containing(buyer)} ESCAPE '\\'`,
          )
        : undefined,
    )
  }

  /**
   * A keyed page of invoices, newest first (creation time, then id), like the CDR list: the rows after
   * `after` (older) or before `before` (newer); with the whole filter's count and totals per currency.
   */
  async keyPage(
    q: InvoiceFilter & { within?: SQL | undefined; limit: number; after?: InvoiceKey; before?: InvoiceKey },
  ): Promise<InvoicePage> {
    const filter = this.#filtered(q)
    const k = q.before ?? q.after
    const older = (c: InvoiceKey) =>
      or(lt(invoices.createdAt, c.createdAt), and(eq(invoices.createdAt, c.createdAt), lt(invoices.id, c.id)))
    const newer = (c: InvoiceKey) =>
      or(gt(invoices.createdAt, c.createdAt), and(eq(invoices.createdAt, c.createdAt), gt(invoices.id, c.id)))
    const where = and(filter, k === undefined ? undefined : q.before ? newer(k) : older(k))
    const order = q.before
      ? [asc(invoices.createdAt), asc(invoices.id)]
      : [desc(invoices.createdAt), desc(invoices.id)]
    const [found, sums] = await Promise.all([
      this.db
        .select()
        .from(invoices)
        .where(where)
        .orderBy(...order)
        .limit(q.limit + 1),
      this.db
        .select({
          currency: invoices.currency,
          minor: sql<number>`COALESCE(SUM(${invoices.totalMinor}), 0)`,
          n: count(),
        })
        .from(invoices)
        .where(filter)
        .groupBy(invoices.currency)
        .orderBy(invoices.currency),
    ])
    const more = found.length > q.limit
    const rows = found.slice(0, q.limit)
    if (q.before) rows.reverse()
    return {
      rows,
      total: sums.reduce((n, s) => n + s.n, 0),
      hasPrevious: q.before ? more : q.after !== undefined,
      hasNext: q.before ? true : more,
      sums,
    }
  }

  /** The filter's invoices oldest number first, at most `limit` (the CSV and SIE downloads). */
  exportRows(q: InvoiceFilter & { within?: SQL | undefined; limit: number }): Promise<InvoiceRow[]> {
    return this.db
      .select()
      .from(invoices)
      .where(this.#filtered(q))
      .orderBy(asc(invoices.organizationId), asc(invoices.seq))
      .limit(q.limit)
  }

  /** The invoices and credit notes of some buyers (a driver's own and their households'), newest first. */
  ofBuyers(buyers: { kind: BuyerFacts['kind']; ids: readonly string[] }[], limit: number) {
    const any = buyers
      .filter((b) => b.ids.length > 0)
      .map((b) => and(eq(invoices.buyerKind, b.kind), inArray(invoices.buyerId, [...b.ids])))
    if (any.length === 0) return Promise.resolve([])
    return this.db
      .select()
      .from(invoices)
      .where(or(...any))
      .orderBy(desc(invoices.createdAt), desc(invoices.id))
      .limit(limit)
  }

  /** The issued `Invoice` of a row. */
  static invoiceOf(row: InvoiceRow): Invoice {
    return row.body as Invoice
  }
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
