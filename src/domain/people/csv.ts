/** Largest CSV upload we accept, in bytes (a co-op's list is a few kilobytes). */
export const MAX_CSV_BYTES = 512 * 1024

/** Outcome of parsing a CSV text: rows of cells, or a message a person can act on. */
export type CsvParse = { ok: true; rows: string[][] } | { ok: false; error: string }

/** Picks the separator: Swedish Excel exports use `;`, everything else `,` (decided on the header line). */
export function detectSeparator(text: string): ',' | ';' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
  const count = (ch: string) => firstLine.split(ch).length - 1
  return count(';') > count(',') ? ';' : ','
}

/**
 * Parses CSV text (RFC 4180: quoted cells, doubled quotes, separators and line breaks inside quotes,
 * CRLF or LF line ends, an optional UTF-8 BOM, `,` or `;` separators). Blank lines are skipped.
 */
export function parseCsv(input: string): CsvParse {
  if (new TextEncoder().encode(input).length > MAX_CSV_BYTES) {
    return { ok: false, error: `The file is larger than ${MAX_CSV_BYTES / 1024} KB.` }
  }
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input
  const separator = detectSeparator(text)
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  const endRow = () => {
    row.push(cell)
    if (row.length > 1 || row[0] !== '') rows.push(row)
    row = []
    cell = ''
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') {
        quoted = false
      } else {
        if (ch === '\n') line++
        cell += ch
      }
    } else if (ch === '"' && cell === '') {
      quoted = true
    } else if (ch === separator) {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      // the \n that follows ends the row
    } else if (ch === '\n' || ch === '\r') {
      line++
      endRow()
    } else {
      cell += ch
    }
  }
  if (quoted) return { ok: false, error: `A quoted cell starting before line ${line} is never closed.` }
  endRow()
  return { ok: true, rows }
}

/** Characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/

/** Quotes one cell for export, prefixing `'` to cells a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return /[",;\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** A cell as it was before {@link csvCell} guarded it (`'+4670…` back to `+4670…`), so an export re-imports. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value
}

/** Writes rows (the first being the header) as CRLF-separated CSV. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
}
