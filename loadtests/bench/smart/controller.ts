/**
 * The interface every controller of the closed-loop benchmark answers to, and the view it decides on.
 * The view holds only what a live CSMS knows at that moment — configuration, transactions, the last
 * meter value and status of each, the last building reading — and nothing of the scenario's future
 * or of the world's physics, so a baseline cannot do better than a real one could.
 */
import type { ChargingState } from '../../../src/domain/charger/types'
import type { GridPhase } from '../../../src/domain/power/site'
import type { BuildingReading, ScenarioFuse } from '../../../src/sim/site/types'

/** A charger as the CSMS has it configured (its latency, meter interval and faults are the world's). */
export interface ControllerCharger {
  readonly id: string
  /** Rating per phase (A). */
  readonly maxA: number
  /** Grid phase of each charger phase. */
  readonly wiring: readonly GridPhase[]
}

/** The site as configured: the fuse tree (main first) and its chargers. */
export interface ControllerSite {
  readonly voltageV: number
  readonly main: ScenarioFuse
  readonly chargers: readonly ControllerCharger[]
}

/** The last meter value a charger sent for a transaction. */
export interface MeterReading {
  /** Current per charger phase (A): index k is charger phase k + 1, on grid phase `wiring[k]`. */
  readonly currentA: readonly number[]
  /** The energy register (Wh), when the charger sent it. */
  readonly energyWh: number | null
  /** Epoch ms. */
  readonly at: number
}

/** What an ISO 15118 / OCPP 2.0.1 car told about itself, when it did. */
export interface ChargingNeeds {
  readonly departureAt: number | null
  readonly energyWh: number | null
  readonly maxCurrentA: number | null
}

/** An open transaction on a charger (one per single-EVSE charger). */
export interface ControllerSession {
  readonly chargerId: string
  readonly transactionId: number
  /** Epoch ms of the transaction start: the arrival order baselines rank by. */
  readonly startedAt: number
  /** The last charging state the charger reported; null before the first. */
  readonly chargingState: ChargingState | null
  /** The last meter value of this transaction; null before the first. */
  readonly meter: MeterReading | null
  /** The departure the driver gave (epoch ms), null when none. */
  readonly departureAt: number | null
  readonly needs: ChargingNeeds | null
  /** The phases the car is known to use (told, or learnt from its meter values); absent when unknown. */
  readonly evPhases?: 1 | 2 | 3
}

/** Everything a controller may look at on a tick. */
export interface ControllerView {
  readonly site: ControllerSite
  readonly sessions: readonly ControllerSession[]
  /** The last building meter reading, null before the first. */
  readonly building: BuildingReading | null
}

/**
 * A controller of the closed-loop benchmark: asked every tick for a limit per charger (A per phase).
 * A charger missing from the answer gets no setpoint and keeps the limit it has, so a controller that
 * answers an empty map leaves every car at its charger's maximum.
 *
 * @example
 * for (const [chargerId, limitA] of controller.limits(view, now)) world.setpoint(chargerId, limitA)
 */
export interface Controller {
  readonly name: string
  limits(view: ControllerView, now: number): Map<string, number>
}
