/**
 * An invoice or a credit note as issued: everything its documents (PDF, CSV, SIE) show and nothing they
 * must look up. Money is decimal text in the invoice's currency with 2 decimals (a credit note's amounts
 * are negative); dates are the seller's local calendar dates `YYYY-MM-DD`. What Swedish law requires of
 * an invoice (mervärdesskattelagen): issue date, a gapless number per seller, both parties' names and
 * addresses, the seller's VAT number, the buyer's where the buyer owes the VAT (reverse charge), what was
 * supplied and when, the taxable amount and the VAT per rate.
 */
export interface Invoice {
  id: string
  /** `invoice`, or `credit` for a credit note (which names the invoice it credits in `credits`). */
  kind: 'invoice' | 'credit'
  /** The seller's gapless number, e.g. `2026-000042`. */
  number: string
  seller: InvoiceSeller
  buyer: InvoiceBuyer
  /** ISO 4217, e.g. `SEK`. */
  currency: string
  /** The language of the documents. */
  language: 'sv' | 'en'
  issuedOn: string
  dueOn: string
  /** The billing period, first and last day inclusive. */
  periodStart: string
  periodEnd: string
  lines: readonly InvoiceLine[]
  /** One row per VAT rate used, in descending rate order; a reverse-charged invoice has one 0 % row. */
  vatRows: readonly VatRow[]
  totalExclVat: string
  totalVat: string
  /** Öresavrundning: what rounds the total to whole units of the currency (−0.49 … +0.50; a credit note the negation), or `0.00`. */
  rounding: string
  /** totalExclVat + totalVat + rounding. */
  totalToPay: string
  /** The buyer, a business abroad in the EU, owes the VAT ("omvänd betalningsskyldighet"). */
  reverseCharge: boolean
  /** For a credit note, the number of the invoice it credits; null for an invoice. */
  credits: string | null
  /** The payment reference the buyer quotes (an OCR number with a Luhn check digit). */
  paymentReference: string
}

/** Who sends an invoice or a credit note. */
export interface InvoiceParty {
  name: string
  /** The company's registration number (organisationsnummer); null for a private person. */
  companyNumber: string | null
  /** VAT registration number, e.g. `SE556677889901`; null when the party has none. */
  vatNumber: string | null
  /** Postal address, one line each. */
  addressLines: readonly string[]
  /** ISO 3166-1 alpha-2, e.g. `SE`. */
  country: string
  email: string | null
}

/** The organization that sells the charging. */
export interface InvoiceSeller extends InvoiceParty {
  organizationId: string
  bankgiro: string | null
  iban: string | null
}

/** Who pays: a driver, a household (apartment) or a business account. */
export interface InvoiceBuyer extends InvoiceParty {
  kind: 'driver' | 'household' | 'businessAccount'
  id: string
}

/** One charging session (one CDR) on an invoice. */
export interface InvoiceLine {
  cdrId: string
  /** The session's start and end, ISO 8601 with the site's offset. */
  startedAt: string
  endedAt: string
  chargerId: string
  siteName: string
  /** What was supplied, in the invoice's language, e.g. `Laddning, Boende dagtid (kort 04A2B3C4)`. */
  description: string
  /** Energy delivered, kWh with 3 decimals. */
  energyKWh: string
  /** The business account's cost centre the session is booked to, or null. */
  costCentre: string | null
  /** VAT rate in percent, e.g. `25`. */
  vatRatePercent: string
  amountExclVat: string
  vat: string
  amountInclVat: string
}

/** The taxable amount and VAT at one rate. */
export interface VatRow {
  ratePercent: string
  base: string
  vat: string
}
