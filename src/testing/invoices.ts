import type { Invoice, InvoiceBuyer, InvoiceLine, InvoiceSeller, VatRow } from '../domain/invoices/invoice'
import { Decimal, dec, sum } from '../domain/tariffs/decimal'

/** The seller of every test invoice: a Swedish housing co-op with å, ä and ö in its name. */
export const testSeller: InvoiceSeller = {
  organizationId: 'org-1',
  name: 'Brf Åkerbärets Väg',
  companyNumber: '769600-1234',
  vatNumber: 'SE769600123401',
  addressLines: ['Åkervägen 12', '123 45 Örebro'],
  country: 'SE',
  email: 'styrelsen@akerbaret.example',
  bankgiro: '5050-1055',
  iban: 'SE4550000000058398257466',
}

/** A private driver in Sweden. */
export const testBuyer: InvoiceBuyer = {
  kind: 'driver',
  id: 'driver-1',
  name: 'Örjan Ängström',
  companyNumber: null,
  vatNumber: null,
  addressLines: ['Storgatan 3 lgh 1102', '123 46 Örebro'],
  country: 'SE',
  email: 'orjan@example.com',
}

/** What a test invoice varies; everything else follows, with amounts that add up. */
export interface TestInvoiceOptions {
  kind?: Invoice['kind']
  language?: Invoice['language']
  lines?: number
  reverseCharge?: boolean
  buyer?: Partial<InvoiceBuyer>
  /** A site name for every line (e.g. a long one that must wrap). */
  siteName?: string
  /** Cost centres for the lines in turn (`null` for none). */
  costCentres?: readonly (string | null)[]
  /** VAT rates for the lines in turn, e.g. `['25', '12']`. */
  vatRates?: readonly string[]
}

function twoDecimals(value: Decimal): string {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)
}

/** Line `i`'s amount excl. VAT: distinct per line (12.37, 25.74, …) so each can be found in a document. */
function lineAmount(i: number): Decimal {
  return dec(12.37)
    .times(i + 1)
    .plus(dec(i).times('0.01'))
}

function testLine(i: number, options: TestInvoiceOptions, sign: Decimal): InvoiceLine {
  const rates = options.vatRates ?? ['25']
  const rate = options.reverseCharge ? '0' : (rates[i % rates.length] ?? '25')
  const excl = lineAmount(i).times(sign)
  const vat = dec(twoDecimals(excl.times(rate).dividedBy(100)))
  const day = String(1 + (i % 28)).padStart(2, '0')
  const centres = options.costCentres ?? []
  const english = options.language === 'en'
  return {
    cdrId: `cdr-${i + 1}`,
    startedAt: `2026-11-${day}T07:${String(i % 60).padStart(2, '0')}:00+01:00`,
    endedAt: `2026-11-${day}T09:40:00+01:00`,
    chargerId: `CP-${String((i % 4) + 1).padStart(2, '0')}`,
    siteName: options.siteName ?? 'Garaget Åkervägen',
    description: english ? `Charging, residents (card 04A2B3C${i})` : `Laddning, boende (kort 04A2B3C${i})`,
    energyKWh: dec(i + 1)
      .times('1.125')
      .times(sign.abs())
      .toFixed(3),
    costCentre: centres.length > 0 ? (centres[i % centres.length] ?? null) : null,
    vatRatePercent: rate,
    amountExclVat: twoDecimals(excl),
    vat: twoDecimals(vat),
    amountInclVat: twoDecimals(excl.plus(vat)),
  }
}

function vatRowsOf(lines: readonly InvoiceLine[]): VatRow[] {
  const rates = [...new Set(lines.map((l) => l.vatRatePercent))].sort((a, b) => dec(b).comparedTo(dec(a)))
  return rates.map((rate) => {
    const at = lines.filter((l) => l.vatRatePercent === rate)
    return {
      ratePercent: rate,
      base: twoDecimals(sum(at.map((l) => dec(l.amountExclVat)))),
      vat: twoDecimals(sum(at.map((l) => dec(l.vat)))),
    }
  })
}

/**
 * A consistent invoice (or credit note, with negative amounts) for document tests: lines with distinct
 * amounts, VAT rows per rate, öresavrundning to whole kronor, and the total to pay.
 */
export function testInvoice(options: TestInvoiceOptions = {}): Invoice {
  const kind = options.kind ?? 'invoice'
  const sign = dec(kind === 'credit' ? -1 : 1)
  const lines = Array.from({ length: options.lines ?? 1 }, (_, i) => testLine(i, options, sign))
  const vatRows = vatRowsOf(lines)
  const exclVat = sum(vatRows.map((r) => dec(r.base)))
  const vat = sum(vatRows.map((r) => dec(r.vat)))
  const total = exclVat.plus(vat)
  const toPay = total.toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
  return {
    id: `inv-${kind}-${lines.length}`,
    kind,
    number: kind === 'credit' ? '2026-000043' : '2026-000042',
    seller: testSeller,
    buyer: { ...testBuyer, ...options.buyer },
    currency: 'SEK',
    language: options.language ?? 'sv',
    issuedOn: '2026-12-01',
    dueOn: '2026-12-31',
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    lines,
    vatRows,
    totalExclVat: twoDecimals(exclVat),
    totalVat: twoDecimals(vat),
    rounding: twoDecimals(toPay.minus(total)),
    totalToPay: twoDecimals(toPay),
    reverseCharge: options.reverseCharge ?? false,
    credits: kind === 'credit' ? '2026-000042' : null,
    paymentReference: kind === 'credit' ? '2026000433' : '2026000425',
  }
}

/** A business buyer in Germany that owes the VAT itself (reverse charge). */
export const testEuBusiness: Partial<InvoiceBuyer> = {
  kind: 'businessAccount',
  id: 'ba-1',
  name: 'Ladepark Süd GmbH',
  companyNumber: 'HRB 12345',
  vatNumber: 'DE123456789',
  addressLines: ['Hauptstraße 1', '80331 München'],
  country: 'DE',
}
