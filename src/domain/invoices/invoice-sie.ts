import pkg from '../../../package.json'
import { type Decimal, dec, sum, ZERO } from '../tariffs/decimal'
import { encodeCp437 } from './cp437'
import type { Invoice, InvoiceSeller } from './invoice'

/*
 * SIE 4I (an import file of verifications) as specified by SIE-Gruppen, "SIE filformat, version 4B"
 * (2008, sie.se): one record a line, `#LABEL` then fields separated by spaces; a field with spaces is
 * quoted with `"`, and inside it `"` and `\` are escaped with a backslash (§5.7); control characters are
 * not allowed; `#FORMAT PC8` means code page 437 (§5.5); dates are `YYYYMMDD`; amounts have a point and
 * two decimals, debit positive and credit negative; a `#VER` holds its `#TRANS` rows between `{` and `}`
 * lines and they sum to zero. The PayEx SIE4 export (developer.payex.com, "Technical reference: SIE4")
 * shows the same header order: #FLAGGA, #PROGRAM, #FORMAT, #GEN, #SIETYP, #FNAMN, #ORGNR, #KONTO, #VER.
 */

/** A BAS account: its number and its name as the chart of accounts gives it. */
export interface SieAccount {
  number: string
  name: string
}

/** The accounts a verification books to; {@link BAS_ACCOUNTS} are the BAS defaults. */
export interface SieAccounts {
  /** Kundfordringar: the buyer owes the total (debit on an invoice). */
  receivable: SieAccount
  /** Sales and output VAT per VAT rate (`'25'`, `'12'`, `'6'`, `'0'`), for invoices without reverse charge. */
  byRate: Readonly<Record<string, { sales: SieAccount; vat: SieAccount | null }>>
  /** Sales of services to a business in another EU country, where the buyer owes the VAT. */
  reverseChargeSales: SieAccount
  /** Öres- och kronutjämning: the öresavrundning. */
  rounding: SieAccount
}

/** BAS 2026 accounts for selling charging in Sweden and to EU businesses. */
export const BAS_ACCOUNTS: SieAccounts = {
  receivable: { number: '1510', name: 'Kundfordringar' },
  byRate: {
    '25': {
      sales: { number: '3001', name: 'Försäljning inom Sverige, 25 % moms' },
      vat: { number: '2611', name: 'Utgående moms på försäljning inom Sverige, 25 %' },
    },
    '12': {
      sales: { number: '3002', name: 'Försäljning inom Sverige, 12 % moms' },
      vat: { number: '2621', name: 'Utgående moms på försäljning inom Sverige, 12 %' },
    },
    '6': {
      sales: { number: '3003', name: 'Försäljning inom Sverige, 6 % moms' },
      vat: { number: '2631', name: 'Utgående moms på försäljning inom Sverige, 6 %' },
    },
    '0': {
      sales: { number: '3004', name: 'Försäljning inom Sverige, momsfri' },
      vat: null,
    },
  },
  reverseChargeSales: { number: '3308', name: 'Försäljning tjänster till annat EU-land' },
  rounding: { number: '3740', name: 'Öres- och kronutjämning' },
}

/** An invoice the accounts cannot book: a VAT rate without accounts, or amounts that do not add up. */
export class SieBookingError extends Error {
  override readonly name = 'SieBookingError'
  constructor(
    readonly code: 'NoAccountForRate' | 'Unbalanced' | 'CurrencyMismatch',
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message)
  }
}

