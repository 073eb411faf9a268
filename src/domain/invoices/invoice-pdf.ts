import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib'
import type { Invoice, InvoiceLine, InvoiceParty } from './invoice'
import { formatDecimal, INVOICE_LABELS, type InvoiceLabels } from './invoice-labels'
import { drawable, fontCharacters, wrapText } from './pdf-font-text'

/** A4 in points, and the margins every page keeps. */
const PAGE = { width: 595.28, height: 841.89, margin: 42, bottom: 56 }
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin
const SIZE = { title: 15, heading: 9, body: 9, table: 8 }
const LEAD = { body: 12, table: 10 }
const GREY = rgb(0.45, 0.45, 0.45)
/** Space kept free at a table cell's right edge, so neighbouring columns never touch. */
const CELL_GAP = 5

/** How a text is drawn: its size, and bold or grey. */
interface TextStyle {
  size?: number
  bold?: boolean
  grey?: boolean
}

interface Column {
  label: string
  width: number
  align: 'left' | 'right'
  cell: (line: InvoiceLine) => string
}

/** The line table's columns; the cost centre only when some line has one, else the description is wider. */
function columns(invoice: Invoice, l: InvoiceLabels): Column[] {
  const number = (v: string) => formatDecimal(v, invoice.language)
  const withCentre = invoice.lines.some((line) => line.costCentre !== null)
  const fixed = 78 + 96 + 44 + (withCentre ? 72 : 0) + 40 + 72
  const all: (Column | null)[] = [
    { label: l.time, width: 78, align: 'left', cell: timeSpan },
    {
      label: l.siteCharger,
      width: 96,
      align: 'left',
      cell: (line) => `${line.siteName} / ${line.chargerId}`,
    },
    { label: l.description, width: CONTENT_WIDTH - fixed, align: 'left', cell: (line) => line.description },
    { label: l.energy, width: 44, align: 'right', cell: (line) => number(line.energyKWh) },
    withCentre
      ? { label: l.costCentre, width: 72, align: 'left', cell: (line) => line.costCentre ?? '' }
      : null,
    { label: l.vatPercent, width: 40, align: 'right', cell: (line) => line.vatRatePercent },
    { label: l.amountExclVat, width: 72, align: 'right', cell: (line) => number(line.amountExclVat) },
  ]
  return all.filter((c): c is Column => c !== null)
}

/** `2026-11-03 07:12–09:40` on one day, `2026-11-03 23:10– 2026-11-04 01:20` across midnight. */
function timeSpan(line: InvoiceLine): string {
  const [startDay, startTime] = [line.startedAt.slice(0, 10), line.startedAt.slice(11, 16)]
  const [endDay, endTime] = [line.endedAt.slice(0, 10), line.endedAt.slice(11, 16)]
  return startDay === endDay
    ? `${startDay} ${startTime}–${endTime}`
    : `${startDay} ${startTime}– ${endDay} ${endTime}`
}

/** Draws the document top to bottom, starting a page (with the header repeated) when the next block does not fit. */
class Writer {
  readonly pages: PDFPage[] = []
  y = 0
  private readonly regularCharacters: ReadonlySet<number>
  private readonly boldCharacters: ReadonlySet<number>
  constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    private readonly header: (w: Writer) => void,
  ) {
    this.regularCharacters = fontCharacters(regular)
    this.boldCharacters = fontCharacters(bold)
  }

  private drawable(font: PDFFont, s: string): string {
    return drawable(font === this.bold ? this.boldCharacters : this.regularCharacters, s)
  }

  get page(): PDFPage {
    const page = this.pages.at(-1)
    if (page === undefined) throw new Error('no page yet')
    return page
  }

  newPage(): void {
    this.pages.push(this.doc.addPage([PAGE.width, PAGE.height]))
    this.y = PAGE.height - PAGE.margin
    this.header(this)
  }

  /** Makes room for `height` points below the cursor, on a new page if this one is full. */
  need(height: number): void {
    if (this.y - height < PAGE.bottom) this.newPage()
  }

  text(
    s: string,
    x: number,
    y: number,
    options: { size?: number; bold?: boolean; grey?: boolean } = {},
  ): void {
    const font = options.bold ? this.bold : this.regular
    this.page.drawText(this.drawable(font, s), {
      x,
      y,
      size: options.size ?? SIZE.body,
      font,
      ...(options.grey ? { color: GREY } : {}),
    })
  }

  /** Text ending at `right`. */
  right(s: string, right: number, y: number, options: TextStyle = {}): void {
    const font = options.bold ? this.bold : this.regular
    const width = font.widthOfTextAtSize(this.drawable(font, s), options.size ?? SIZE.body)
    this.text(s, right - width, y, options)
  }

  /** The lines `s` wraps to in `width`. */
  wrap(s: string, width: number, size: number, bold = false): string[] {
    const font = bold ? this.bold : this.regular
    return wrapText(font, this.drawable(font, s), size, width)
  }
}

