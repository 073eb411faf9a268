import { PilotFollower } from '@src/sim/pilot-follower'
import type { ScenarioCar } from './types'

/** A car within this much of its need is full (float sums of per-second energy never land exactly). */
const FULL_TOLERANCE_WH = 1e-6

/**
 * The most the car allows itself per phase (A) when `deliveredWh` of `needWh` is in: its maximum up to
 * `taperFromShare` of the need, then falling linearly, never under its minimum until it is full; 0 when
 * full. A proxy for the constant-voltage phase near the charge limit.
 */
export function taperCapA(car: ScenarioCar, deliveredWh: number, needWh: number): number {
  if (deliveredWh >= needWh - FULL_TOLERANCE_WH) return 0
  const share = needWh > 0 ? deliveredWh / needWh : 1
  if (share <= car.taperFromShare) return car.maxA
  const left = (1 - share) / (1 - car.taperFromShare)
  return Math.max(car.minA, car.maxA * left)
}

/**
 * One car plugged in: its pilot reflexes ({@link PilotFollower}), its own timer, its taper and the
 * energy it has taken. The car never takes more than its need: the last second draws only what is left.
 */
export class CarSession {
  readonly #car: ScenarioCar
  readonly #needWh: number
  readonly #whPerAmpSecond: number
  readonly #follower: PilotFollower
  readonly #phases: 1 | 2 | 3
  #deliveredWh = 0
  #drawA = 0

  /** `phases`: those it draws on, the car's own at most those the charger is wired with. */
  constructor(car: ScenarioCar, needWh: number, voltageV: number, phases: 1 | 2 | 3) {
    this.#car = car
    this.#needWh = needWh
    this.#phases = phases
    this.#whPerAmpSecond = (voltageV * phases) / 3600
    this.#follower = new PilotFollower(car)
  }

  /** The charger changes the pilot at second `s`. */
  offer(pilotA: number, s: number): void {
    this.#follower.offer(pilotA, s)
  }

  /** Plays second `s` (1 s long) and returns the current drawn per car phase (A). */
  step(s: number): number {
    const timerWaits = this.#car.ownTimerFromS !== undefined && s < this.#car.ownTimerFromS
    const cap = timerWaits ? 0 : taperCapA(this.#car, this.#deliveredWh, this.#needWh)
    const physical = this.#follower.step(s, 1, cap)
    const leftA = (this.#needWh - this.#deliveredWh) / this.#whPerAmpSecond
    this.#drawA = Math.max(0, Math.min(physical, leftA))
    this.#deliveredWh += this.#drawA * this.#whPerAmpSecond
    return this.#drawA
  }

  /** Current per car phase in the last second played (A). */
  get drawA(): number {
    return this.#drawA
  }

  get phases(): 1 | 2 | 3 {
    return this.#phases
  }

  get deliveredWh(): number {
    return this.#deliveredWh
  }

  /** True while the car asks for energy (state C). */
  get requesting(): boolean {
    return this.#follower.requesting
  }
}
