import { csvCell } from '../people/csv'
import type { Invoice, InvoiceLine } from './invoice'

/**
 * How the CSV is written. `excel` (the default, for the operators and boards who open it in Excel with
 * Swedish settings): `;` between cells, decimal comma, a UTF-8 byte order mark so Excel reads å ä ö.
 * `machine`: `,` between cells, decimal point, no byte order mark, for scripts and other systems.
 */
export type InvoiceCsvDialect = 'excel' | 'machine'

/** The default dialect: what a person in Sweden double-clicks. */
export const DEFAULT_CSV_DIALECT: InvoiceCsvDialect = 'excel'

/** The header row, one column per field; the same in both dialects. */
export const INVOICE_CSV_COLUMNS = [
  'invoice_number',
  'kind',
  'credits',
  'issued_on',
  'due_on',
  'period_start',
  'period_end',
  'currency',
  'buyer_kind',
  'buyer_id',
  'buyer_name',
  'buyer_vat_number',
  'cdr_id',
  'started_at',
  'ended_at',
  'site',
  'charger',
  'description',
  'energy_kwh',
  'cost_centre',
  'vat_rate_percent',
  'amount_excl_vat',
  'vat',
  'amount_incl_vat',
] as const

const SEPARATOR: Record<InvoiceCsvDialect, string> = { excel: ';', machine: ',' }

/** A decimal text (`-1234.50`) in the dialect: its point a comma for Excel. Needs no quoting in either. */
function number(value: string, dialect: InvoiceCsvDialect): string {
  return dialect === 'excel' ? value.replace('.', ',') : value
}

function row(invoice: Invoice, line: InvoiceLine, dialect: InvoiceCsvDialect): string[] {
  const n = (value: string) => number(value, dialect)
  return [
    csvCell(invoice.number),
    invoice.kind,
    csvCell(invoice.credits ?? ''),
    invoice.issuedOn,
    invoice.dueOn,
    invoice.periodStart,
    invoice.periodEnd,
    csvCell(invoice.currency),
    invoice.buyer.kind,
    csvCell(invoice.buyer.id),
    csvCell(invoice.buyer.name),
    csvCell(invoice.buyer.vatNumber ?? ''),
    csvCell(line.cdrId),
    csvCell(line.startedAt),
    csvCell(line.endedAt),
    csvCell(line.siteName),
    csvCell(line.chargerId),
    csvCell(line.description),
    n(line.energyKWh),
    csvCell(line.costCentre ?? ''),
    n(line.vatRatePercent),
    n(line.amountExclVat),
    n(line.vat),
    n(line.amountInclVat),
  ]
}

/**
 * The invoices' lines as CSV (RFC 4180 quoting, CRLF line ends), one row per line with its invoice's
 * number, kind, dates and buyer, header first. Text cells that a spreadsheet would run as a formula
 * (starting with `=`, `+`, `-`, `@`) get a leading `'`; amounts, which this code writes itself, never
 * do, so a credit note's `-12,50` stays a number.
 *
 * @example invoicesCsv(invoices, { dialect: 'machine' })
 */
export function invoicesCsv(
  invoices: readonly Invoice[],
  options: { dialect?: InvoiceCsvDialect } = {},
): string {
  const dialect = options.dialect ?? DEFAULT_CSV_DIALECT
  const separator = SEPARATOR[dialect]
  const rows = [INVOICE_CSV_COLUMNS.join(separator)]
  for (const invoice of invoices) {
    for (const line of invoice.lines) rows.push(row(invoice, line, dialect).join(separator))
  }
  const bom = dialect === 'excel' ? '\uFEFF' : ''
  return `${bom}${rows.join('\r\n')}\r\n`
}
