import type { ScenarioBuilding, ScenarioVisit } from './types'

/** How a fluid schedule shares a minute's capacity among the cars present. */
export type Sharing = 'deadline' | 'equal'

/** The site as the fluid bound sees it: the main fuse, the building, the voltage. */
export interface FluidSite {
  readonly mainA: number
  readonly building: ScenarioBuilding
  readonly voltageV: number
  readonly durationS: number
}

const STEP_S = 60

/** The building's highest current on any phase in each minute (A). */
function buildingPeaks(site: FluidSite): Float64Array {
  const peaks = new Float64Array(Math.ceil(site.durationS / STEP_S))
  for (let s = 0; s < site.durationS; s++) {
    const a = site.building.at(s)
    const m = Math.floor(s / STEP_S)
    peaks[m] = Math.max(peaks[m]!, a[0], a[1], a[2])
  }
  return peaks
}

/**
 * The visits that miss their need at departure when charged minute by minute at full rate under the
 * main fuse, less the building's highest load of the minute and `marginA`, the capacity given
 * earliest-deadline-first or in equal shares. A fluid bound for fleets whose cars draw alike on every
 * phase: it ignores ramps and taper, so a schedule that fits here fits the world only with margin.
 */
export function lateVisits(
  site: FluidSite,
  visits: readonly ScenarioVisit[],
  marginA: number,
  sharing: Sharing,
  peaks = buildingPeaks(site),
): string[] {
  const left = new Map(visits.map((v) => [v.id, v.needWh]))
  const byDeadline = [...visits].sort((a, b) => a.departureS - b.departureS)
  for (let m = 0; m < peaks.length; m++) {
    const t = m * STEP_S
    const present = byDeadline.filter(
      (v) => v.arrivalS <= t && v.departureS >= t + STEP_S && left.get(v.id)! > 0,
    )
    let capacityA = site.mainA - peaks[m]! - marginA
    const shareA = capacityA / present.length
    for (const v of present) {
      const whPerA = (v.car.phases * site.voltageV * STEP_S) / 3600
      const offerA = sharing === 'equal' ? shareA : capacityA
      const a = Math.max(0, Math.min(v.car.maxA, offerA, left.get(v.id)! / whPerA))
      left.set(v.id, left.get(v.id)! - a * whPerA)
      capacityA -= a
    }
  }
  return [...left].filter(([, wh]) => wh > 1).map(([id]) => id)
}

/**
 * The visits with their needs scaled by one factor (at most 2), the largest with which every need
 * still fits by deadline with `marginA` of the fuse to spare, never above 90 % of a battery: a night
 * that a good schedule can just finish, whatever the random draw of routes.
 */
export function fitNeeds(
  site: FluidSite,
  visits: readonly ScenarioVisit[],
  marginA: number,
): ScenarioVisit[] {
  const peaks = buildingPeaks(site)
  const scaled = (k: number) =>
    visits.map((v) => ({ ...v, needWh: Math.round(Math.min(v.needWh * k, v.car.batteryWh * 0.9)) }))
  let lo = 0
  let hi = 2
  for (let i = 0; i < 16; i++) {
    const k = (lo + hi) / 2
    if (lateVisits(site, scaled(k), marginA, 'deadline', peaks).length === 0) lo = k
    else hi = k
  }
  return scaled(lo)
}
