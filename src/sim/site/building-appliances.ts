import type { PerPhase } from '@src/domain/power'
import type { Rng } from '@src/sim/prng'
import type { BuildingSeries } from './building-series'

/** Current per phase of a single-phase load of `amps` on phase `phase` (0, 1, 2). */
export function onPhase(phase: number, amps: number): PerPhase {
  return [phase === 0 ? amps : 0, phase === 1 ? amps : 0, phase === 2 ? amps : 0]
}

/** An appliance that cycles on and off under a thermostat between `fromS` and `toS`. */
export interface Cycling {
  readonly fromS: number
  readonly toS: number
  /** Range of one on-period and one off-period (s). */
  readonly onS: readonly [number, number]
  readonly offS: readonly [number, number]
  readonly amps: PerPhase
}

/**
 * Adds a thermostat-driven appliance (heat pump compressor, sauna heater, garage heater): full current
 * while on, nothing while off, each period drawn from its range, the first off-period shortened at
 * random so machines started together drift apart.
 */
export function addCycling(series: BuildingSeries, rng: Rng, c: Cycling): void {
  let s = c.fromS + rng.uniform(0, c.offS[1])
  while (s < c.toS) {
    const on = rng.uniform(c.onS[0], c.onS[1])
    series.addPulse(s, Math.min(c.toS, s + on), c.amps)
    s += on + rng.uniform(c.offS[0], c.offS[1])
  }
}

/**
 * A washing machine started at `startS`: its heater (about 2 kW, 9 A on one phase) for 10–20 min, then
 * the drum motor (about 1 A) for the rest of a 1–1.5 h programme. A step up of 9 A that drops again.
 */
export function addWash(series: BuildingSeries, rng: Rng, startS: number, phase: number): void {
  const heatS = rng.uniform(600, 1200)
  const restS = rng.uniform(2400, 4200)
  series.addPulse(startS, startS + heatS, onPhase(phase, rng.uniform(8, 10)))
  series.addPulse(startS + heatS, startS + heatS + restS, onPhase(phase, 1))
}

/** A tumble dryer started at `startS`: about 2.3 kW (10 A on one phase) for 45–75 min. */
export function addDry(series: BuildingSeries, rng: Rng, startS: number, phase: number): void {
  series.addPulse(startS, startS + rng.uniform(2700, 4500), onPhase(phase, rng.uniform(9, 11)))
}

/**
 * A block (engine) heater on its timer: 400–1500 W on one phase for the 1–3 h before the car leaves,
 * the way Nordic petrol and diesel cars are kept warm in a shared car park in winter.
 */
export function addBlockHeater(series: BuildingSeries, rng: Rng, departureS: number, phase: number): void {
  const amps = rng.uniform(400, 1500) / 230
  series.addPulse(departureS - rng.uniform(3600, 10_800), departureS, onPhase(phase, amps))
}
