/** View models of the billing admin pages: what the controllers give the views, never rows. */

/** A choice of a select. */
export interface BillingChoice {
  value: string
  label: string
}

/** What a billing run left out for one reason, with links to the CDRs (the first few). */
export interface LeftOutView {
  reason: string
  label: string
  count: number
  cdrs: { id: string; href: string }[]
  /** How many more than shown. */
  more: number
}

/** A billing run's report, as the run form shows it after a run and the list of runs links to. */
export interface RunReportView {
  id: string
  period: string
  outcome: string
  error: string
  invoices: number
  /** The issued invoices' totals to pay, one per currency, e.g. `1250.00 SEK`. */
  totals: string[]
  invoicesHref: string
  leftOut: LeftOutView[]
  /** Buyers already invoiced for the period, whose new CDRs wait for the next period. */
  deferred: number
}

/** A past billing run as one row. */
export interface RunItemView {
  id: string
  organizationId: string
  period: string
  outcome: string
  invoices: number
  invoicesHref: string
  leftOut: string
  startedAt: string
  startedBy: string
}

/** An invoice or credit note as one row of the list. */
export interface InvoiceItemView {
  id: string
  href: string
  number: string
  kind: 'invoice' | 'credit'
  buyer: string
  period: string
  issuedOn: string
  dueOn: string
  total: string
  status: string
  overdue: boolean
}

/** One session line of an invoice. */
export interface InvoiceLineView {
  cdrId: string
  href: string
  when: string
  where: string
  description: string
  energy: string
  costCentre: string
  vatRate: string
  exclVat: string
  vat: string
  inclVat: string
}

/** A party (seller or buyer) as lines of text. */
export interface PartyView {
  name: string
  lines: string[]
}

/** An invoice or credit note as its page shows it. */
export interface InvoiceDetailView {
  id: string
  number: string
  kind: 'invoice' | 'credit'
  title: string
  /** For a credit note: the invoice it credits. */
  credits: { number: string; href: string } | null
  /** For an invoice: the credit note that credits it. */
  creditNote: { number: string; href: string } | null
  seller: PartyView
  buyer: PartyView
  facts: { label: string; value: string }[]
  currency: string
  lines: InvoiceLineView[]
  vatRows: { rate: string; base: string; vat: string }[]
  totalExclVat: string
  totalVat: string
  rounding: string
  totalToPay: string
  reverseCharge: boolean
  status: string
  outstanding: string
  overdue: boolean
  payments: { paidOn: string; amount: string; by: string }[]
  reminders: { sentAt: string; by: string }[]
  pdfHref: string
}
