import type { BillingRunRow, InvoiceRow } from '@src/db/repos/invoices'
import type { UnbilledReason } from '@src/domain/invoices/billing-plan'
import type { Invoice, InvoiceParty } from '@src/domain/invoices/invoice'
import type { Settlement } from '@src/services/payments'
import type {
  InvoiceDetailView,
  InvoiceItemView,
  LeftOutView,
  PartyView,
  RunItemView,
  RunReportView,
} from '@views/admin/billing-models'
import { formatDateTime } from '@views/format'

/** How many CDR links a report shows per reason (the rest are counted). */
const CDR_LINKS = 20

/** What each reason a run leaves a CDR out for means. */
export const LEFT_OUT_LABELS: Readonly<Record<UnbilledReason, string>> = {
  noPayer: 'No payer (the card has no owner)',
  vatUnknown: 'VAT unknown (not at one known rate)',
  otherCurrency: "Another currency than the seller's",
}

/** The admin page of an invoice or credit note. */
export const invoiceHref = (id: string) => `/admin/invoices/${encodeURIComponent(id)}`
const cdrHref = (id: string) => `/admin/cdrs/${encodeURIComponent(id)}`
const runInvoicesHref = (runId: string) => `/admin/invoices?run=${encodeURIComponent(runId)}`

/** A stored run's report (`unbilled`, `deferred`, `error`), as written by the billing service. */
interface StoredReport {
  unbilled?: { cdrId: string; reason: UnbilledReason }[]
  deferred?: number
  error?: string
}

function leftOutOf(unbilled: readonly { cdrId: string; reason: UnbilledReason }[]): LeftOutView[] {
  return (Object.keys(LEFT_OUT_LABELS) as UnbilledReason[]).flatMap((reason) => {
    const ids = unbilled.filter((u) => u.reason === reason).map((u) => u.cdrId)
    if (ids.length === 0) return []
    return [
      {
        reason,
        label: LEFT_OUT_LABELS[reason],
        count: ids.length,
        cdrs: ids.slice(0, CDR_LINKS).map((id) => ({ id, href: cdrHref(id) })),
        more: Math.max(0, ids.length - CDR_LINKS),
      },
    ]
  })
}

/** Minor-unit sums per currency as `1250.00 SEK` (exact: integer öre to two decimals). */
export function totalsText(sums: readonly { currency: string; minor: number }[]): string[] {
  return sums.map((s) => `${minorText(s.minor)} ${s.currency}`)
}

