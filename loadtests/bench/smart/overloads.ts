import type { PerPhase } from '@src/domain/power'

/**
 * Why a fuse was over its rating in a second:
 * - `building`: the building rose since the loop's last reading by at least the excess (no reactive
 *   loop can see it before the next reading), or the building alone is over the rating by that much
 *   (no loop can help it: with every car at 0 A the fuse would still be over);
 * - `evLag`: cars still draw above a limit just lowered (within the charger's latency and the car's
 *   response delay), and that, with the building's rise, covers the excess;
 * - `allocation`: everything else, the loop's own fault: it gave out current that loads it should have
 *   carried (an unreachable or disobeying charger, a car starting at its default) still drew.
 */
export type OverloadClass = 'building' | 'evLag' | 'allocation'

/** The classes from the least to the most the loop's fault: a second takes the worst of its overloads. */
const SEVERITY: readonly OverloadClass[] = ['building', 'evLag', 'allocation']

/** One fuse in one second, with what explains its current. */
export interface FuseObservation {
  readonly id: string
  readonly ratingA: number
  readonly currentA: PerPhase
  /**
   * The part of an excess no controller could have prevented because of the building, per phase (A):
   * its rise since the controller's last reading, or what it alone is over the rating, whichever is
   * more; zeros below the main fuse.
   */
  readonly buildingRiseA: PerPhase
  /** The current cars under this fuse draw above limits lowered moments ago, per phase (A). */
  readonly lagA: PerPhase
}

/** Seconds over a rating and the worst excess, per class and in all. */
export interface OverloadSummary {
  readonly seconds: number
  /** The largest excess over any rating (A), and as a share of that rating (%). */
  readonly worstA: number
  readonly worstPct: number
  readonly byClass: Readonly<Record<OverloadClass, { readonly seconds: number; readonly worstA: number }>>
}

/** Classifies one fuse phase over its rating by `excessA`. */
export function classify(excessA: number, buildingRiseA: number, lagA: number): OverloadClass {
  if (buildingRiseA >= excessA) return 'building'
  if (buildingRiseA + lagA >= excessA) return 'evLag'
  return 'allocation'
}

/** Counts the seconds any fuse phase is over its rating, each attributed to the worst class it shows. */
export class OverloadLedger {
  #seconds = 0
  #worstA = 0
  #worstPct = 0
  readonly #byClass: Record<OverloadClass, { seconds: number; worstA: number }> = {
    building: { seconds: 0, worstA: 0 },
    evLag: { seconds: 0, worstA: 0 },
    allocation: { seconds: 0, worstA: 0 },
  }

  /** Takes one second's fuses. */
  observe(fuses: readonly FuseObservation[]): void {
    let worst: OverloadClass | undefined
    for (const f of fuses) {
      for (let p = 0; p < 3; p++) {
        const excess = f.currentA[p]! - f.ratingA
        if (!(excess > EPSILON_A)) continue
        const cls = classify(excess, Math.max(0, f.buildingRiseA[p]!), f.lagA[p]!)
        const entry = this.#byClass[cls]
        entry.worstA = Math.max(entry.worstA, excess)
        this.#worstA = Math.max(this.#worstA, excess)
        this.#worstPct = Math.max(this.#worstPct, (100 * excess) / f.ratingA)
        if (worst === undefined || SEVERITY.indexOf(cls) > SEVERITY.indexOf(worst)) worst = cls
      }
    }
    if (worst === undefined) return
    this.#seconds++
    this.#byClass[worst].seconds++
  }

  summary(): OverloadSummary {
    return {
      seconds: this.#seconds,
      worstA: this.#worstA,
      worstPct: this.#worstPct,
      byClass: {
        building: { ...this.#byClass.building },
        evLag: { ...this.#byClass.evLag },
        allocation: { ...this.#byClass.allocation },
      },
    }
  }
}

/** Excesses below this (A) are float noise, not overloads. */
const EPSILON_A = 1e-6
