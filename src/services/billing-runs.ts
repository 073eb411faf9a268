import type {
  BillingProfileRow,
  BillingRunRow,
  BuyerFacts,
  InvoiceRow,
  InvoicesRepo,
  IssuedInvoice,
  UninvoicedCdr,
} from '@src/db/repos/invoices'
import type { DbWriter } from '@src/db/writer'
import {
  addDays,
  type BillingPeriod,
  localDate,
  monthlyPeriod,
  previousMonth,
} from '@src/domain/invoices/billing-period'
import { billingPlan, type CandidateCdr, type UnbilledReason } from '@src/domain/invoices/billing-plan'
import { cdrVatRate } from '@src/domain/invoices/cdr-vat'
import { composeInvoice, creditNoteOf, invoiceNumber } from '@src/domain/invoices/compose-invoice'
import type { Invoice, InvoiceBuyer, InvoiceSeller } from '@src/domain/invoices/invoice'
import type { Payer } from '@src/domain/invoices/payer'
import { minorUnits } from '@src/domain/invoices/payment-status'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import { randomId } from '@src/lib/ids'
import type { Logger } from '@src/lib/log'
import type { Audit } from './audit'

/** What {@link BillingRuns} works with. */
export interface BillingRunsDeps {
  clock: Clock
  log: Logger
  writer: DbWriter
  invoices: InvoicesRepo
  audit: Audit
  /** How many invoices one commit issues (numbers and invoices committed together). */
  invoicesPerCommit?: number
}

/** What a billing run did. */
export interface BillingRunReport {
  id: string
  organizationId: string
  periodStart: string
  periodEnd: string
  /** `done`; `failed` (the invoices issued before the failure stay, numbered without gaps); `noProfile`. */
  outcome: 'done' | 'failed' | 'noProfile'
  invoiceIds: string[]
  /** CDRs left out, and why (no payer, VAT unknown, another currency). */
  unbilled: { cdrId: string; reason: UnbilledReason }[]
  /** Buyers already invoiced for this period: their new CDRs wait for the next period's run. */
  deferred: number
  error?: string
}

/** The answer to a credit request. */
export type CreditOutcome =
  | { ok: true; note: InvoiceRow }
  | { ok: false; reason: 'isCreditNote' | 'alreadyCredited' | 'noProfile'; message: string }

const DEFAULT_PER_COMMIT = 200
const NO_SITE_ZONE = 'Europe/Stockholm'

/**
 * Billing runs: for a seller (an organization with a billing profile) and a month in its zone, one
 * invoice per buyer with billable CDRs not yet invoiced that ended before the period's end (a CDR that
 * arrives after its month was run, such as a correction, goes on the buyer's next invoice).
 *
 * Idempotent: a CDR is on one invoice at most and a buyer gets one invoice per seller and period, both
 * enforced by unique keys in the database, so running twice (or on two nodes at once) issues one set.
 * Numbers are gapless per seller: each commit issues up to `invoicesPerCommit` invoices together with
 * the sequence's new last number, so a run that fails halfway keeps what it committed, loses no number,
 * and the next run carries on from there. Invoices never change (database triggers).
 */
export class BillingRuns {
  constructor(private readonly deps: BillingRunsDeps) {}

  /** Runs billing for `organizationId` and month `YYYY-MM` (default: the month before now, in its zone). */
  async run(scope: Scope, organizationId: string, month: string | undefined): Promise<BillingRunReport> {
    const { clock, invoices } = this.deps
    const startedAt = clock.now()
    const profile = await invoices.profile(organizationId)
    const zone = profile?.timeZone ?? NO_SITE_ZONE
    const period = monthlyPeriod(month ?? previousMonth(startedAt, zone), zone)
    const report: BillingRunReport = {
      id: `run-${randomId(9)}`,
      organizationId,
      periodStart: period.start,
      periodEnd: period.end,
      outcome: 'done',
      invoiceIds: [],
      unbilled: [],
      deferred: 0,
    }
    if (!profile) {
      report.outcome = 'noProfile'
      report.error = `organization ${organizationId} has no billing profile: it cannot invoice`
    } else {
      try {
        await this.#invoice(profile, period, report)
      } catch (err) {
        report.outcome = 'failed'
        report.error = String(err)
        this.deps.log.error('billing run failed', {
          run: report.id,
          organization: organizationId,
          error: String(err),
        })
      }
    }
    const row = runRow(report, startedAt, clock.now(), scope.actor.label)
    await this.deps.writer.write([
      invoices.insertRun(row),
      this.deps.audit.entry(scope, {
        organizationId,
        action: 'billing.run',
        entity: 'billingRun',
        entityId: report.id,
        before: null,
        after: { periodStart: row.periodStart, outcome: row.outcome, invoices: row.invoices },
      }),
    ])
    return report
  }

