/**
 * A pure model of an electric vehicle on an AC charger: battery, state of charge, on-board charger
 * limits and the taper near a full battery. The simulated charger integrates it between samples, so the
 * energy it reports is what the physics says, however long or short the sampling interval. How the car
 * answers a new pilot (late, ramping, a little under it) is the shared `PilotFollower` (`pilot-follower.ts`).
 */
import { IEC_MIN_PILOT_A, type PilotResponse } from './pilot-follower'

/** IEC 61851: an EVSE may not offer less than 6 A; a lower limit pauses charging. */
export const MIN_CURRENT_A = IEC_MIN_PILOT_A

/** How a car answers a new pilot: after a delay, climbing at a rate, drawing a little under it. */
export interface EvReflexes {
  /** Seconds from a new pilot to the car following it. */
  readonly responseDelayS: number
  /** How fast it climbs to a higher pilot (A/s). */
  readonly rampUpAps: number
  /** How far under the pilot it draws (A). */
  readonly underPilotA: number
}

/** A car that follows every pilot at once and exactly: what an EV without reflexes does. */
export const INSTANT_REFLEXES: EvReflexes = {
  responseDelayS: 0,
  rampUpAps: Number.POSITIVE_INFINITY,
  underPilotA: 0,
}

/** The car's side of the pilot, for a `PilotFollower`. */
export function pilotResponseOf(ev: Ev): PilotResponse {
  return { maxA: ev.maxCurrentA, minA: MIN_CURRENT_A, ...(ev.reflexes ?? INSTANT_REFLEXES) }
}

/** The state of charge at which the current starts to fall, unless an EV says otherwise. */
export const DEFAULT_TAPER_START_SOC = 0.8

/** One EV: fixed properties and its state of charge. Plain data, never mutated here. */
export interface Ev {
  /** A name for reports, e.g. `'VW ID.3'`. */
  readonly model: string
  /** Usable battery capacity. */
  readonly capacityKWh: number
  /** The most current the on-board charger draws per phase (A). */
  readonly maxCurrentA: number
  /** Phases the on-board charger uses. */
  readonly phases: 1 | 3
  /** State of charge, 0..1. */
  readonly soc: number
  /** The car stops charging here (the driver's charge limit), 0..1; default 1. */
  readonly targetSoc?: number
  /** Above this state of charge the current falls linearly; default 0.8. */
  readonly taperStartSoc?: number
  /** The current at 100 %; default a tenth of `maxCurrentA`. */
  readonly taperEndA?: number
  /** How it answers a new pilot; default {@link INSTANT_REFLEXES}. */
  readonly reflexes?: EvReflexes
}

/** What {@link chargeFor} returns. */
export interface ChargeResult {
  /** Energy delivered to the car during the interval (Wh). */
  energyWh: number
  /** State of charge at the end of the interval. */
  soc: number
  /** Current per phase at the end of the interval (A); 0 when full or paused. */
  currentA: number
  /** Phases drawing current. */
  phases: 1 | 2 | 3
}

const taperStart = (ev: Ev) => Math.min(ev.taperStartSoc ?? DEFAULT_TAPER_START_SOC, 0.99)
const taperEnd = (ev: Ev) => Math.min(ev.taperEndA ?? ev.maxCurrentA / 10, ev.maxCurrentA / 2)
const target = (ev: Ev) => Math.min(1, ev.targetSoc ?? 1)

/** True when the car accepts no more energy (its target state of charge is reached). */
export function isFull(ev: Ev, soc = ev.soc): boolean {
  return soc >= target(ev) - 1e-9
}

/** The most the car draws per phase at a state of charge: its maximum, falling above the taper start. */
export function taperLimitA(ev: Ev, soc = ev.soc): number {
  return isFull(ev, soc) ? 0 : taperCurve(ev, soc)
}

/** The taper line itself, ignoring the target: the maximum up to the taper start, then linear. */
function taperCurve(ev: Ev, soc: number): number {
  const start = taperStart(ev)
  if (soc <= start) return ev.maxCurrentA
  return ev.maxCurrentA + (taperEnd(ev) - ev.maxCurrentA) * ((soc - start) / (1 - start))
}

/**
 * The current the car draws per phase: the least of the offered limit, its own maximum and its taper;
 * 0 when the limit is below {@link MIN_CURRENT_A} (charging pauses) or the car is full.
 */