/** Whole minor units as decimal text with two decimals, by integer arithmetic (no float division). */
export function minorText(minor: number): string {
  const sign = minor < 0 ? '-' : ''
  const abs = Math.abs(minor)
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** A run as the run form's report shows it; `sums` are its invoices' totals per currency. */
export function runReportView(
  run: {
    id: string
    periodStart: string
    periodEnd: string
    outcome: string
    invoices: number
    report: StoredReport
  },
  sums: readonly { currency: string; minor: number }[],
): RunReportView {
  return {
    id: run.id,
    period: `${run.periodStart} – ${run.periodEnd}`,
    outcome: run.outcome,
    error: run.report.error ?? '',
    invoices: run.invoices,
    totals: totalsText(sums),
    invoicesHref: runInvoicesHref(run.id),
    leftOut: leftOutOf(run.report.unbilled ?? []),
    deferred: run.report.deferred ?? 0,
  }
}

/** A stored run as one row of the list. */
export function runItemView(r: BillingRunRow, timeZone: string): RunItemView {
  const report = r.report as StoredReport
  const left = leftOutOf(report.unbilled ?? [])
  return {
    id: r.id,
    organizationId: r.organizationId,
    period: `${r.periodStart} – ${r.periodEnd}`,
    outcome: r.outcome,
    invoices: r.invoices,
    invoicesHref: runInvoicesHref(r.id),
    leftOut: left.length === 0 ? 'none' : left.map((l) => `${l.reason} ${l.count}`).join(', '),
    startedAt: formatDateTime(r.startedAt, timeZone),
    startedBy: r.startedBy,
  }
}

/** An invoice as one row of the list, with where it stands. */
export function invoiceItemView(row: InvoiceRow, s: Settlement | undefined): InvoiceItemView {
  const body = row.body as Invoice
  return {
    id: row.id,
    href: invoiceHref(row.id),
    number: row.number,
    kind: row.kind === 'credit' ? 'credit' : 'invoice',
    buyer: body.buyer.name,
    period: `${row.periodStart} – ${row.periodEnd}`,
    issuedOn: row.issuedOn,
    dueOn: row.dueOn,
    total: `${row.totalToPay} ${row.currency}`,
    status: s?.status ?? 'unpaid',
    overdue: s?.overdue ?? false,
  }
}

function partyView(p: InvoiceParty, extra: string[]): PartyView {
  return {
    name: p.name,
    lines: [
      ...p.addressLines,
      p.country,
      ...(p.companyNumber ? [`Org. no. ${p.companyNumber}`] : []),
      ...(p.vatNumber ? [`VAT no. ${p.vatNumber}`] : []),
      ...(p.email ? [p.email] : []),
      ...extra,
    ],
  }
}

/** An invoice's page: the issued body as stored, where it stands, its credit note or credited invoice. */
export function invoiceDetailView(
  row: InvoiceRow,
  s: Settlement,
  links: { creditNote: InvoiceRow | undefined; credited: InvoiceRow | undefined },
  timeZone: string,
): InvoiceDetailView {
  const i = row.body as Invoice
  const credit = i.kind === 'credit'
  return {
    id: row.id,
    number: i.number,
    kind: i.kind,
    title: `${credit ? 'Credit note' : 'Invoice'} ${i.number}`,
    credits: links.credited ? { number: links.credited.number, href: invoiceHref(links.credited.id) } : null,
    creditNote: links.creditNote
      ? { number: links.creditNote.number, href: invoiceHref(links.creditNote.id) }
      : null,
    seller: partyView(i.seller, [
      ...(i.seller.bankgiro ? [`Bankgiro ${i.seller.bankgiro}`] : []),
      ...(i.seller.iban ? [`IBAN ${i.seller.iban}`] : []),
    ]),
    buyer: partyView(i.buyer, [`${i.buyer.kind} ${i.buyer.id}`]),
    facts: [
      { label: 'Number', value: i.number },
      { label: 'Issued', value: i.issuedOn },
      { label: 'Due', value: i.dueOn },
      { label: 'Period', value: `${i.periodStart} – ${i.periodEnd}` },
      { label: 'Payment reference (OCR)', value: i.paymentReference },
      { label: 'Language', value: i.language === 'sv' ? 'Swedish' : 'English' },
    ],
    currency: i.currency,
    lines: i.lines.map((l) => ({
      cdrId: l.cdrId,
      href: cdrHref(l.cdrId),
      when: `${l.startedAt.slice(0, 16).replace('T', ' ')} – ${l.endedAt.slice(11, 16)}`,
      where: `${l.siteName} / ${l.chargerId}`,
      description: l.description,
      energy: `${l.energyKWh} kWh`,
      costCentre: l.costCentre ?? '',
      vatRate: l.vatRatePercent,
      exclVat: l.amountExclVat,
      vat: l.vat,
      inclVat: l.amountInclVat,
    })),
    vatRows: i.vatRows.map((r) => ({ rate: r.ratePercent, base: r.base, vat: r.vat })),
    totalExclVat: i.totalExclVat,
    totalVat: i.totalVat,
    rounding: i.rounding,
    totalToPay: i.totalToPay,
    reverseCharge: i.reverseCharge,
    status: s.status,
    outstanding: s.outstanding,
    overdue: s.overdue,
    payments: s.payments.map((p) => ({ paidOn: p.paidOn, amount: p.amount, by: p.recordedBy })),
    reminders: s.reminders.map((r) => ({ sentAt: formatDateTime(r.sentAt, timeZone), by: r.sentBy })),
    pdfHref: `${invoiceHref(row.id)}.pdf`,
  }
}