  async #invoice(profile: BillingProfileRow, period: BillingPeriod, report: BillingRunReport) {
    const { invoices } = this.deps
    const organizationId = profile.organizationId
    const cdrs = await invoices.uninvoicedCdrs(organizationId, period.untilMs)
    const plan = billingPlan(cdrs.map(candidateOf), profile.currency)
    report.unbilled = plan.unbilled
    const done = await invoices.invoicedBuyers(organizationId, period.start)
    const groups = plan.groups
      .filter((g) => !done.has(`${g.payer.kind}:${g.payer.id}`))
      .sort((a, b) => a.payer.kind.localeCompare(b.payer.kind) || a.payer.id.localeCompare(b.payer.id))
    report.deferred = plan.groups.length - groups.length
    const buyers = await this.#buyers(
      groups.map((g) => g.payer),
      profile.country,
    )
    const seller = sellerOf(profile)
    const issuedOn = localDate(this.deps.clock.now(), profile.timeZone)
    const perCommit = this.deps.invoicesPerCommit ?? DEFAULT_PER_COMMIT
    let last = await invoices.lastSeq(organizationId)
    for (let i = 0; i < groups.length; i += perCommit) {
      const issued: IssuedInvoice[] = groups.slice(i, i + perCommit).map((g, k) => {
        const seq = last + k + 1
        const invoice = composeInvoice({
          id: `inv-${randomId(12)}`,
          seq,
          number: invoiceNumber(profile.invoicePrefix, seq),
          seller,
          buyer: buyers.get(`${g.payer.kind}:${g.payer.id}`) ?? unknownBuyer(g.payer, profile.country),
          language: languageOf(profile.language),
          issuedOn,
          dueOn: addDays(issuedOn, profile.paymentTermsDays),
          periodStart: period.start,
          periodEnd: period.end,
          cdrs: g.cdrs,
        })
        return { row: rowOf(invoice, seq, report.id, this.deps.clock.now()), cdrIds: g.cdrs.map((c) => c.id) }
      })
      await this.deps.writer.write(invoices.issue(organizationId, issued))
      last += issued.length
      report.invoiceIds.push(...issued.map((x) => x.row.id))
    }
  }

  async #buyers(payers: readonly Payer[], sellerCountry: string): Promise<Map<string, InvoiceBuyer>> {
    const out = new Map<string, InvoiceBuyer>()
    for (const kind of ['driver', 'household', 'businessAccount'] as const) {
      const ids = payers.filter((p) => p.kind === kind).map((p) => p.id)
      for (const b of await this.deps.invoices.buyers(kind, ids))
        out.set(`${kind}:${b.id}`, buyerOf(b, sellerCountry))
    }
    return out
  }

  /**
   * Credits a whole invoice: a credit note with every line negated, its own number from the seller's
   * sequence, `credits` naming the invoice; one per invoice (a unique key). Issued today, due today.
   */
  async credit(scope: Scope, invoice: InvoiceRow): Promise<CreditOutcome> {
    const { invoices, clock } = this.deps
    if (invoice.kind !== 'invoice')
      return {
        ok: false,
        reason: 'isCreditNote',
        message: `${invoice.number} is a credit note: it cannot be credited`,
      }
    if (await invoices.creditOf(invoice.id))
      return { ok: false, reason: 'alreadyCredited', message: `${invoice.number} is already credited` }
    const profile = await invoices.profile(invoice.organizationId)
    if (!profile) return { ok: false, reason: 'noProfile', message: 'the seller has no billing profile' }
    const seq = (await invoices.lastSeq(invoice.organizationId)) + 1
    const issuedOn = localDate(clock.now(), profile.timeZone)
    const note = creditNoteOf(invoice.body as Invoice, {
      id: `inv-${randomId(12)}`,
      seq,
      number: invoiceNumber(profile.invoicePrefix, seq),
      issuedOn,
      dueOn: issuedOn,
    })
    const row = { ...rowOf(note, seq, null, clock.now()), creditsInvoiceId: invoice.id }
    await this.deps.writer.write([
      ...invoices.issue(invoice.organizationId, [{ row, cdrIds: [] }]),
      this.deps.audit.entry(scope, {
        organizationId: invoice.organizationId,
        action: 'invoice.credited',
        entity: 'invoice',
        entityId: invoice.id,
        before: null,
        after: { creditNote: row.number, credits: invoice.number },
      }),
    ])
    return { ok: true, note: row }
  }
}

