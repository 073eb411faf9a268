/** The most holidays a site keeps (a few years of public holidays and closing days). */
export const MAX_HOLIDAYS = 400

/**
 * True for a real calendar date written `YYYY-MM-DD` (a site's holidays are local dates in its zone).
 *
 * @example
 * isLocalDate('2026-12-24') // true
 * isLocalDate('2026-02-30') // false
 */
export function isLocalDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

/**
 * A holiday list as a person types it: one date per line, or separated by commas, spaces or
 * semicolons. Blank parts are skipped; the dates are not checked here (the site schema says which one
 * is wrong).
 *
 * @example
 * splitHolidays('2026-12-24, 2026-12-25\n2026-12-31') // ['2026-12-24', '2026-12-25', '2026-12-31']
 */
export function splitHolidays(text: string): string[] {
  return text.split(/[\s,;]+/).filter((part) => part !== '')
}

/** Holidays as stored: each once, in date order (so an unchanged list compares equal). */
export function normalizeHolidays(dates: readonly string[]): string[] {
  return [...new Set(dates)].sort()
}
