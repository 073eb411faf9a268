import type { ChargerEvent } from '@src/domain/charger/events'
import type { LiveReadings } from '@src/domain/charger/meter'
import type { ChargingState, ConnectorStatus } from '@src/domain/charger/types'
import type { ScenarioVisit } from './types'

/** The protocol and node the simulated chargers claim in `charger.connected`. */
export const SIM_PROTOCOL = 'ocpp1.6'
export const SIM_NODE_ID = 'site-world'

/** OCPP 1.6 connector statuses that tell what a transaction is doing, as the charger actor maps them. */
const chargingStates: Partial<Record<ConnectorStatus, ChargingState>> = {
  Charging: 'Charging',
  SuspendedEV: 'SuspendedEV',
  SuspendedEVSE: 'SuspendedEVSE',
  Preparing: 'EVConnected',
}

/** The transaction's charging state for a connector status, when the status tells one. */
export function chargingStateOf(status: ConnectorStatus): ChargingState | undefined {
  return chargingStates[status]
}

/**
 * What a meter reading says about a car drawing `drawA` on each of its `phases` charger phases: the
 * current per charger phase (0 on the phases it does not use, as real meters report) and the power,
 * at the 0.1 A and 1 W resolution wallbox meters report.
 */
export function meterSample(drawA: number, phases: 1 | 2 | 3, voltageV: number): LiveReadings {
  const a = Math.round(drawA * 10) / 10
  return {
    powerW: Math.round(drawA * phases * voltageV),
    currentA: { L1: a, L2: phases >= 2 ? a : 0, L3: phases === 3 ? a : 0 },
  }
}

/** A started transaction, as the reporter needs it. */
export interface StartedTransaction {
  readonly visit: ScenarioVisit
  readonly transactionId: number
  readonly startRegisterWh: number
  readonly startS: number
}

/**
 * Builds the events a charger actor publishes, in exactly its shapes (see
 * `actors/charger/transaction-news.ts`), stamped in epoch ms from the scenario's second 0. Every
 * charger has one EVSE (1) with one connector (1).
 */
export class ChargerReporter {
  readonly #startAtMs: number

  constructor(startAtMs: number) {
    this.#startAtMs = startAtMs
  }

  /** Epoch ms of scenario second `s` (fractions allowed). */
  atMs(s: number): number {
    return this.#startAtMs + Math.round(s * 1000)
  }

  connected(chargerId: string, s: number): ChargerEvent {
    return {
      type: 'charger.connected',
      chargerId,
      protocol: SIM_PROTOCOL,
      nodeId: SIM_NODE_ID,
      at: this.atMs(s),
    }
  }

  disconnected(chargerId: string, s: number): ChargerEvent {
    return { type: 'charger.disconnected', chargerId, at: this.atMs(s) }
  }

  status(chargerId: string, status: ConnectorStatus, s: number): ChargerEvent {
    return {
      type: 'charger.statusChanged',
      chargerId,
      evseId: 1,
      connectorId: 1,
      status,
      errorCode: null,
      at: this.atMs(s),
    }
  }

  started(chargerId: string, tx: StartedTransaction): ChargerEvent {
    return {
      type: 'charger.transactionStarted',
      chargerId,
      transactionId: tx.transactionId,
      evseId: 1,
      connectorId: 1,
      idTag: tx.visit.id,
      meterStartWh: tx.startRegisterWh,
      at: this.atMs(tx.startS),
    }
  }

  updated(chargerId: string, transactionId: number, chargingState: ChargingState, s: number): ChargerEvent {
    return {
      type: 'charger.transactionUpdated',
      chargerId,
      transactionId,
      evseId: 1,
      chargingState,
      at: this.atMs(s),
    }
  }

  /** ISO 15118 / 2.0.1 charging needs: the energy the car wants, the departure set in it, its range. */
  needs(chargerId: string, visit: ScenarioVisit, s: number): ChargerEvent {
    return {
      type: 'charger.chargingNeeds',
      chargerId,
      evseId: 1,
      departureAt: visit.told.kind === 'told' ? this.atMs(visit.told.atS) : null,
      energyWh: visit.needWh,
      minCurrentA: visit.car.minA,
      maxCurrentA: visit.car.maxA,
      at: this.atMs(s),
    }
  }

  sampled(
    chargerId: string,
    transactionId: number,
    energyWh: number,
    readings: LiveReadings,
    s: number,
  ): ChargerEvent {
    return {
      type: 'charger.meterSampled',
      chargerId,
      evseId: 1,
      transactionId,
      energyWh,
      readings,
      at: this.atMs(s),
    }
  }

  ended(chargerId: string, transactionId: number, energyWh: number, s: number): ChargerEvent {
    return {
      type: 'charger.transactionEnded',
      chargerId,
      transactionId,
      evseId: 1,
      energyWh,
      reason: 'EVDisconnected',
      at: this.atMs(s),
    }
  }
}