function title(invoice: Invoice, l: InvoiceLabels): string {
  return `${invoice.kind === 'credit' ? l.credit : l.invoice} ${invoice.number}`
}

/** Every page's top: the seller's name, the document's kind and number, and room for "1 / N". */
function pageHeader(invoice: Invoice, l: InvoiceLabels, cols: Column[]): (w: Writer) => void {
  return (w) => {
    const top = w.y
    const name = w.wrap(invoice.seller.name, CONTENT_WIDTH / 2, SIZE.heading + 2, true)
    name.forEach((s, i) => {
      w.text(s, PAGE.margin, top - SIZE.title - i * 13, { size: SIZE.heading + 2, bold: true })
    })
    w.right(title(invoice, l), PAGE.width - PAGE.margin, top - SIZE.title, { size: SIZE.title, bold: true })
    w.y = top - SIZE.title - Math.max(name.length * 13, 30)
    if (w.pages.length > 1) tableHeader(w, cols)
  }
}

function tableHeader(w: Writer, cols: Column[]): void {
  const wrapped = cols.map((c) => w.wrap(c.label, c.width - 2 * CELL_GAP, SIZE.table, true))
  const rows = Math.max(...wrapped.map((lines) => lines.length))
  let x = PAGE.margin
  cols.forEach((c, i) => {
    ;(wrapped[i] ?? []).forEach((s, j) => {
      const y = w.y - SIZE.table - j * LEAD.table
      if (c.align === 'right') w.right(s, x + c.width - CELL_GAP, y, { size: SIZE.table, bold: true })
      else w.text(s, x, y, { size: SIZE.table, bold: true })
    })
    x += c.width
  })
  w.y -= rows * LEAD.table + 4
  w.page.drawLine({
    start: { x: PAGE.margin, y: w.y },
    end: { x: PAGE.width - PAGE.margin, y: w.y },
    thickness: 0.5,
  })
  w.y -= 3
}

/** A party's name, address, numbers and e-mail, as lines under a heading, wrapped to `width`. */
function partyLines(w: Writer, party: InvoiceParty, l: InvoiceLabels, width: number): string[] {
  const lines = [
    ...party.addressLines,
    ...(party.country === 'SE' ? [] : [party.country]),
    ...(party.companyNumber === null ? [] : [`${l.companyNumber} ${party.companyNumber}`]),
    ...(party.vatNumber === null ? [] : [`${l.vatNumber} ${party.vatNumber}`]),
    ...(party.email === null ? [] : [`${l.email} ${party.email}`]),
  ]
  return lines.flatMap((s) => w.wrap(s, width, SIZE.body))
}

/** Draws a heading, a bold name and lines from the cursor down at `x`; returns the height used. */
function block(w: Writer, x: number, width: number, heading: string, name: string, lines: string[]): number {
  const names = w.wrap(name, width, SIZE.body, true)
  const all: [string, boolean][] = [
    ...names.map((s): [string, boolean] => [s, true]),
    ...lines.map((s): [string, boolean] => [s, false]),
  ]
  w.text(heading, x, w.y - SIZE.heading, { size: SIZE.heading - 1, grey: true })
  all.forEach(([s, bold], i) => {
    w.text(s, x, w.y - SIZE.heading - (i + 1) * LEAD.body, { bold })
  })
  return SIZE.heading + (all.length + 1) * LEAD.body
}

/** First page: seller, the invoice's facts, then the buyer. */
function parties(w: Writer, invoice: Invoice, l: InvoiceLabels): void {
  const half = CONTENT_WIDTH / 2 - 10
  const seller = invoice.seller
  const payment = [
    ...(seller.bankgiro === null ? [] : [`${l.bankgiro} ${seller.bankgiro}`]),
    ...(seller.iban === null ? [] : [`${l.iban} ${seller.iban}`]),
  ]
  const sellerHeight = block(w, PAGE.margin, half, l.seller, seller.name, [
    ...partyLines(w, seller, l, half),
    ...payment.flatMap((s) => w.wrap(s, half, SIZE.body)),
  ])
  const facts: [string, string][] = [
    [l.number, invoice.number],
    ...(invoice.credits === null ? [] : [[l.credits, invoice.credits] as [string, string]]),
    [l.issuedOn, invoice.issuedOn],
    [l.dueOn, invoice.dueOn],
    [l.period, `${invoice.periodStart} – ${invoice.periodEnd}`],
    [l.paymentReference, invoice.paymentReference],
  ]
  const factsX = PAGE.margin + CONTENT_WIDTH / 2 + 10
  facts.forEach(([label, value], i) => {
    const y = w.y - SIZE.heading - (i + 1) * LEAD.body
    w.text(label, factsX, y, { grey: true })
    w.right(value, PAGE.width - PAGE.margin, y, { bold: true })
  })
  w.y -= Math.max(sellerHeight, SIZE.heading + (facts.length + 1) * LEAD.body) + 10
  w.y -= block(w, PAGE.margin, half, l.buyer, invoice.buyer.name, partyLines(w, invoice.buyer, l, half)) + 14
}