export function drawA(ev: Ev, limitA: number, soc = ev.soc): number {
  if (limitA < MIN_CURRENT_A) return 0
  return Math.min(limitA, taperLimitA(ev, soc))
}

/** Phases drawing current: the car's, at most those the supply offers. */
export function phasesUsed(ev: Ev, supplyPhases: 1 | 2 | 3 = 3): 1 | 2 | 3 {
  return Math.min(ev.phases, supplyPhases) as 1 | 2 | 3
}

/**
 * Charges `ev` for `seconds` at `voltage` (phase to neutral) under a per-phase current limit. Exact
 * (piecewise closed form, no time steps): constant current until the taper bites, then the current
 * decays exponentially towards the taper end, until the target state of charge.
 *
 * @example
 * const ev = { model: 'test', capacityKWh: 60, maxCurrentA: 16, phases: 3, soc: 0.2 } as const
 * chargeFor(ev, 32, 230, 3600) // { energyWh: 11040, soc: 0.384, currentA: 16, phases: 3 }
 */
export function chargeFor(
  ev: Ev,
  limitA: number,
  voltage: number,
  seconds: number,
  supplyPhases: 1 | 2 | 3 = 3,
): ChargeResult {
  const capA = limitA < MIN_CURRENT_A ? 0 : Math.min(limitA, ev.maxCurrentA)
  return chargeAt(ev, capA, voltage, seconds, supplyPhases)
}

/**
 * Charges `ev` for `seconds` with its on-board charger drawing at most `capA` per phase: what it
 * actually draws, with no 6 A floor (a car ramping up from 0 draws 2 A for a moment). The taper and
 * the target still apply, exactly as in {@link chargeFor}.
 */
export function chargeAt(
  ev: Ev,
  capA: number,
  voltage: number,
  seconds: number,
  supplyPhases: 1 | 2 | 3 = 3,
): ChargeResult {
  const phases = phasesUsed(ev, supplyPhases)
  let soc = ev.soc
  let left = Math.max(0, seconds)
  for (let i = 0; i < 3 && left > 0 && capA > 0 && !isFull(ev, soc); i++) {
    const step = segment(ev, soc, capA, voltage * phases, left)
    soc = step.soc
    left -= step.seconds
  }
  const energyWh = Math.max(0, soc - ev.soc) * ev.capacityKWh * 1000
  return { energyWh, soc, currentA: capA > 0 ? Math.min(capA, taperLimitA(ev, soc)) : 0, phases }
}

/** One stretch of constant-current or tapered charging; returns where it ended and how long it took. */
function segment(ev: Ev, soc: number, capA: number, wattsPerA: number, maxSeconds: number) {
  const capacityWh = ev.capacityKWh * 1000
  const end = target(ev)
  const cross = Math.min(end, taperCrossSoc(ev, capA))
  if (soc < cross - 1e-12) {
    const seconds = ((cross - soc) * capacityWh * 3600) / (capA * wattsPerA)
    if (seconds >= maxSeconds)
      return { soc: soc + (capA * wattsPerA * maxSeconds) / (capacityWh * 3600), seconds: maxSeconds }
    return { soc: cross, seconds }
  }
  // Tapered: I(s) = max + m (s - start), dI/dt = m * alpha * I, so I decays exponentially.
  const start = taperStart(ev)
  const m = (taperEnd(ev) - ev.maxCurrentA) / (1 - start)
  const rate = m * (wattsPerA / (capacityWh * 3600))
  const i0 = taperCurve(ev, soc)
  const iEnd = taperCurve(ev, end)
  const seconds = Math.log(iEnd / i0) / rate
  if (!(seconds < maxSeconds)) {
    const i = i0 * Math.exp(rate * maxSeconds)
    return { soc: Math.min(end, start + (i - ev.maxCurrentA) / m), seconds: maxSeconds }
  }
  return { soc: end, seconds: Math.max(seconds, 0) }
}

/** The state of charge where the taper falls below `capA` (constant current up to there). */
function taperCrossSoc(ev: Ev, capA: number): number {
  const start = taperStart(ev)
  const end = taperEnd(ev)
  if (capA <= end) return 1
  if (capA >= ev.maxCurrentA) return start
  return start + ((ev.maxCurrentA - capA) / (ev.maxCurrentA - end)) * (1 - start)
}
