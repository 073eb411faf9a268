import { Decimal } from './decimal'

/** How a price is rounded to what is billed. */
export interface RoundingPolicy {
  /** Decimals billed: 2 for SEK and EUR (öre, cent). */
  scale: number
  /** `halfUp` (0.125 → 0.13, the Swedish norm) or `halfEven` (banker's: 0.125 → 0.12, 0.135 → 0.14). */
  mode: 'halfUp' | 'halfEven'
  /**
   * `total`: the session's exact total is rounded once (exclusive and inclusive of VAT each rounded;
   * VAT is their difference). `component`: each breakdown line is rounded, and the totals are the sums
   * of the rounded lines, so a receipt's lines add up to its total.
   */
  level: 'total' | 'component'
}

/** The default: öre, half up, the session total rounded once. */
export const DEFAULT_ROUNDING: RoundingPolicy = { scale: 2, mode: 'halfUp', level: 'total' }

/**
 * An exact amount rounded by the policy's scale and mode.
 *
 * @example roundAmount(dec('0.125'), { scale: 2, mode: 'halfEven', level: 'total' }).toFixed(2) // '0.12'
 */
export function roundAmount(amount: Decimal, policy: Pick<RoundingPolicy, 'scale' | 'mode'>): Decimal {
  return amount.toDecimalPlaces(
    policy.scale,
    policy.mode === 'halfUp' ? Decimal.ROUND_HALF_UP : Decimal.ROUND_HALF_EVEN,
  )
}
