import { dec } from '../tariffs/decimal'

/** The unit a price series' file states its prices in: Nord Pool publishes per MWh, a plain file may use per kWh. */
export type PriceUnit = 'MWh' | 'kWh'

const DECIMAL_TEXT = /^-?\d+(?:[.,]\d+)?$/

/**
 * A price per kWh as exact decimal text, from a price as written in a file and its unit: per MWh is
 * divided by 1,000 with decimals (never floats), so `'873.14'` SEK/MWh is `'0.87314'` SEK/kWh. A comma
 * decimal separator (Nord Pool's Swedish export) is accepted. Spot prices can be negative.
 * Returns `undefined` for text that is no decimal number, so the caller can name the bad row.
 *
 * @example perKwh('1234,5', 'MWh') // '1.2345'
 */
export function perKwh(price: string, unit: PriceUnit): string | undefined {
  const text = price.trim()
  if (!DECIMAL_TEXT.test(text)) return undefined
  const value = dec(text.replace(',', '.'))
  return (unit === 'MWh' ? value.dividedBy(1000) : value).toString()
}
