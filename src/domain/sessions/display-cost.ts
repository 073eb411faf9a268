import { Decimal, dec } from '@src/domain/tariffs/decimal'

/** Decimals a charger display is told a cost with, unless the charger says otherwise (1.6 NumberOfDecimalsForCostValues). */
export const DISPLAY_DECIMALS = 2

/**
 * A cost for a charger's display, where the OCPP schema wants a JSON number: the exact decimal text is
 * rounded half-up to `decimals` (0–6) first, and only the rounded text becomes a number, so the float
 * is the nearest double of a short decimal (`"12.345"` → `12.35`), never the result of float arithmetic.
 *
 * @example
 * displayCost('12.345') // 12.35
 * displayCost('7.5', 0) // 8
 */
export function displayCost(text: string, decimals = DISPLAY_DECIMALS): number {
  const places = Math.min(6, Math.max(0, Math.trunc(decimals)))
  return Number(dec(text).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places))
}
