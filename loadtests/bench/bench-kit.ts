import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import type { Histogram } from '../fleet/histogram'

/** One benchmark figure; the extra fields are the parameters it was measured with. */
export interface BenchRow {
  bench: string
  metric: string
  value: number
  unit: string
  [param: string]: string | number | boolean | null
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>

/**
 * Common flags plus a benchmark's own: `--quick` (small CI smoke sizes) and `--out` (JSON rows; default
 * `results/<bench>.json`, or `results/<bench>.quick.json` in quick mode so a smoke run never overwrites
 * real figures). `num(key, full, quick)` reads a numeric flag or picks the mode's default.
 */
export function benchArgs<T extends OptionSpec>(bench: string, options: T) {
  const parsed = parseArgs({
    args: Bun.argv.slice(2),
    options: {
      out: { type: 'string' },
      quick: { type: 'boolean', default: false },
      ...options,
    },
    allowPositionals: false,
  })
  const values = parsed.values as Record<string, string | boolean | undefined>
  const num = (key: keyof T & string, full: number, quick: number): number => {
    const v = values[key]
    if (typeof v === 'string' && v !== '') return Number(v)
    return values.quick ? quick : full
  }
  const quick = values.quick === true
  const out = typeof values.out === 'string' ? values.out : `results/${bench}${quick ? '.quick' : ''}.json`
  return { out, quick, values, num }
}

/** A row builder for one benchmark and parameter set: `row(metric, value, unit, extraParams?)`. */
export function rowMaker(bench: string, params: Record<string, string | number | boolean | null>) {
  return (
    metric: string,
    value: number,
    unit: string,
    extra: Record<string, string | number | boolean> = {},
  ): BenchRow => ({
    bench,
    metric,
    value,
    unit,
    ...params,
    ...extra,
  })
}

/** Rounds to `digits` decimals (figures in tables and JSON). */
export const round = (v: number, digits = 2): number => {
  const f = 10 ** digits
  return Math.round(v * f) / f
}

/** The median of some numbers (NaN when empty). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  if (s.length === 0) return Number.NaN
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** p50/p95/p99/max rows of a round-trip histogram. */
export function latencyRows(
  bench: string,
  name: string,
  h: Histogram,
  params: Record<string, string | number>,
): BenchRow[] {
  return (
    [
      ['p50', h.percentile(50)],
      ['p95', h.percentile(95)],
      ['p99', h.percentile(99)],
      ['max', h.max],
    ] as const
  ).map(([p, v]) => ({
    bench,
    metric: `${name}_${p}`,
    value: round(v, 3),
    unit: 'ms',
    count: h.count,
    ...params,
  }))
}

/** The rows as a markdown table (metric, value, unit, then the parameters that vary). */
export function markdownTable(rows: readonly BenchRow[]): string {
  const fixed = ['bench', 'metric', 'value', 'unit']
  const params = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => !fixed.includes(k))
  const head = ['metric', 'value', 'unit', ...params]
  const line = (cells: unknown[]) => `| ${cells.map((c) => (c === undefined ? '' : String(c))).join(' | ')} |`
  return [
    line(head),
    line(head.map(() => '---')),
    ...rows.map((r) => line([r.metric, r.value, r.unit, ...params.map((p) => r[p])])),
  ].join('\n')
}

/** Prints the table and writes the JSON rows to `out`. */
export function report(title: string, out: string, rows: readonly BenchRow[], notes: string[] = []): void {
  console.log(`\n## ${title}\n`)
  for (const n of notes) console.log(`- ${n}`)
  if (notes.length) console.log('')
  console.log(markdownTable(rows))
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, `${JSON.stringify(rows, null, 2)}\n`)
  console.log(`\nwrote ${out}`)
}

/** Logs progress to stderr, so stdout stays the report. */
export function progress(text: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${text}\n`)
}
