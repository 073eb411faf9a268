/**
 * How a car's on-board charger answers the control pilot: it notices a new pilot only after its
 * response delay, follows a reduction at once then, climbs to a higher one at its ramp rate, draws a
 * little under what it is offered, and does not charge at all below its minimum (IEC 61851 cannot
 * signal less than 6 A). Shared by the site simulator and the OCPP simulator's EV, so both answer a
 * setpoint the way a real car does instead of drawing the new limit in the same instant.
 */

/** IEC 61851: a pilot below 6 A cannot be signalled as a current; the car must not draw. */
export const IEC_MIN_PILOT_A = 6

/** The car's side of the pilot: its limits and its reflexes. */
export interface PilotResponse {
  /** The most it draws per phase (A). */
  readonly maxA: number
  /** Below this pilot (A) it stops drawing. */
  readonly minA: number
  /** Seconds from a new pilot to the car starting to follow it. */
  readonly responseDelayS: number
  /** How fast it climbs to a higher target (A/s); `Infinity` jumps at once. */
  readonly rampUpAps: number
  /** How far under the pilot it draws (A). */
  readonly underPilotA: number
}

/**
 * The ranges real cars' reflexes fall in, as issue 9 observed them in the field (delay 1–9 s, ramp
 * 1–3 A/s) with the under-pilot draw of common on-board chargers: what the simulators draw cars from.
 */
export const OBSERVED_REFLEXES = {
  responseDelayS: [1, 9],
  rampUpAps: [1, 3],
  underPilotA: [0.3, 1],
} as const satisfies Record<string, readonly [number, number]>

interface PendingPilot {
  readonly atS: number
  readonly pilotA: number
}

/**
 * The pilot a car has seen and the current it draws, second by second. Times are seconds on any
 * monotonic scale; {@link PilotFollower.step} must be called with non-decreasing times.
 *
 * @example
 * const f = new PilotFollower({ maxA: 16, minA: 6, responseDelayS: 3, rampUpAps: 2, underPilotA: 0.5 })
 * f.offer(16, 0)
 * f.step(3, 1, 16) // 2: the car saw the pilot at 3 s and climbs 2 A/s
 */
export class PilotFollower {
  readonly #car: PilotResponse
  readonly #pending: PendingPilot[] = []
  #seenA = 0
  #drawA = 0
  #requesting = false
  #steady = true

  constructor(car: PilotResponse) {
    this.#car = car
  }

  /** The charger changes the pilot to `pilotA` at time `atS`; the car sees it `responseDelayS` later. */
  offer(pilotA: number, atS: number): void {
    this.#pending.push({ atS: atS + this.#car.responseDelayS, pilotA })
  }

  /**
   * Advances to time `atS` over `dtS` seconds and returns the current the car draws per phase (A).
   * `capA` is what the car itself allows now (its maximum, its taper, 0 when full or on its timer).
   */
  step(atS: number, dtS: number, capA: number): number {
    while (this.#pending.length > 0 && this.#pending[0]!.atS <= atS)
      this.#seenA = this.#pending.shift()!.pilotA
    const car = this.#car
    this.#requesting = this.#seenA >= Math.max(IEC_MIN_PILOT_A, car.minA) && capA > 0
    const target = this.#requesting ? Math.max(0, Math.min(this.#seenA - car.underPilotA, car.maxA, capA)) : 0
    const instant = car.rampUpAps === Number.POSITIVE_INFINITY
    this.#drawA =
      target > this.#drawA && !instant ? Math.min(target, this.#drawA + car.rampUpAps * dtS) : target
    this.#steady = this.#drawA === target
    return this.#drawA
  }

  /** True when the last step reached its target: the draw holds until the next pilot is seen. */
  get steady(): boolean {
    return this.#steady
  }

  /** When the car will see the next pilot already offered (Infinity if none is on its way). */
  get nextPilotAtS(): number {
    return this.#pending[0]?.atS ?? Number.POSITIVE_INFINITY
  }

  /** The current drawn at the last step (A per phase). */
  get drawA(): number {
    return this.#drawA
  }

  /** The pilot the car has seen so far (A). */
  get seenA(): number {
    return this.#seenA
  }

  /** True while the car asks for energy (IEC 61851 state C): it saw a usable pilot and wants to charge. */
  get requesting(): boolean {
    return this.#requesting
  }
}