/** One field, quoted per SIE 4B §5.7, with control characters (not allowed in SIE) made spaces. */
export function sieQuote(text: string): string {
  const clean = text.replace(/\p{Cc}/gu, ' ')
  return `"${clean.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
}

function sieDate(isoDate: string): string {
  return isoDate.replaceAll('-', '')
}

function yearEnd(fiscalYearStart: string): string {
  const start = new Date(`${fiscalYearStart}T00:00:00Z`)
  const end = new Date(Date.UTC(start.getUTCFullYear() + 1, start.getUTCMonth(), start.getUTCDate() - 1))
  return end.toISOString().slice(0, 10)
}

interface Trans {
  account: SieAccount
  amount: Decimal
}

/** The rows of one invoice's verification, one per account, in booking order; credit notes the reverse. */
function transactions(invoice: Invoice, accounts: SieAccounts): Trans[] {
  const rows: Trans[] = [{ account: accounts.receivable, amount: dec(invoice.totalToPay) }]
  for (const row of invoice.vatRows) {
    if (invoice.reverseCharge) {
      rows.push({ account: accounts.reverseChargeSales, amount: dec(row.base).negated() })
      continue
    }
    const pair = accounts.byRate[row.ratePercent]
    if (pair === undefined || (pair.vat === null && !dec(row.vat).isZero())) {
      throw new SieBookingError(
        'NoAccountForRate',
        `Invoice ${invoice.number}: no sales or VAT account for VAT ${row.ratePercent} %`,
      )
    }
    rows.push({ account: pair.sales, amount: dec(row.base).negated() })
    if (pair.vat !== null) rows.push({ account: pair.vat, amount: dec(row.vat).negated() })
  }
  rows.push({ account: accounts.rounding, amount: dec(invoice.rounding).negated() })
  const merged = new Map<string, Trans>()
  for (const r of rows) {
    const seen = merged.get(r.account.number)
    merged.set(r.account.number, { account: r.account, amount: (seen?.amount ?? ZERO).plus(r.amount) })
  }
  const booked = [...merged.values()].filter((r) => !r.amount.isZero())
  const balance = sum(booked.map((r) => r.amount))
  if (!balance.isZero()) {
    throw new SieBookingError(
      'Unbalanced',
      `Invoice ${invoice.number} does not balance: ${balance.toFixed(2)}`,
    )
  }
  return booked
}

function verificationText(invoice: Invoice): string {
  const what =
    invoice.kind === 'credit'
      ? `Kreditfaktura ${invoice.number} (krediterar ${invoice.credits})`
      : `Faktura ${invoice.number}`
  return `${what} ${invoice.buyer.name}`
}

/**
 * The invoices as an SIE 4I file in CP437, for import into the seller's bookkeeping: one verification
 * (series `F`, numbered by the importing program) per invoice on its issue date, booking the receivable,
 * the sales and output VAT per rate (reverse-charged sales without VAT), and the öresavrundning. Throws a
 * {@link SieBookingError} for a VAT rate without accounts, an invoice whose amounts do not add up, or
 * invoices in more than one currency (one file has one `#VALUTA`).
 *
 * @example invoicesSie({ seller, invoices, generatedOn: '2026-12-04', fiscalYearStart: '2026-01-01' })
 */
export function invoicesSie(input: {
  seller: InvoiceSeller
  invoices: readonly Invoice[]
  generatedOn: string
  fiscalYearStart: string
  accounts?: SieAccounts
}): Uint8Array {
  const accounts = input.accounts ?? BAS_ACCOUNTS
  const verifications = input.invoices.map((invoice) => ({ invoice, rows: transactions(invoice, accounts) }))
  const used = new Map<string, SieAccount>()
  for (const v of verifications) for (const r of v.rows) used.set(r.account.number, r.account)
  const currency = input.invoices[0]?.currency ?? 'SEK'
  const foreign = input.invoices.find((invoice) => invoice.currency !== currency)
  if (foreign !== undefined) {
    throw new SieBookingError(
      'CurrencyMismatch',
      `Invoice ${foreign.number} is in ${foreign.currency}, not ${currency}`,
    )
  }
  const lines = [
    '#FLAGGA 0',
    '#FORMAT PC8',
    '#SIETYP 4',
    `#PROGRAM ${sieQuote('CSMS')} ${sieQuote(pkg.version)}`,
    `#GEN ${sieDate(input.generatedOn)}`,
    `#FNAMN ${sieQuote(input.seller.name)}`,
    ...(input.seller.companyNumber === null ? [] : [`#ORGNR ${sieQuote(input.seller.companyNumber)}`]),
    `#RAR 0 ${sieDate(input.fiscalYearStart)} ${sieDate(yearEnd(input.fiscalYearStart))}`,
    `#VALUTA ${currency}`,
    ...[...used.values()]
      .sort((a, b) => a.number.localeCompare(b.number))
      .map((a) => `#KONTO ${a.number} ${sieQuote(a.name)}`),
  ]
  for (const { invoice, rows } of verifications) {
    lines.push(`#VER "F" "" ${sieDate(invoice.issuedOn)} ${sieQuote(verificationText(invoice))}`, '{')
    for (const r of rows) lines.push(`#TRANS ${r.account.number} {} ${r.amount.toFixed(2)}`)
    lines.push('}')
  }
  return encodeCp437(`${lines.join('\r\n')}\r\n`)
}
