import type { PeakControl } from './site'

/** What one session still needs, for the peak decision. */
export interface PeakDemand {
  readonly energyWh: number
  /** Hours until departure. */
  readonly hoursLeft: number
  /** The most power the session can draw (kW). */
  readonly maxKw: number
}

/** The site power cap for this tick and why. */
export interface PeakDecision {
  /** Cap on building + EV power (kW). The fuses still apply on top of it. */
  readonly capKw: number
  /** Power the departures need (kW, building included): above the target means "released". */
  readonly requiredKw: number
  readonly released: boolean
}

/**
 * The EV power needed to finish every session by its departure (kW), by the deadline bound: for each
 * departure `d`, the energy of the sessions leaving by `d` (each at most what it can take) must fit
 * in `P · d`. The bound is exact for one shared limit and a deadline-ordered scheduler, which is
 * what the scheduler's plan approximates.
 */
export function requiredEvPowerKw(demands: readonly PeakDemand[], minHours: number): number {
  const sorted = [...demands].sort((a, b) => a.hoursLeft - b.hoursLeft)
  let energyKwh = 0
  let required = 0
  for (const d of sorted) {
    const hours = Math.max(minHours, d.hoursLeft)
    energyKwh += Math.min(Math.max(0, d.energyWh) / 1000, d.maxKw * hours)
    required = Math.max(required, energyKwh / hours)
  }
  return required
}

/**
 * Peak rule: the site stays under the target (or under a level already reached this month, which
 * costs nothing more) while every session can still get its energy by its departure under it; when
 * it cannot, the cap rises just as far as the departures need (plus `slack`), assuming the building
 * keeps drawing what it draws now. The fuses stay hard limits either way.
 */
export function decidePeakCap(
  peak: PeakControl,
  demands: readonly PeakDemand[],
  buildingKw: number,
  options: { readonly slack: number; readonly minHours: number },
): PeakDecision {
  const held = Math.max(peak.targetKw, peak.reachedKw ?? 0)
  const requiredKw = requiredEvPowerKw(demands, options.minHours) * (1 + options.slack) + buildingKw
  return { capKw: Math.max(held, requiredKw), requiredKw, released: requiredKw > held }
}
