import type { Ev, EvReflexes } from './ev'
import { OBSERVED_REFLEXES } from './pilot-follower'
import type { Rng } from './prng'

/** One kind of car in the mix, with its share of arrivals. */
export interface EvModel {
  readonly model: string
  readonly capacityKWh: number
  readonly maxCurrentA: number
  readonly phases: 1 | 3
  /** Relative share of arrivals. */
  readonly weight: number
}

/**
 * A Nordic/European AC-charging mix (2024 registrations, rounded): mostly 11 kW three-phase cars,
 * some 22 kW, a share of single-phase 7.4 kW cars and 3.7 kW plug-in hybrids.
 */
export const DEFAULT_EV_MIX: readonly EvModel[] = [
  { model: 'Tesla Model Y', capacityKWh: 75, maxCurrentA: 16, phases: 3, weight: 20 },
  { model: 'Tesla Model 3', capacityKWh: 57, maxCurrentA: 16, phases: 3, weight: 10 },
  { model: 'VW ID.4', capacityKWh: 77, maxCurrentA: 16, phases: 3, weight: 12 },
  { model: 'VW ID.3', capacityKWh: 58, maxCurrentA: 16, phases: 3, weight: 8 },
  { model: 'Skoda Enyaq', capacityKWh: 77, maxCurrentA: 16, phases: 3, weight: 8 },
  { model: 'Volvo EX30', capacityKWh: 64, maxCurrentA: 16, phases: 3, weight: 7 },
  { model: 'Polestar 2', capacityKWh: 78, maxCurrentA: 16, phases: 3, weight: 5 },
  { model: 'Renault Zoe', capacityKWh: 52, maxCurrentA: 32, phases: 3, weight: 4 },
  { model: 'Audi Q8 e-tron', capacityKWh: 106, maxCurrentA: 32, phases: 3, weight: 3 },
  { model: 'Nissan Leaf', capacityKWh: 39, maxCurrentA: 32, phases: 1, weight: 5 },
  { model: 'Peugeot e-208', capacityKWh: 48, maxCurrentA: 32, phases: 1, weight: 4 },
  { model: 'Hyundai Kona (2019)', capacityKWh: 64, maxCurrentA: 32, phases: 1, weight: 4 },
  { model: 'Mitsubishi Outlander PHEV', capacityKWh: 20, maxCurrentA: 16, phases: 1, weight: 5 },
  { model: 'VW Golf GTE', capacityKWh: 13, maxCurrentA: 16, phases: 1, weight: 5 },
]

/** How arriving cars are drawn. */
export interface ArrivalMix {
  models?: readonly EvModel[]
  /** Mean and spread of the state of charge on arrival; default 0.35 ± 0.15. */
  socMean?: number
  socSd?: number
  /** Share of drivers who set an 80 % charge limit (the rest charge to 100 %); default 0.4. */
  limit80Share?: number
  /**
   * Give each car reflexes (see {@link realisticReflexes}): it answers a new limit 1–9 s late, ramps
   * up at 1–3 A/s and draws 0.3–1 A under it. Off by default: cars then follow every limit at once.
   */
  reflexes?: boolean
}

/** Reflexes drawn from the {@link OBSERVED_REFLEXES} ranges (the site world's cars' come from them too). */
export function realisticReflexes(rng: Rng): EvReflexes {
  const { responseDelayS, rampUpAps, underPilotA } = OBSERVED_REFLEXES
  return {
    responseDelayS: rng.int(...responseDelayS),
    rampUpAps: Math.round(rng.uniform(...rampUpAps) * 10) / 10,
    underPilotA: Math.round(rng.uniform(...underPilotA) * 10) / 10,
  }
}

/**
 * A random arriving car: a model from the mix, a state of charge on arrival (clipped to 5–90 %) and a
 * charge limit of 80 % or 100 %.
 *
 * @example
 * randomEv(new Rng(7)) // { model: 'VW ID.4', capacityKWh: 77, maxCurrentA: 16, phases: 3, soc: 0.31, targetSoc: 1 }
 */
export function randomEv(rng: Rng, mix: ArrivalMix = {}): Ev {
  const m = rng.weighted(mix.models ?? DEFAULT_EV_MIX, (x) => x.weight)
  const soc = Math.min(0.9, Math.max(0.05, rng.normal(mix.socMean ?? 0.35, mix.socSd ?? 0.15)))
  const targetSoc = rng.next() < (mix.limit80Share ?? 0.4) ? Math.max(0.8, soc + 0.05) : 1
  return {
    model: m.model,
    capacityKWh: m.capacityKWh,
    maxCurrentA: m.maxCurrentA,
    phases: m.phases,
    soc,
    targetSoc,
    ...(mix.reflexes ? { reflexes: realisticReflexes(rng) } : {}),
  }
}
