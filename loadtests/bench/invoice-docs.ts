/**
 * `npm run bench:invoice-docs [-- --invoices 200 --runs 5 --quick]`: the invoice documents on a billing
 * run's worth of invoices, half with 1 line and half with 120 lines (a co-op's busiest household for a
 * month). Reports the median over `runs` of the time per PDF (1 and 120 lines) with its size and page
 * count, and the time to write all the invoices as CSV and as SIE with the files' sizes.
 */
import { invoicesCsv } from '@src/domain/invoices/invoice-csv'
import { renderInvoicePdf } from '@src/domain/invoices/invoice-pdf'
import { invoicesSie } from '@src/domain/invoices/invoice-sie'
import { testInvoice, testSeller } from '@src/testing/invoices'
import { PDFDocument } from 'pdf-lib'
import { benchArgs, median, progress, report, round, rowMaker } from './bench-kit'

const BENCH = 'invoice-docs'
const { out, num } = benchArgs(BENCH, { invoices: { type: 'string' }, runs: { type: 'string' } })
const count = num('invoices', 200, 20)
const runs = num('runs', 5, 1)
const small = testInvoice({ lines: 1 })
const large = testInvoice({ lines: 120, costCentres: ['KS-100', null] })
const invoices = Array.from({ length: count }, (_, i) => (i % 2 === 0 ? small : large))

async function timed<T>(work: () => T | Promise<T>): Promise<[number, T]> {
  const t = performance.now()
  const result = await work()
  return [performance.now() - t, result]
}

const times = { small: [] as number[], large: [] as number[], csv: [] as number[], sie: [] as number[] }
const sizes = { small: 0, large: 0, largePages: 0, csv: 0, sie: 0 }
for (let r = 0; r < runs; r++) {
  for (const [key, invoice] of [
    ['small', small],
    ['large', large],
  ] as const) {
    const [ms, pdf] = await timed(() => renderInvoicePdf(invoice))
    times[key].push(ms)
    sizes[key] = pdf.length
    if (key === 'large') sizes.largePages = (await PDFDocument.load(pdf)).getPageCount()
  }
  const [csvMs, csv] = await timed(() => invoicesCsv(invoices))
  times.csv.push(csvMs)
  sizes.csv = new TextEncoder().encode(csv).length
  const [sieMs, sie] = await timed(() =>
    invoicesSie({ seller: testSeller, invoices, generatedOn: '2026-12-04', fiscalYearStart: '2026-01-01' }),
  )
  times.sie.push(sieMs)
  sizes.sie = sie.length
  progress(`run ${r + 1}: pdf ${round(times.large.at(-1) ?? 0, 0)} ms (120 lines), csv ${round(csvMs, 0)} ms`)
}
const row = rowMaker(BENCH, { invoices: count, runs })
report('Invoice documents', out, [
  row('pdf_1_line_median', round(median(times.small), 1), 'ms'),
  row('pdf_1_line_size', round(sizes.small / 1024, 1), 'KiB'),
  row('pdf_120_lines_median', round(median(times.large), 1), 'ms'),
  row('pdf_120_lines_size', round(sizes.large / 1024, 1), 'KiB'),
  row('pdf_120_lines_pages', sizes.largePages, 'pages'),
  row('csv_all_median', round(median(times.csv), 1), 'ms', { lines: (count / 2) * 121 }),
  row('csv_size', round(sizes.csv / 1024, 0), 'KiB'),
  row('sie_all_median', round(median(times.sie), 1), 'ms'),
  row('sie_size', round(sizes.sie / 1024, 0), 'KiB'),
])
