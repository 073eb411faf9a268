import { describe, expect, test } from 'bun:test'
import { testEuBusiness, testInvoice, testSeller } from '../../testing/invoices'
import { dec, sum } from '../tariffs/decimal'
import { CP437_HIGH, encodeCp437 } from './cp437'
import type { Invoice } from './invoice'
import { BAS_ACCOUNTS, invoicesSie, SieBookingError, sieQuote } from './invoice-sie'

/** CP437 bytes back to text, from the code page's table. */
function decode(bytes: Uint8Array): string {
  return [...bytes].map((b) => (b < 0x80 ? String.fromCharCode(b) : (CP437_HIGH[b - 0x80] ?? ''))).join('')
}

interface Ver {
  head: string
  trans: { account: string; amount: string }[]
}

/** The file's lines and its verifications with their #TRANS rows. */
function read(bytes: Uint8Array): { lines: string[]; vers: Ver[] } {
  const text = decode(bytes)
  expect(text.endsWith('\r\n')).toBe(true)
  const lines = text.slice(0, -2).split('\r\n')
  const vers: Ver[] = []
  lines.forEach((line, i) => {
    if (!line.startsWith('#VER ')) return
    expect(lines[i + 1]).toBe('{')
    const trans: Ver['trans'] = []
    for (let j = i + 2; lines[j] !== '}'; j++) {
      const m = /^#TRANS (\d{4}) \{\} (-?\d+\.\d{2})$/.exec(lines[j] ?? '')
      if (m === null) throw new Error(`not a #TRANS row: ${lines[j]}`)
      trans.push({ account: m[1] ?? '', amount: m[2] ?? '' })
    }
    vers.push({ head: line, trans })
  })
  return { lines, vers }
}

function sie(invoices: readonly Invoice[]): { lines: string[]; vers: Ver[]; bytes: Uint8Array } {
  const bytes = invoicesSie({
    seller: testSeller,
    invoices,
    generatedOn: '2026-12-04',
    fiscalYearStart: '2026-01-01',
  })
  return { ...read(bytes), bytes }
}

const amounts = (ver: Ver | undefined) =>
  Object.fromEntries((ver?.trans ?? []).map((t) => [t.account, t.amount]))

