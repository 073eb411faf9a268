/**
 * Scoring a closed-loop run: how much energy it delivered (and how much of the offline optimum that
 * is), how many cars left short, and how long and how far each fuse was over its rating.
 */
import type { ScenarioFuse, ScenarioVisit, SiteScenario, WorldSecond } from '../../../src/sim/site/types'
import { drawnPhases, fuseGeometry } from './site-geometry'

/** A car leaving with less than this share of its target is counted as short. */
export const SHORT_SHARE = 0.9
/** Currents within this of a rating (A) are float noise, not an excess. */
const OVER_TOLERANCE_A = 1e-6

/** One visit's outcome. */
export interface VisitScore {
  readonly visitId: string
  readonly deliveredWh: number
  readonly needWh: number
  /** The most the car could take in its stay: its maximum current, phases and time plugged in. */
  readonly possibleWh: number
  /** `min(needWh, possibleWh)`: what it is fair to expect. */
  readonly targetWh: number
  readonly short: boolean
}

/** The energy side of a run's score. */
export interface EnergyScore {
  readonly deliveredWh: number
  /** The optimum's total (Wh), when one was given. */
  readonly optimumWh: number | null
  /** Delivered as a percentage of the optimum; null without one (or when it is 0). */
  readonly pctOfOptimum: number | null
  /** Cars that left with less than 90 % of their target. */
  readonly carsShort: number
  readonly visits: readonly VisitScore[]
}

/**
 * The most energy a visit could take (Wh): `min(car maxA, charger maxA) · V · phases` over its stay,
 * from plug-in (or its own timer, if later) to plug-out, cut to the scenario. A car whose need is
 * more than this cannot be blamed on the controller, so its target is capped here.
 */
export function possibleWh(scenario: SiteScenario, visit: ScenarioVisit): number {
  const charger = scenario.chargers.find((c) => c.id === visit.chargerId)
  if (!charger) throw new Error(`visit ${visit.id}: charger ${visit.chargerId} is not on the site`)
  const from = Math.max(0, visit.arrivalS, visit.car.ownTimerFromS ?? 0)
  const to = Math.min(scenario.durationS, visit.departureS)
  const phases = drawnPhases(charger.wiring, visit.car.phases).length
  const amps = Math.min(visit.car.maxA, charger.maxA)
  return (amps * phases * scenario.voltageV * Math.max(0, to - from)) / 3600
}

/**
 * Scores the energy of a run from what each visit received (Wh by visit id; a visit missing from the
 * map received nothing), against the optimum's total when given.
 *
 * @example
 * const s = energyScore(scenario, delivered, offlineOptimum(scenario))
 * console.log(`${s.pctOfOptimum?.toFixed(1)} % of the optimum, ${s.carsShort} cars short`)
 */
export function energyScore(
  scenario: SiteScenario,
  deliveredWh: ReadonlyMap<string, number>,
  optimum?: { readonly totalWh: number },
): EnergyScore {
  const visits = scenario.visits.map((v): VisitScore => {
    const delivered = deliveredWh.get(v.id) ?? 0
    const possible = possibleWh(scenario, v)
    const targetWh = Math.min(v.needWh, possible)
    return {
      visitId: v.id,
      deliveredWh: delivered,
      needWh: v.needWh,
      possibleWh: possible,
      targetWh,
      short: delivered < SHORT_SHARE * targetWh,
    }
  })
  const total = visits.reduce((sum, v) => sum + v.deliveredWh, 0)
  const optimumWh = optimum?.totalWh ?? null
  return {
    deliveredWh: total,
    optimumWh,
    pctOfOptimum: optimumWh ? (100 * total) / optimumWh : null,
    carsShort: visits.filter((v) => v.short).length,
    visits,
  }
}

/** How long and how far one fuse was over its rating. */
export interface FuseExcess {
  readonly fuseId: string
  readonly limitA: number
  /** Seconds in which at least one phase was over the rating. */
  readonly secondsOver: number
  /** The largest excess over the rating on any phase (A); 0 when never over. */
  readonly worstExcessA: number
  /** The worst current as a percentage of the rating (100 or less when never over). */
  readonly worstPct: number
  /** When the worst excess happened (s from the start) and on which phase (0 = L1); null if never over. */
  readonly worstAtS: number | null
  readonly worstPhase: number | null
}

/** Counts excesses second by second, so a long run need not keep its truth stream. */
export interface ExcessTally {
  add(second: WorldSecond): void
  result(): FuseExcess[]
}

/**
 * A tally of seconds over each rating of the tree under `main`, fed one {@link WorldSecond} at a time.
 *
 * @example
 * const tally = excessTally(scenario.main)
 * world.onSecond((s) => tally.add(s))
 * for (const f of tally.result()) console.log(f.fuseId, f.secondsOver, f.worstExcessA)
 */
export function excessTally(main: ScenarioFuse): ExcessTally {
  const { fuses } = fuseGeometry(main)
  const state = fuses.map((f) => ({
    fuseId: f.id,
    limitA: f.limitA,
    secondsOver: 0,
    worstExcessA: 0,
    worstPct: 0,
    worstAtS: null as number | null,
    worstPhase: null as number | null,
  }))
  return {
    add(second) {
      for (const fuse of state) {
        const currents = second.fuseA.get(fuse.fuseId)
        if (!currents) continue
        let over = false
        currents.forEach((a, ph) => {
          fuse.worstPct = Math.max(fuse.worstPct, (100 * a) / fuse.limitA)
          const excess = a - fuse.limitA
          if (excess <= OVER_TOLERANCE_A) return
          over = true
          if (excess > fuse.worstExcessA)
            Object.assign(fuse, { worstExcessA: excess, worstAtS: second.s, worstPhase: ph })
        })
        if (over) fuse.secondsOver++
      }
    },
    result: () => state.map((f) => ({ ...f })),
  }
}

/** {@link excessTally} over a whole stream at once. */
export function fuseExcess(main: ScenarioFuse, seconds: Iterable<WorldSecond>): FuseExcess[] {
  const tally = excessTally(main)
  for (const s of seconds) tally.add(s)
  return tally.result()
}
