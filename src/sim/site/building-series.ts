import type { PerPhase } from '@src/domain/power'
import type { Rng } from '@src/sim/prng'
import type { ScenarioBuilding } from './types'

/**
 * A building's load at 1 s resolution, per phase, built up from parts: smooth daily profiles, on/off
 * appliances (steps) and noise. Stored as arrays so `at(s)` costs nothing in the hot loop.
 *
 * @example
 * const load = new BuildingSeries(86_400)
 * load.addProfile((s) => [5, 5, 5])
 * load.addPulse(3600, 5400, [0, 9, 0]) // a sauna heater on L2 for half an hour
 * const building = load.building(5)
 */
export class BuildingSeries {
  readonly durationS: number
  readonly #phase: readonly [Float64Array, Float64Array, Float64Array]

  constructor(durationS: number) {
    this.durationS = durationS
    this.#phase = [new Float64Array(durationS), new Float64Array(durationS), new Float64Array(durationS)]
  }

  /** Adds a slowly varying load, evaluated every `stepS` seconds and held in between. */
  addProfile(profile: (s: number) => PerPhase, stepS = 60): void {
    for (let from = 0; from < this.durationS; from += stepS) {
      const a = profile(from)
      const to = Math.min(this.durationS, from + stepS)
      for (let p = 0; p < 3; p++) this.#add(p, from, to, a[p]!)
    }
  }

  /** Adds a load that is on from `fromS` to `toS` (an appliance's step up and down). */
  addPulse(fromS: number, toS: number, amps: PerPhase): void {
    const from = Math.max(0, Math.floor(fromS))
    const to = Math.min(this.durationS, Math.floor(toS))
    for (let p = 0; p < 3; p++) this.#add(p, from, to, amps[p]!)
  }

  /**
   * Adds noise that changes every `stepS` seconds: an independent uniform draw in ±`amplitudeA` per
   * phase, the many small loads nobody models one by one.
   */
  addNoise(rng: Rng, amplitudeA: number, stepS = 30): void {
    for (let from = 0; from < this.durationS; from += stepS) {
      const to = Math.min(this.durationS, from + stepS)
      for (let p = 0; p < 3; p++) this.#add(p, from, to, rng.uniform(-amplitudeA, amplitudeA))
    }
  }

  #add(p: number, from: number, to: number, amps: number): void {
    if (amps === 0) return
    const a = this.#phase[p]!
    for (let s = from; s < to; s++) a[s]! += amps
  }

  /** The current per phase at second `s` (A, never negative). */
  at(s: number): PerPhase {
    const i = Math.min(this.durationS - 1, Math.max(0, Math.floor(s)))
    return [Math.max(0, this.#phase[0][i]!), Math.max(0, this.#phase[1][i]!), Math.max(0, this.#phase[2][i]!)]
  }

  /** The series as a scenario's building, read every `readIntervalS` seconds. */
  building(readIntervalS: number): ScenarioBuilding {
    return { at: (s) => this.at(s), readIntervalS }
  }
}
