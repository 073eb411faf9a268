import type { SpotSlot } from '../tariffs/spot-price'
import { type PriceUnit, perKwh } from './price-unit'

/** A row of a price file that could not be read: its 1-based line number and what a person should fix. */
export interface RowError {
  line: number
  message: string
}

/** A slot as read from line `line` of a file (or item `line` of a list), so a later check can name it. */
export interface NumberedSlot extends SpotSlot {
  line: number
}

/** The slots of a file, or every bad row in it (then no slot is to be written). */
export type ParsedSlots = { ok: true; slots: NumberedSlot[] } | { ok: false; errors: RowError[] }

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$/
const QUARTER_MS = 900_000
const HOUR_MS = 3_600_000

/**
 * The slots of a plain `start,end,price` CSV (a header line first): start and end are ISO instants with
 * their offset (so the autumn hour that repeats, `02:00+02:00` and `02:00+01:00`, is two slots), each
 * slot an hour or a quarter, prices in `unit` converted exactly to per kWh. All or nothing: one bad row
 * and the result lists every bad row by line.
 *
 * @example parsePlainCsv('start,end,price\n2026-11-02T00:00+01:00,2026-11-02T01:00+01:00,873.14', 'MWh')
 */
export function parsePlainCsv(text: string, unit: PriceUnit): ParsedSlots {
  const { slots, errors } = readPlainCsv(text, unit)
  return errors.length > 0 ? { ok: false, errors } : { ok: true, slots }
}

/**
 * The rows of a plain CSV that could be read as slots, and every one that could not: for a caller
 * that checks the slots further (against a series) and names all bad lines of a file at once.
 */
export function readPlainCsv(text: string, unit: PriceUnit): { slots: NumberedSlot[]; errors: RowError[] } {
  const lines = text.split(/\r?\n/)
  const slots: NumberedSlot[] = []
  const errors: RowError[] = []
  for (const [index, raw] of lines.entries()) {
    if (index === 0 || raw.trim() === '') continue
    const line = index + 1
    const cells = raw.split(',').map((c) => c.trim())
    if (cells.length !== 3) {
      errors.push({ line, message: 'expected three columns: start,end,price' })
      continue
    }
    const [start, end, price] = cells as [string, string, string]
    if (!INSTANT.test(start) || !INSTANT.test(end)) {
      errors.push({
        line,
        message: 'start and end must be ISO instants with an offset, e.g. 2026-11-02T00:00+01:00',
      })
      continue
    }
    const from = Date.parse(start)
    const to = Date.parse(end)
    if (to - from !== HOUR_MS && to - from !== QUARTER_MS) {
      errors.push({ line, message: 'a slot must be one hour or 15 minutes long' })
      continue
    }
    const pricePerKwh = perKwh(price, unit)
    if (pricePerKwh === undefined) {
      errors.push({ line, message: `price "${price}" is not a decimal number` })
      continue
    }
    slots.push({ from, to, pricePerKwh, line })
  }
  return { slots, errors }
}
