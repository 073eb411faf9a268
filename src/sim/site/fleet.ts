import { OBSERVED_REFLEXES } from '@src/sim/pilot-follower'
import type { Rng } from '@src/sim/prng'
import type { ScenarioCar } from './types'

/** One kind of car: its on-board charger and battery, and its share of the fleet. */
export interface CarModel {
  readonly model: string
  readonly phases: 1 | 2 | 3
  /** The most it draws per phase (A). */
  readonly maxA: number
  /** Below this pilot it does not charge (A). */
  readonly minA: number
  /** Usable battery (kWh). */
  readonly batteryKwh: number
  /** A plug-in hybrid: small battery, charged often and full. */
  readonly phev?: boolean
  /** Relative share of the fleet. */
  readonly weight: number
}

/**
 * A Nordic residential fleet, 2023–24: mostly 11 kW three-phase battery cars, a quarter of the AC
 * fleet single-phase (older Leafs, Konas, e-Niros and the plug-in hybrids), a few two-phase cars
 * (VW's 7.2 kW e-Golf and Passat GTE units) and some 22 kW Zoes. Models and on-board chargers are the
 * makers' published figures; the weights are assumptions shaped by the share of single-phase cars
 * (see the README).
 */
export const NORDIC_FLEET: readonly CarModel[] = [
  { model: 'Tesla Model Y', phases: 3, maxA: 16, minA: 6, batteryKwh: 75, weight: 20 },
  { model: 'Tesla Model 3', phases: 3, maxA: 16, minA: 6, batteryKwh: 57, weight: 7 },
  { model: 'VW ID.4', phases: 3, maxA: 16, minA: 6, batteryKwh: 77, weight: 11 },
  { model: 'VW ID.3', phases: 3, maxA: 16, minA: 6, batteryKwh: 58, weight: 6 },
  { model: 'Skoda Enyaq', phases: 3, maxA: 16, minA: 6, batteryKwh: 77, weight: 7 },
  { model: 'Volvo XC40 Recharge', phases: 3, maxA: 16, minA: 6, batteryKwh: 75, weight: 6 },
  { model: 'Polestar 2', phases: 3, maxA: 16, minA: 6, batteryKwh: 75, weight: 4 },
  { model: 'Audi e-tron', phases: 3, maxA: 16, minA: 6, batteryKwh: 86, weight: 3 },
  { model: 'Renault Zoe', phases: 3, maxA: 32, minA: 8, batteryKwh: 52, weight: 3 },
  { model: 'VW e-Golf', phases: 2, maxA: 16, minA: 6, batteryKwh: 32, weight: 3 },
  { model: 'Nissan Leaf', phases: 1, maxA: 32, minA: 6, batteryKwh: 39, weight: 5 },
  { model: 'Hyundai Kona (2019)', phases: 1, maxA: 32, minA: 6, batteryKwh: 64, weight: 3 },
  { model: 'Kia e-Niro (2020)', phases: 1, maxA: 32, minA: 6, batteryKwh: 64, weight: 3 },
  { model: 'VW Passat GTE', phases: 2, maxA: 16, minA: 6, batteryKwh: 11, phev: true, weight: 2 },
  { model: 'Mitsubishi Outlander PHEV', phases: 1, maxA: 16, minA: 6, batteryKwh: 12, phev: true, weight: 4 },
  { model: 'Volvo XC60 T8', phases: 1, maxA: 16, minA: 6, batteryKwh: 15, phev: true, weight: 5 },
  { model: 'Toyota RAV4 PHEV', phases: 1, maxA: 16, minA: 6, batteryKwh: 18, phev: true, weight: 4 },
]

/** Share of a mix's cars that use a single phase (by weight). */
export function singlePhaseShare(mix: readonly CarModel[]): number {
  const total = mix.reduce((sum, m) => sum + m.weight, 0)
  return mix.filter((m) => m.phases === 1).reduce((sum, m) => sum + m.weight, 0) / total
}

/** The reflexes every car has, drawn per car. */
export interface CarReflexRanges {
  /** Seconds from a new pilot to following it; default 1–9. */
  readonly responseDelayS?: readonly [number, number]
  /** Ramp-up rate (A/s); default 1–3. */
  readonly rampUpAps?: readonly [number, number]
  /** Draw under the pilot (A); default 0.3–1. */
  readonly underPilotA?: readonly [number, number]
  /** Share of the need above which the current tapers; default 0.85–0.95. */
  readonly taperFromShare?: readonly [number, number]
}

/**
 * A car of `model` with its own reflexes drawn from `ranges`: delays are whole seconds, rates and
 * offsets rounded to 0.1, so a scenario prints legibly.
 */
export function carOf(
  model: CarModel,
  rng: Rng,
  ranges: CarReflexRanges = {},
  ownTimerFromS?: number,
): ScenarioCar {
  const draw = (r: readonly [number, number]) => Math.round(rng.uniform(r[0], r[1]) * 10) / 10
  const [dMin, dMax] = ranges.responseDelayS ?? OBSERVED_REFLEXES.responseDelayS
  return {
    model: model.model,
    phases: model.phases,
    maxA: model.maxA,
    minA: model.minA,
    responseDelayS: rng.int(dMin, dMax),
    rampUpAps: draw(ranges.rampUpAps ?? OBSERVED_REFLEXES.rampUpAps),
    underPilotA: draw(ranges.underPilotA ?? OBSERVED_REFLEXES.underPilotA),
    batteryWh: model.batteryKwh * 1000,
    taperFromShare: Math.round(rng.uniform(...(ranges.taperFromShare ?? [0.85, 0.95])) * 100) / 100,
    ...(ownTimerFromS === undefined ? {} : { ownTimerFromS }),
  }
}

/** A model drawn from the mix by weight. */
export function pickModel(rng: Rng, mix: readonly CarModel[] = NORDIC_FLEET): CarModel {
  return rng.weighted(mix, (m) => m.weight)
}