describe('invoicesSie', () => {
  test('the SIE 4I header: flag, format, type, program, date, company, fiscal year, currency', () => {
    const { lines } = sie([testInvoice()])
    expect(lines.slice(0, 9)).toEqual([
      '#FLAGGA 0',
      '#FORMAT PC8',
      '#SIETYP 4',
      expect.stringMatching(/^#PROGRAM "CSMS" "\d+\.\d+\.\d+"$/),
      '#GEN 20261204',
      '#FNAMN "Brf Åkerbärets Väg"',
      '#ORGNR "769600-1234"',
      '#RAR 0 20260101 20261231',
      '#VALUTA SEK',
    ])
  })

  test('a fiscal year starting in July ends on 30 June the next year', () => {
    const bytes = invoicesSie({
      seller: testSeller,
      invoices: [],
      generatedOn: '2026-12-04',
      fiscalYearStart: '2026-07-01',
    })
    expect(read(bytes).lines).toContain('#RAR 0 20260701 20270630')
  })

  test('every verification balances to 0.00, and #KONTO lists exactly the accounts used', () => {
    const invoices = [
      testInvoice({ lines: 3, vatRates: ['25', '12', '6'] }),
      testInvoice({ lines: 120 }),
      testInvoice({ kind: 'credit', lines: 2 }),
      testInvoice({ lines: 2, reverseCharge: true, buyer: testEuBusiness }),
    ]
    const { lines, vers } = sie(invoices)
    expect(vers).toHaveLength(4)
    for (const ver of vers)
      expect([ver.head, sum(ver.trans.map((t) => dec(t.amount))).toFixed(2)]).toEqual([ver.head, '0.00'])
    const used = [...new Set(vers.flatMap((v) => v.trans.map((t) => t.account)))].sort()
    const konto = lines.filter((l) => l.startsWith('#KONTO ')).map((l) => l.split(' ')[1])
    expect(konto).toEqual(used)
    expect(used).toEqual(['1510', '2611', '2621', '2631', '3001', '3002', '3003', '3308', '3740'])
    expect(lines).toContain('#KONTO 3740 "Öres- och kronutjämning"')
  })

  test('an invoice: receivable debit, sales and VAT per rate credit, the rounding credited', () => {
    const invoice = testInvoice({ lines: 3, vatRates: ['25', '12', '6'] })
    const { vers } = sie([invoice])
    const [r25, r12, r6] = invoice.vatRows
    expect(vers[0]?.head).toBe('#VER "F" "" 20261201 "Faktura 2026-000042 Örjan Ängström"')
    expect(amounts(vers[0])).toEqual({
      '1510': invoice.totalToPay,
      '3001': `-${r25?.base}`,
      '2611': `-${r25?.vat}`,
      '3002': `-${r12?.base}`,
      '2621': `-${r12?.vat}`,
      '3003': `-${r6?.base}`,
      '2631': `-${r6?.vat}`,
      '3740': dec(invoice.rounding).negated().toFixed(2),
    })
    expect(invoice.rounding).toBe('0.46')
  })

  test('a credit note books the reverse: receivable credit, sales and VAT debit', () => {
    const credit = testInvoice({ kind: 'credit', lines: 1 })
    const { vers } = sie([credit])
    expect(vers[0]?.head).toBe(
      '#VER "F" "" 20261201 "Kreditfaktura 2026-000043 (krediterar 2026-000042) Örjan Ängström"',
    )
    expect(amounts(vers[0])).toEqual({ '1510': '-15.00', '3001': '12.37', '2611': '3.09', '3740': '-0.46' })
  })

  test('a reverse-charged invoice books its sales to 3308 and no output VAT', () => {
    const invoice = testInvoice({ lines: 2, reverseCharge: true, buyer: testEuBusiness })
    expect(amounts(sie([invoice]).vers[0])).toEqual({ '1510': '37.00', '3308': '-37.12', '3740': '0.12' })
  })

  test('no rounding row when the öresavrundning is 0.00', () => {
    const invoice = { ...testInvoice(), rounding: '0.00', totalToPay: '15.46' }
    expect(amounts(sie([invoice]).vers[0])).toEqual({ '1510': '15.46', '3001': '-12.37', '2611': '-3.09' })
  })

  test('other accounts can be given', () => {
    const accounts = { ...BAS_ACCOUNTS, receivable: { number: '1513', name: 'Kundfordringar laddning' } }
    const bytes = invoicesSie({
      seller: testSeller,
      invoices: [testInvoice()],
      generatedOn: '2026-12-04',
      fiscalYearStart: '2026-01-01',
      accounts,
    })
    const { lines, vers } = read(bytes)
    expect(amounts(vers[0])['1513']).toBe('15.00')
    expect(lines).toContain('#KONTO 1513 "Kundfordringar laddning"')
    expect(lines.some((l) => l.startsWith('#KONTO 1510'))).toBe(false)
  })

  test('quotes and backslashes in names are escaped, control characters become spaces', () => {
    const invoice = testInvoice({ buyer: { name: 'Kalle "Ankan" C:\\bil\nAB' } })
    const { lines } = sie([invoice])
    expect(lines).toContain('#VER "F" "" 20261201 "Faktura 2026-000042 Kalle \\"Ankan\\" C:\\\\bil AB"')
    expect(sieQuote('a\tb')).toBe('"a b"')
  })

  test('å ä ö Å Ä Ö é are written as their CP437 bytes, never as UTF-8', () => {
    const { bytes } = sie([testInvoice({ buyer: { name: 'åäö ÅÄÖ é' } })])
    const name = encodeCp437('åäö ÅÄÖ é')
    expect([...name]).toEqual([0x86, 0x84, 0x94, 0x20, 0x8f, 0x8e, 0x99, 0x20, 0x82])
    const hex = Buffer.from(bytes).toString('hex')
    expect(hex).toContain(Buffer.from(name).toString('hex'))
    expect(bytes.includes(0xc3)).toBe(false)
  })

  test('a VAT rate without accounts, an unbalanced invoice and mixed currencies are refused', () => {
    const input = { seller: testSeller, generatedOn: '2026-12-04', fiscalYearStart: '2026-01-01' }
    const base = testInvoice()
    const cases: [Invoice[], SieBookingError['code']][] = [
      [[{ ...base, vatRows: [{ ratePercent: '24', base: '12.37', vat: '3.09' }] }], 'NoAccountForRate'],
      [[{ ...base, totalToPay: '16.00' }], 'Unbalanced'],
      [[base, { ...base, currency: 'EUR' }], 'CurrencyMismatch'],
    ]
    for (const [invoices, code] of cases) {
      const attempt = () => invoicesSie({ ...input, invoices })
      expect(attempt).toThrow(SieBookingError)
      try {
        attempt()
      } catch (error) {
        expect((error as SieBookingError).code).toBe(code)
      }
    }
  })
})

describe('encodeCp437', () => {
  test('ASCII as is, Nordic letters by the code page, others by their base letter or "?"', () => {
    const cases: [string, number[]][] = [
      ['Az09 #{}"\\', [...'Az09 #{}"\\'].map((c) => c.charCodeAt(0))],
      ['Ü ü ß', [0x9a, 0x20, 0x81, 0x20, 0xe1]],
      ['Łódź', [0x3f, 0xa2, 0x64, 0x7a]],
      ['Erdős €', [0x45, 0x72, 0x64, 0x6f, 0x73, 0x20, 0x3f]],
    ]
    for (const [text, bytes] of cases) expect([text, [...encodeCp437(text)]]).toEqual([text, bytes])
  })

  test('the table has the 128 characters of bytes 0x80–0xFF and decodes what it encodes', () => {
    expect([...CP437_HIGH]).toHaveLength(128)
    expect(decode(encodeCp437(CP437_HIGH))).toBe(CP437_HIGH)
  })
})
