import DecimalJs from 'decimal.js'

/**
 * The one decimal type money and prices use: 34 significant digits (IEEE decimal128), so a price per
 * hour divided by 3,600 once per tariff element stays exact to far below an öre. No float touches money:
 * prices enter as their decimal text (`dec('0.25')`, or a JSON number's shortest text) and leave as text.
 */
export const Decimal = DecimalJs.clone({ precision: 34, rounding: DecimalJs.ROUND_HALF_UP })
/** A value of {@link Decimal}. */
export type Decimal = InstanceType<typeof Decimal>

/** Zero, the start of every sum. */
export const ZERO = new Decimal(0)

/**
 * A decimal from its text or a JSON number (its shortest round-trip text, so `0.1` is exactly 0.1).
 * Throws a RangeError for NaN, infinities and text that is no number: callers validate first.
 */
export function dec(value: string | number | Decimal): Decimal {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`not a price: ${value}`)
  return new Decimal(typeof value === 'number' ? String(value) : value)
}

/** Sum of decimals. */
export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO
  for (const v of values) total = total.plus(v)
  return total
}
