import { describe, expect, test } from 'bun:test'
import { testEuBusiness, testInvoice } from '../../testing/invoices'
import { parseCsv } from '../people/csv'
import type { Invoice } from './invoice'
import { DEFAULT_CSV_DIALECT, INVOICE_CSV_COLUMNS, type InvoiceCsvDialect, invoicesCsv } from './invoice-csv'

function parsed(csv: string): Record<string, string>[] {
  const result = parseCsv(csv)
  if (!result.ok) throw new Error(result.error)
  const [header, ...rows] = result.rows
  expect(header).toEqual([...INVOICE_CSV_COLUMNS])
  return rows.map((row) => Object.fromEntries(INVOICE_CSV_COLUMNS.map((c, i) => [c, row[i] ?? ''])))
}

/** What each line's row must say, with numbers in the dialect's decimal mark. */
function expectedRows(invoices: readonly Invoice[], dialect: InvoiceCsvDialect): Record<string, string>[] {
  const n = (v: string) => (dialect === 'excel' ? v.replace('.', ',') : v)
  return invoices.flatMap((invoice) =>
    invoice.lines.map((line) => ({
      invoice_number: invoice.number,
      kind: invoice.kind,
      credits: invoice.credits ?? '',
      issued_on: invoice.issuedOn,
      due_on: invoice.dueOn,
      period_start: invoice.periodStart,
      period_end: invoice.periodEnd,
      currency: invoice.currency,
      buyer_kind: invoice.buyer.kind,
      buyer_id: invoice.buyer.id,
      buyer_name: invoice.buyer.name,
      buyer_vat_number: invoice.buyer.vatNumber ?? '',
      cdr_id: line.cdrId,
      started_at: line.startedAt,
      ended_at: line.endedAt,
      site: line.siteName,
      charger: line.chargerId,
      description: line.description,
      energy_kwh: n(line.energyKWh),
      cost_centre: line.costCentre ?? '',
      vat_rate_percent: n(line.vatRatePercent),
      amount_excl_vat: n(line.amountExclVat),
      vat: n(line.vat),
      amount_incl_vat: n(line.amountInclVat),
    })),
  )
}

const batch = [
  testInvoice({ lines: 3, vatRates: ['25', '12', '6'], costCentres: ['KS-1', null] }),
  testInvoice({ kind: 'credit', lines: 2 }),
  testInvoice({ language: 'en', lines: 2, reverseCharge: true, buyer: testEuBusiness }),
  testInvoice({ lines: 120, buyer: { name: 'Åsa Öberg; "Kassör"\nBrf Ängen' } }),
]

describe('invoicesCsv', () => {
  for (const dialect of ['excel', 'machine'] as const) {
    test(`${dialect}: one row per line after the header, every field read back as written`, () => {
      const csv = invoicesCsv(batch, { dialect })
      expect(parsed(csv)).toEqual(expectedRows(batch, dialect))
      expect(parsed(csv)).toHaveLength(3 + 2 + 2 + 120)
    })
  }

  test('excel (the default): ";" between cells, decimal comma, a BOM, CRLF line ends', () => {
    expect(DEFAULT_CSV_DIALECT).toBe('excel')
    const csv = invoicesCsv([testInvoice()])
    expect(csv).toBe(invoicesCsv([testInvoice()], { dialect: 'excel' }))
    expect(csv.startsWith('\uFEFFinvoice_number;kind;credits;')).toBe(true)
    expect(csv).toContain(';1,125;;25;12,37;3,09;15,46\r\n')
    expect(csv.split('\r\n')).toHaveLength(3)
  })

  test('machine: "," between cells, decimal point, no BOM', () => {
    const csv = invoicesCsv([testInvoice()], { dialect: 'machine' })
    expect(csv.startsWith('invoice_number,kind,credits,')).toBe(true)
    expect(csv).toContain(',1.125,,25,12.37,3.09,15.46\r\n')
  })

  test('RFC 4180: a cell with the separator, a quote or a line break is quoted, quotes doubled', () => {
    const invoice = testInvoice({ buyer: { name: 'Åsa; "Kassör"\nBrf' } })
    expect(invoicesCsv([invoice])).toContain(';"Åsa; ""Kassör""\nBrf";')
    expect(invoicesCsv([invoice], { dialect: 'machine' })).toContain(',"Åsa; ""Kassör""\nBrf",')
  })

  test('formula injection: text cells starting with = + - @ are neutralised with a leading quote', () => {
    const evil = ['=HYPERLINK("http://x","y")', '+46 70 123', '-2+3', '@SUM(A1)']
    const invoices = evil.map((name, i) =>
      testInvoice({
        buyer: { name },
        siteName: evil[(i + 1) % evil.length],
        costCentres: [evil[(i + 2) % 4] ?? ''],
      }),
    )
    for (const row of parsed(invoicesCsv(invoices))) {
      for (const cell of [row.buyer_name, row.site, row.cost_centre]) {
        expect(evil.map((e) => `'${e}`)).toContain(cell ?? '')
      }
    }
  })

  test("a credit note's negative amounts stay numbers: no quote in front of -12,37", () => {
    const [row] = parsed(invoicesCsv([testInvoice({ kind: 'credit' })]))
    expect(row?.amount_excl_vat).toBe('-12,37')
    expect(row?.amount_incl_vat).toBe('-15,46')
    expect(row?.credits).toBe('2026-000042')
  })

  test('no invoices: the header alone', () => {
    expect(invoicesCsv([], { dialect: 'machine' })).toBe(`${INVOICE_CSV_COLUMNS.join(',')}\r\n`)
  })
})
