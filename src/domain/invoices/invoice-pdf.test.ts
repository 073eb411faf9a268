import { describe, expect, test } from 'bun:test'
import { testEuBusiness, testInvoice } from '../../testing/invoices'
import { pdfPages, pdfWords, requirePdftotext } from '../../testing/pdf-text'
import type { Invoice } from './invoice'
import { formatDecimal, INVOICE_LABELS } from './invoice-labels'
import { renderInvoicePdf } from './invoice-pdf'

const runs = requirePdftotext('the invoice PDF tests (they read the PDF back)')

/**
 * The PDF read back: its pages laid out, all of it, and `raw` (drawn strings with their own spaces,
 * where a label wrapped in its table head reads as one line).
 */
async function read(invoice: Invoice): Promise<{ pages: string[]; text: string; raw: string }> {
  const pdf = await renderInvoicePdf(invoice)
  const pages = await pdfPages(pdf)
  const raw = (await pdfPages(pdf, 'raw')).join('\n').replace(/\s+/g, ' ')
  return { pages, text: pages.join('\n'), raw }
}

/** How many times `needle` occurs in `text`. */
function count(text: string, needle: string): number {
  return text.split(needle).length - 1
}

describe.skipIf(!runs)('renderInvoicePdf', () => {
  test('a one-line Swedish invoice: every label, fact, amount, VAT row and total, on one page "1 / 1"', async () => {
    const invoice = testInvoice({ language: 'sv', lines: 1 })
    const { pages, text, raw } = await read(invoice)
    const l = INVOICE_LABELS.sv
    expect(pages).toHaveLength(1)
    expect(raw).toContain('1 / 1')
    for (const label of [l.invoice, l.number, l.issuedOn, l.dueOn, l.period, l.paymentReference, l.seller]) {
      expect(text).toContain(label)
    }
    for (const label of [l.buyer, l.companyNumber, l.vatNumber, l.bankgiro, l.iban, l.vatRate, l.vatBase]) {
      expect(text).toContain(label)
    }
    for (const label of [l.totalExclVat, l.totalVat, l.rounding, l.totalToPay]) expect(text).toContain(label)
    for (const fact of ['2026-000042', '2026-12-01', '2026-12-31', '2026-11-01 – 2026-11-30', '2026000425']) {
      expect(text).toContain(fact)
    }
    for (const party of [
      'Brf Åkerbärets Väg',
      '769600-1234',
      'SE769600123401',
      '5050-1055',
      'Örjan Ängström',
    ]) {
      expect(text).toContain(party)
    }
    expect(text).toMatch(/2026-11-01\s+Garaget Åkervägen \/\s+Laddning, boende/)
    expect(text).toContain('07:00–09:40')
    // 12.37 excl. VAT, 3.09 VAT (25 %), 15.46 rounded to 15.00 with -0.46
    expect(text).toMatch(/1,125\s+25\s+12,37/)
    expect(text).toMatch(/25 ?%\s+12,37\s+3,09/)
    expect(text).toMatch(new RegExp(`${l.totalExclVat}\\s+12,37`))
    expect(text).toMatch(new RegExp(`${l.totalVat}\\s+3,09`))
    expect(text).toMatch(new RegExp(`${l.rounding}\\s+-0,46`))
    expect(text).toMatch(new RegExp(`${l.totalToPay}\\s+15,00 SEK`))
    expect(text).not.toContain(INVOICE_LABELS.en.totalToPay)
    expect(text).not.toContain(l.reverseCharge)
    expect(text).not.toContain(l.costCentre)
  })

  for (const language of ['sv', 'en'] as const) {
    test(`120 lines in ${language} flow onto pages with the header, column heads and "i / N" on each`, async () => {
      const invoice = testInvoice({ language, lines: 120, costCentres: ['KS-100', null] })
      const { pages, text, raw } = await read(invoice)
      const l = INVOICE_LABELS[language]
      const money = (v: string) => formatDecimal(v, language)
      expect(pages.length).toBeGreaterThanOrEqual(3)
      pages.forEach((page, i) => {
        expect(raw).toContain(`${i + 1} / ${pages.length}`)
        expect(page).toContain(`${l.invoice} 2026-000042`)
        expect(page).toContain(l.description)
        expect(page).toContain(l.costCentre)
        expect(page).toContain(l.time)
      })
      expect(raw).not.toContain(`${pages.length + 1} / ${pages.length}`)
      for (const line of invoice.lines) {
        expect([line.cdrId, count(text, ` ${money(line.amountExclVat)}\n`)]).toEqual([line.cdrId, 1])
      }
      expect(count(text, 'KS-100')).toBe(60)
      const last = pages.at(-1) ?? ''
      const [row] = invoice.vatRows
      expect(last).toMatch(new RegExp(`25 ?%\\s+${money(row?.base ?? '')}\\s+${money(row?.vat ?? '')}`))
      expect(last).toMatch(new RegExp(`${l.totalToPay}\\s+${money(invoice.totalToPay)} SEK`))
    })
  }

  test('English labels and number format on an English invoice, with three VAT rows', async () => {
    const invoice = testInvoice({ language: 'en', lines: 3, vatRates: ['25', '12', '6'] })
    const { text, raw } = await read(invoice)
    const l = INVOICE_LABELS.en
    for (const label of [l.invoice, l.dueOn, l.paymentReference, l.totalToPay, l.vatRate, l.amountExclVat]) {
      expect(raw).toContain(label)
    }
    expect(text).not.toContain(INVOICE_LABELS.sv.dueOn)
    expect(invoice.vatRows.map((r) => r.ratePercent)).toEqual(['25', '12', '6'])
    for (const row of invoice.vatRows) {
      expect(text).toMatch(new RegExp(`${row.ratePercent} ?%\\s+${row.base}\\s+${row.vat}`))
    }
    expect(text).toMatch(new RegExp(`${l.totalToPay}\\s+${invoice.totalToPay} SEK`))
  })

  test('a credit note says so, names the invoice it credits and shows negative amounts', async () => {
    const invoice = testInvoice({ kind: 'credit', lines: 2 })
    const { text } = await read(invoice)
    const l = INVOICE_LABELS.sv
    expect(text).toContain(`${l.credit} 2026-000043`)
    expect(text).toMatch(new RegExp(`${l.credits}\\s+2026-000042`))
    expect(text).toContain('-12,37')
    expect(text).toContain('-24,75')
    expect(text).toMatch(new RegExp(`${l.totalCredited}\\s+${formatDecimal(invoice.totalToPay, 'sv')} SEK`))
  })

  for (const language of ['sv', 'en'] as const) {
    test(`reverse charge in ${language}: the sentence, the buyer's VAT number and a 0 % row`, async () => {
      const invoice = testInvoice({ language, lines: 2, reverseCharge: true, buyer: testEuBusiness })
      const { text, raw } = await read(invoice)
      const l = INVOICE_LABELS[language]
      expect(raw).toContain(l.reverseCharge)
      expect(text).toContain('DE123456789')
      expect(text).toContain('Ladepark Süd GmbH')
      expect(text).toMatch(new RegExp(`0 ?%\\s+${formatDecimal(invoice.vatRows[0]?.base ?? '', language)}`))
    })
  }

  test('long names wrap inside the page and lose no word', async () => {
    const site =
      'Bostadsrättsföreningen Gröna Ängarnas Underjordiska Parkeringsgarage Plan Minus Två Östra Flygeln'
    const buyer =
      'Föreningen för Långa Namn och Ännu Längre Efternamn Sjöström-Lindqvist-Åberg-Öhman-Ärlighetsson'
    const invoice = testInvoice({
      lines: 40,
      siteName: site,
      buyer: { name: buyer },
      costCentres: ['Avdelning Å'],
    })
    const pdf = await renderInvoicePdf(invoice)
    const words = await pdfWords(pdf)
    expect(words.length).toBeGreaterThan(400)
    const over = words.filter((w) => w.xMin < 41.5 || w.xMax > w.pageWidth - 41.5)
    expect(over).toEqual([])
    const text = words.map((w) => w.text).join(' ')
    for (const word of [...site.split(' '), ...buyer.split(' ')]) expect(text).toContain(word)
    expect(count(text, 'Flygeln')).toBe(40)
  })

  test('characters Helvetica cannot draw do not crash: accents fall back to the letter, the rest to "?"', async () => {
    const invoice = testInvoice({ buyer: { name: 'Łukasz Erdős 李 Şahin' } })
    const { text } = await read(invoice)
    expect(text).toContain('?ukasz Erdos ? Sahin')
  })
})
