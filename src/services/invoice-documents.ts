import type { InvoiceRow } from '@src/db/repos/invoices'
import type { Invoice, InvoiceSeller } from '@src/domain/invoices/invoice'
import { type InvoiceCsvDialect, invoicesCsv } from '@src/domain/invoices/invoice-csv'
import { renderInvoicePdf } from '@src/domain/invoices/invoice-pdf'
import { invoicesSie, SieBookingError } from '@src/domain/invoices/invoice-sie'

/** A document to download: its bytes, the file name to save it under and its content type. */
export interface InvoiceDocument {
  /** Over a plain `ArrayBuffer`, as `Response` and `Blob` take it. */
  bytes: Uint8Array<ArrayBuffer>
  filename: string
  contentType: string
}

/** The SIE file's content type: CP437 text (`#FORMAT PC8`), so a viewer knows how to show å, ä and ö. */
export const SIE_CONTENT_TYPE = 'text/plain; charset=IBM437'

/** A file name from an invoice number or a period: letters, digits, `.`, `_` and `-` only. */
const fileSafe = (text: string) => text.replace(/[^\w.-]/g, '_')

/** The header that makes a browser save `doc` under its name. */
export const attachment = (doc: InvoiceDocument) => `attachment; filename="${doc.filename}"`

/**
 * One stored invoice or credit note as its PDF, named after its number (`2026-000042.pdf`; a credit
 * note the same, its number being its own).
 */
export async function invoicePdfDocument(row: InvoiceRow): Promise<InvoiceDocument> {
  return {
    bytes: new Uint8Array(await renderInvoicePdf(row.body as Invoice)),
    filename: `${fileSafe(row.number)}.pdf`,
    contentType: 'application/pdf',
  }
}

/** The lines of a period's invoices as CSV (UTF-8), `invoices-2026-11.csv`. */
export function invoicesCsvDocument(
  rows: readonly InvoiceRow[],
  period: string,
  dialect: InvoiceCsvDialect,
): InvoiceDocument {
  const text = invoicesCsv(
    rows.map((r) => r.body as Invoice),
    { dialect },
  )
  return {
    bytes: new TextEncoder().encode(text),
    filename: `invoices-${fileSafe(period)}.csv`,
    contentType: 'text/csv; charset=utf-8',
  }
}

/**
 * A seller's invoices of a period as an SIE 4I file (CP437), `invoices-2026-11.si`, in the fiscal year
 * of the calendar year the period starts in; or why it cannot be booked (a VAT rate without accounts,
 * amounts that do not add up, two currencies).
 */
export function invoicesSieDocument(input: {
  seller: InvoiceSeller
  rows: readonly InvoiceRow[]
  period: string
  generatedOn: string
}): { ok: true; doc: InvoiceDocument } | { ok: false; message: string } {
  try {
    const sie = invoicesSie({
      seller: input.seller,
      invoices: input.rows.map((r) => r.body as Invoice),
      generatedOn: input.generatedOn,
      fiscalYearStart: `${input.period.slice(0, 4)}-01-01`,
    })
    return {
      ok: true,
      doc: {
        bytes: new Uint8Array(sie),
        filename: `invoices-${fileSafe(input.period)}.si`,
        contentType: SIE_CONTENT_TYPE,
      },
    }
  } catch (err) {
    if (err instanceof SieBookingError) return { ok: false, message: err.message }
    throw err
  }
}
