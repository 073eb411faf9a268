import { Decimal } from '@src/domain/tariffs/decimal'

/**
 * Öresavrundning: the total to pay rounded to whole kronor, half up (Riksbanken's rule for cash: 1–49
 * öre down, 50–99 öre up), so the rounding is −0.49 … +0.50; a negative total (a credit note) rounds
 * half away from zero, mirroring the invoice it credits. Returns the rounding, 2 decimals.
 *
 * @example oresavrundning(dec('123.50')) // 0.50
 */
export function oresavrundning(total: Decimal): Decimal {
  const whole = total.abs().toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
  const rounded = total.isNegative() ? whole.negated() : whole
  return rounded.minus(total).toDecimalPlaces(2)
}