function candidateOf(c: UninvoicedCdr): CandidateCdr {
  const payer =
    c.payerKind && c.payerId
      ? ({ kind: c.payerKind, id: c.payerId, costCentre: c.costCentre } as Payer)
      : null
  return {
    id: c.id,
    startedAt: c.startedAt,
    endedAt: c.endedAt,
    chargerId: c.chargerId,
    siteName: c.siteName ?? c.chargerId,
    timeZone: c.timeZone ?? NO_SITE_ZONE,
    idTag: c.idTag,
    currency: c.currency,
    totalExclVat: c.totalExclVat,
    totalInclVat: c.totalInclVat,
    vatRatePercent: cdrVatRate(c.body),
    energyWh: c.energyWh,
    costCentre: c.costCentre,
    credits: c.credits,
    payer,
  }
}

const languageOf = (l: string): 'sv' | 'en' => (l === 'en' ? 'en' : 'sv')

/** The seller on its invoices, from its billing profile. */
export function sellerOf(p: BillingProfileRow): InvoiceSeller {
  return {
    organizationId: p.organizationId,
    name: p.legalName,
    companyNumber: p.companyNumber,
    vatNumber: p.vatNumber,
    addressLines: p.addressLines,
    country: p.country,
    email: p.email,
    bankgiro: p.bankgiro,
    iban: p.iban,
  }
}

function buyerOf(b: BuyerFacts, sellerCountry: string): InvoiceBuyer {
  return {
    kind: b.kind,
    id: b.id,
    name: b.name,
    companyNumber: b.companyNumber,
    vatNumber: b.details?.vatNumber ?? null,
    addressLines: b.details?.addressLines ?? [],
    country: b.details?.country ?? sellerCountry,
    email: b.email,
  }
}

/** A payer whose row is gone (deleted since the CDR): invoiced by its id, never left out silently. */
function unknownBuyer(p: Payer, sellerCountry: string): InvoiceBuyer {
  return {
    kind: p.kind,
    id: p.id,
    name: p.id,
    companyNumber: null,
    vatNumber: null,
    addressLines: [],
    country: sellerCountry,
    email: null,
  }
}

function rowOf(invoice: Invoice, seq: number, runId: string | null, at: number): InvoiceRow {
  return {
    id: invoice.id,
    organizationId: invoice.seller.organizationId,
    kind: invoice.kind,
    seq,
    number: invoice.number,
    buyerKind: invoice.buyer.kind,
    buyerId: invoice.buyer.id,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    issuedOn: invoice.issuedOn,
    dueOn: invoice.dueOn,
    currency: invoice.currency,
    totalToPay: invoice.totalToPay,
    totalMinor: minorUnits(invoice.totalToPay),
    creditsInvoiceId: null,
    runId,
    body: invoice,
    createdAt: at,
  }
}

function runRow(r: BillingRunReport, startedAt: number, finishedAt: number, by: string): BillingRunRow {
  return {
    id: r.id,
    organizationId: r.organizationId,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    startedAt,
    finishedAt,
    outcome: r.outcome,
    invoices: r.invoiceIds.length,
    report: { unbilled: r.unbilled, deferred: r.deferred, ...(r.error && { error: r.error }) },
    startedBy: by,
  }
}