function lineRow(w: Writer, cols: Column[], line: InvoiceLine): void {
  const cells = cols.map((c) => w.wrap(c.cell(line), c.width - 2 * CELL_GAP, SIZE.table))
  const height = Math.max(...cells.map((lines) => lines.length)) * LEAD.table + 3
  w.need(height)
  let x = PAGE.margin
  cols.forEach((c, i) => {
    ;(cells[i] ?? []).forEach((s, j) => {
      const y = w.y - SIZE.table - j * LEAD.table
      if (c.align === 'right') w.right(s, x + c.width - CELL_GAP, y, { size: SIZE.table })
      else w.text(s, x, y, { size: SIZE.table })
    })
    x += c.width
  })
  w.y -= height
}

/** The VAT rows, the totals, the öresavrundning, the total to pay and the reverse-charge sentence. */
function totals(w: Writer, invoice: Invoice, l: InvoiceLabels): void {
  const money = (v: string) => formatDecimal(v, invoice.language)
  const right = PAGE.width - PAGE.margin
  const reverse = invoice.reverseCharge ? w.wrap(l.reverseCharge, CONTENT_WIDTH, SIZE.body, true) : []
  w.need((invoice.vatRows.length + 6) * LEAD.body + 20 + reverse.length * LEAD.body)
  w.y -= 10
  const vatX = right - 250
  w.text(l.vatRate, vatX, w.y, { grey: true })
  w.right(l.vatBase, right - 80, w.y, { grey: true })
  w.right(l.vat, right, w.y, { grey: true })
  for (const row of invoice.vatRows) {
    w.y -= LEAD.body
    w.text(`${row.ratePercent} %`, vatX, w.y)
    w.right(money(row.base), right - 80, w.y)
    w.right(money(row.vat), right, w.y)
  }
  w.y -= LEAD.body * 1.5
  const sums: [string, string][] = [
    [l.totalExclVat, money(invoice.totalExclVat)],
    [l.totalVat, money(invoice.totalVat)],
    [l.rounding, money(invoice.rounding)],
  ]
  for (const [label, value] of sums) {
    w.text(label, vatX, w.y)
    w.right(value, right, w.y)
    w.y -= LEAD.body
  }
  const toPay = invoice.kind === 'credit' ? l.totalCredited : l.totalToPay
  w.text(toPay, vatX, w.y - 2, { bold: true, size: SIZE.body + 2 })
  w.right(`${money(invoice.totalToPay)} ${invoice.currency}`, right, w.y - 2, {
    bold: true,
    size: SIZE.body + 2,
  })
  w.y -= LEAD.body * 2.5
  reverse.forEach((s) => {
    w.text(s, PAGE.margin, w.y, { bold: true })
    w.y -= LEAD.body
  })
}

/**
 * The invoice or credit note as an A4 PDF in its language: the seller (name, address, company and VAT
 * numbers, bankgiro/IBAN), the buyer, the number, dates, period and OCR reference, one table row per
 * session (flowing onto further pages that repeat the header and the table's column heads), the VAT per
 * rate, the totals, the öresavrundning, the total to pay and, where it applies, the reverse-charge
 * sentence. Every page carries "page / pages". Standard Helvetica (WinAnsi) draws å ä ö and Western
 * European text; other characters degrade as {@link drawable} says. Deterministic: the PDF's dates are
 * the issue date.
 */
export async function renderInvoicePdf(invoice: Invoice): Promise<Uint8Array> {
  const l = INVOICE_LABELS[invoice.language]
  const doc = await PDFDocument.create()
  const issued = new Date(`${invoice.issuedOn}T00:00:00Z`)
  doc.setTitle(title(invoice, l))
  doc.setCreator('CSMS')
  doc.setProducer('CSMS (pdf-lib)')
  doc.setCreationDate(issued)
  doc.setModificationDate(issued)
  const cols = columns(invoice, l)
  const w = new Writer(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
    pageHeader(invoice, l, cols),
  )
  w.newPage()
  parties(w, invoice, l)
  tableHeader(w, cols)
  for (const line of invoice.lines) lineRow(w, cols, line)
  totals(w, invoice, l)
  w.pages.forEach((page, i) => {
    const marker = `${i + 1} / ${w.pages.length}`
    const width = w.regular.widthOfTextAtSize(marker, SIZE.body)
    page.drawText(marker, {
      x: PAGE.width - PAGE.margin - width,
      y: PAGE.height - PAGE.margin - 32,
      size: SIZE.body,
      font: w.regular,
    })
  })
  return doc.save({ useObjectStreams: false })
}
