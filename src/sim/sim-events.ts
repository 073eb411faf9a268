import type { RegistrationStatus } from '@src/domain/charger/types'
import type { Ev } from './ev'
import type { SimStatus } from './sim-connector'
import type { DisplayShown } from './sim-display'

/**
 * What a simulated charger reports to its listeners (the fleet, tests, the demo). Times are the
 * simulation clock's epoch ms. Energy is what the charger's own meter counted. `transactionId` is the
 * CSMS's id in 1.6 and the station's running number in 2.0.1; `ocppTransactionId` is the id on the wire.
 */
export type SimChargerEvent =
  | { type: 'connected'; chargerId: string }
  | { type: 'disconnected'; chargerId: string; code: number }
  | { type: 'booted'; chargerId: string; status: RegistrationStatus; intervalS: number }
  | { type: 'statusChanged'; chargerId: string; connectorId: number; status: SimStatus; at: number }
  | { type: 'evPlugged'; chargerId: string; connectorId: number; ev: Ev; byRemoteStart: boolean }
  /** A 2.0.1 station told the CSMS what the car needs (NotifyEVChargingNeeds) and got this answer. */
  | { type: 'needsNotified'; chargerId: string; connectorId: number; status: string }
  | { type: 'authorizationRejected'; chargerId: string; connectorId: number; idTag: string; status: string }
  | {
      type: 'transactionStarted'
      chargerId: string
      connectorId: number
      transactionId: number
      ocppTransactionId: string
      idTag: string
      meterStartWh: number
      at: number
    }
  | {
      type: 'transactionStopped'
      chargerId: string
      connectorId: number
      transactionId: number
      ocppTransactionId: string
      idTag: string
      /** The stop reason as the version names it (1.6 Reason, 2.0.1 stoppedReason). */
      reason: string
      startedAt: number
      meterStartWh: number
      meterStopWh: number
      energyWh: number
      at: number
    }
  | {
      type: 'sampled'
      chargerId: string
      connectorId: number
      transactionId: number | undefined
      currentA: number
      powerW: number
      limitA: number
      registerWh: number
      soc: number | undefined
      at: number
    }
  | { type: 'limitChanged'; chargerId: string; connectorId: number; limitA: number; at: number }
  /** A connector's display was told a cost or a price text by the CSMS: what it shows now. */
  | ({ type: 'displayShown'; chargerId: string; connectorId: number } & DisplayShown)
  | { type: 'callReceived'; chargerId: string; action: string; payload: Record<string, unknown> }
  /** The CSMS answered with a CALLERROR or a payload that breaks the schema, or we built a bad one. */
  | { type: 'protocolError'; chargerId: string; action: string; direction: 'in' | 'out'; detail: string }

/** Receives charger events. */
export type SimChargerListener = (event: SimChargerEvent) => void
