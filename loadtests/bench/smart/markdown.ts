/** A number with `digits` decimals, text as it is, a dash for nothing: one cell of a markdown table. */
export const fmt = (x: unknown, digits = 2): string =>
  typeof x === 'number' ? x.toFixed(digits) : x === null || x === undefined ? '—' : String(x)

/** A number with its sign (`+0.59`), a dash for nothing. */
export const signed = (x: unknown): string =>
  typeof x === 'number' ? `${x >= 0 ? '+' : ''}${x.toFixed(2)}` : '—'

/** A markdown table, as the README shows the benchmark's figures. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}
