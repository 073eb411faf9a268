import { Decimal, dec, sum } from '@src/domain/tariffs/decimal'
import { zonedIso } from './billing-period'
import type { Invoice, InvoiceBuyer, InvoiceLine, InvoiceSeller, VatRow } from './invoice'
import { ocrReference } from './payment-reference'
import { oresavrundning } from './rounding'
import { isReverseCharge } from './vat-rules'

/** A CDR as an invoice bills it (a credit CDR has negative totals and names the CDR it credits). */
export interface BillableCdr {
  id: string
  startedAt: number
  endedAt: number
  chargerId: string
  siteName: string
  /** The site's zone: the line's times carry its offset. */
  timeZone: string
  idTag: string | null
  currency: string
  totalExclVat: string
  totalInclVat: string
  /** The rate the CDR was priced at (`cdrVatRate`). */
  vatRatePercent: string
  energyWh: number
  costCentre: string | null
  credits: string | null
}

/** Everything an invoice is made of, decided by the billing run. */
export interface InvoiceDraft {
  id: string
  seq: number
  number: string
  seller: InvoiceSeller
  buyer: InvoiceBuyer
  language: 'sv' | 'en'
  issuedOn: string
  dueOn: string
  periodStart: string
  periodEnd: string
  cdrs: readonly BillableCdr[]
}

/** Money as the invoice shows it: 2 decimals, half up, never `-0.00`. */
export const money = (d: Decimal): string => {
  const text = d.toFixed(2, Decimal.ROUND_HALF_UP)
  return text === '-0.00' ? '0.00' : text
}

const WORDS = {
  sv: { charging: 'Laddning', credit: 'Kreditering', card: 'kort' },
  en: { charging: 'Charging', credit: 'Credit', card: 'card' },
} as const

function lineOf(c: BillableCdr, reverseCharge: boolean, language: 'sv' | 'en'): InvoiceLine {
  const w = WORDS[language]
  const excl = dec(c.totalExclVat)
  const vat = reverseCharge ? new Decimal(0) : dec(c.totalInclVat).minus(excl)
  const card = c.idTag ? ` (${w.card} ${c.idTag})` : ''
  const what = c.credits ? `${w.credit} ${c.credits}, ${w.charging.toLowerCase()}` : w.charging
  return {
    cdrId: c.id,
    startedAt: zonedIso(c.startedAt, c.timeZone),
    endedAt: zonedIso(c.endedAt, c.timeZone),
    chargerId: c.chargerId,
    siteName: c.siteName,
    description: `${what}, ${c.siteName}${card}`,
    energyKWh: dec(String(c.energyWh)).div(1000).toFixed(3, Decimal.ROUND_HALF_UP),
    costCentre: c.costCentre,
    vatRatePercent: reverseCharge ? '0' : c.vatRatePercent,
    amountExclVat: money(excl),
    vat: money(vat),
    amountInclVat: money(excl.plus(vat)),
  }
}

/** One row per rate, highest rate first: the lines' amounts and their VAT added up. */
export function vatRowsOf(lines: readonly InvoiceLine[]): VatRow[] {
  const rates = [...new Set(lines.map((l) => l.vatRatePercent))].sort((a, b) => dec(b).comparedTo(dec(a)))
  return rates.map((rate) => {
    const at = lines.filter((l) => l.vatRatePercent === rate)
    return {
      ratePercent: rate,
      base: money(sum(at.map((l) => dec(l.amountExclVat)))),
      vat: money(sum(at.map((l) => dec(l.vat)))),
    }
  })
}

/**
 * An invoice from its CDRs: one line per CDR (its billed totals, so the invoice is the sum of its CDRs
 * to the öre), VAT per rate as the sum of the lines' VAT, reverse charge where `isReverseCharge` says
 * (every line at 0 %), öresavrundning of the total for SEK (other currencies are not rounded), and the
 * OCR reference of its sequence number.
 */
export function composeInvoice(d: InvoiceDraft): Invoice {
  const reverseCharge = isReverseCharge(d.seller.country, d.buyer)
  const lines = [...d.cdrs]
    .sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id))
    .map((c) => lineOf(c, reverseCharge, d.language))
  const vatRows = vatRowsOf(lines)
  const excl = sum(vatRows.map((r) => dec(r.base)))
  const vat = sum(vatRows.map((r) => dec(r.vat)))
  const currency = d.cdrs[0]?.currency ?? 'SEK'
  const rounding = currency === 'SEK' ? oresavrundning(excl.plus(vat)) : new Decimal(0)
  return {
    id: d.id,
    kind: 'invoice',
    number: d.number,
    seller: d.seller,
    buyer: d.buyer,
    currency,
    language: d.language,
    issuedOn: d.issuedOn,
    dueOn: d.dueOn,
    periodStart: d.periodStart,
    periodEnd: d.periodEnd,
    lines,
    vatRows,
    totalExclVat: money(excl),
    totalVat: money(vat),
    rounding: money(rounding),
    totalToPay: money(excl.plus(vat).plus(rounding)),
    reverseCharge,
    credits: null,
    paymentReference: ocrReference(d.seq),
  }
}

const neg = (text: string) => money(dec(text).negated())

/**
 * The credit note of a whole invoice: every line, VAT row, total and the rounding negated (so the two
 * add up to exactly zero), its own number from the seller's sequence, `credits` naming the invoice.
 */
export function creditNoteOf(
  invoice: Invoice,
  note: { id: string; seq: number; number: string; issuedOn: string; dueOn: string },
): Invoice {
  return {
    ...invoice,
    id: note.id,
    kind: 'credit',
    number: note.number,
    issuedOn: note.issuedOn,
    dueOn: note.dueOn,
    lines: invoice.lines.map((l) => ({
      ...l,
      energyKWh: dec(l.energyKWh).isZero() ? l.energyKWh : dec(l.energyKWh).negated().toFixed(3),
      amountExclVat: neg(l.amountExclVat),
      vat: neg(l.vat),
      amountInclVat: neg(l.amountInclVat),
    })),
    vatRows: invoice.vatRows.map((r) => ({ ...r, base: neg(r.base), vat: neg(r.vat) })),
    totalExclVat: neg(invoice.totalExclVat),
    totalVat: neg(invoice.totalVat),
    rounding: neg(invoice.rounding),
    totalToPay: neg(invoice.totalToPay),
    credits: invoice.number,
    paymentReference: ocrReference(note.seq),
  }
}

/** The seller's number for sequence `seq`: its prefix and six digits, e.g. `2026-000042`. */
export const invoiceNumber = (prefix: string, seq: number) => `${prefix}${String(seq).padStart(6, '0')}`
