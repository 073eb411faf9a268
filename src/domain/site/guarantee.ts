import type { BuildingMeter } from './site-config'

/** What the charger is assumed to take to apply a setpoint (s) until the site has measured its own. */
export const DEFAULT_CHARGER_LATENCY_S = 2

/** What the guarantee is based on: the site's settings and what its loop has observed. */
export interface GuaranteeInput {
  readonly marginA: number
  readonly meter: BuildingMeter
  /** The building's configured maximum per phase (A), reserved when there is no meter; null: none. */
  readonly buildingMaxA: number | null
  /** The usual time between building readings (s); null: none seen yet. */
  readonly meterIntervalS: number | null
  /** The longest time between two readings (s); null: none seen yet. */
  readonly longestGapS: number | null
  /** The largest rise of the building between two readings, on any phase (A). */
  readonly worstStepA: number
  /** A reading older than this (s) is stale: the building is then taken at its maximum. */
  readonly staleAfterS: number
  /** From a reading to the setpoints it causes (s): the loop re-plans at once. */
  readonly loopS: number
  /** From a setpoint sent to the charger applying it (s), as measured or assumed. */
  readonly chargerLatencyS: number
  /** How long a car may take to follow a lower limit (s): IEC 61851-1 asks 5 s, field cars up to 9 s. */
  readonly evResponseS: number
}

/** What the loop guarantees about the fuse, and the margin the site's own meter suggests. */
export interface SafetyGuarantee {
  readonly marginA: number
  readonly meterIntervalS: number | null
  readonly longestGapS: number | null
  readonly worstStepA: number
  /**
   * The margin that would absorb the worst building step seen within one meter interval (A, rounded
   * up to a whole ampere); null when there is nothing to size it from (no meter, or no readings yet).
   */
  readonly recommendedMarginA: number | null
  /** The longest a building step can keep the main fuse over its rating (s); null without a meter. */
  readonly excessLastsS: number | null
  readonly chargerLatencyS: number
  readonly evResponseS: number
  /** The guarantee in one sentence, for the operator. */
  readonly text: string
}

/**
 * The loop's guarantee. Allocation itself never puts any fuse over its rating minus the margin (with
 * the building as measured, or at its maximum when the reading is stale). What allocation cannot beat
 * is physics: a building that steps up between two readings is only seen at the next one, then the
 * loop re-plans, the chargers apply the cut and the cars follow. So a step of up to the margin is
 * absorbed, and a step of X A above it keeps the main fuse over its rating by at most X − margin A for
 * at most (time to the next reading, never more than the stale limit) + loop + charger + EV response.
 *
 * @example
 * guaranteeOf({ marginA: 2, meter: 'http', buildingMaxA: null, meterIntervalS: 5, longestGapS: 6,
 *   worstStepA: 9.2, staleAfterS: 15, loopS: 0.1, chargerLatencyS: 2, evResponseS: 5 })
 * // → recommendedMarginA 10, excessLastsS 13.1
 */
export function guaranteeOf(g: GuaranteeInput): SafetyGuarantee {
  const base = {
    marginA: g.marginA,
    meterIntervalS: g.meterIntervalS,
    longestGapS: g.longestGapS,
    worstStepA: g.worstStepA,
    chargerLatencyS: g.chargerLatencyS,
    evResponseS: g.evResponseS,
  }
  if (g.meter === 'none') {
    const max = g.buildingMaxA === null ? 'the whole fuse' : `${g.buildingMaxA} A`
    return {
      ...base,
      recommendedMarginA: null,
      excessLastsS: null,
      text: `No building meter: the building is reserved at ${max}, so no fuse goes over its rating while the building stays within that.`,
    }
  }
  const detectS = Math.min(g.longestGapS ?? g.staleAfterS, g.staleAfterS)
  const excessLastsS = round1(detectS + g.loopS + g.chargerLatencyS + g.evResponseS)
  const seen = g.meterIntervalS !== null
  const recommendedMarginA = seen ? Math.ceil(g.worstStepA - 1e-9) : null
  const parts = `${round1(detectS)} s to the next reading, ${round1(g.loopS)} s to re-plan, ${round1(g.chargerLatencyS)} s for the charger, ${g.evResponseS} s for the cars`
  return {
    ...base,
    recommendedMarginA,
    excessLastsS,
    text:
      `No allocation puts any fuse over its rating minus the ${g.marginA} A margin. ` +
      `A building step of up to ${g.marginA} A is absorbed by the margin; a step of X A above it keeps ` +
      `the main fuse over its rating by at most X − ${g.marginA} A for at most ${excessLastsS} s (${parts}).`,
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10
}
