import type { RegistrationStatus } from '@src/domain/charger/types'
import type { Reason } from '@src/ocpp/v16/generated/messages'
import type { Ev } from './ev'
import type { SimStatus } from './sim-connector'

/**
 * What a simulated charger reports to its listeners (the fleet, tests, the demo). Times are the
 * simulation clock's epoch ms. Energy is what the charger's own meter counted.
 */
export type SimChargerEvent =
  | { type: 'connected'; chargerId: string }
  | { type: 'disconnected'; chargerId: string; code: number }
  | { type: 'booted'; chargerId: string; status: RegistrationStatus; intervalS: number }
  | { type: 'statusChanged'; chargerId: string; connectorId: number; status: SimStatus; at: number }
  | { type: 'evPlugged'; chargerId: string; connectorId: number; ev: Ev; byRemoteStart: boolean }
  | { type: 'authorizationRejected'; chargerId: string; connectorId: number; idTag: string; status: string }
  | {
      type: 'transactionStarted'
      chargerId: string
      connectorId: number
      transactionId: number
      idTag: string
      meterStartWh: number
      at: number
    }
  | {
      type: 'transactionStopped'
      chargerId: string
      connectorId: number
      transactionId: number
      idTag: string
      reason: Reason
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
  | { type: 'callReceived'; chargerId: string; action: string; payload: Record<string, unknown> }
  /** The CSMS answered with a CALLERROR or a payload that breaks the schema, or we built a bad one. */
  | { type: 'protocolError'; chargerId: string; action: string; direction: 'in' | 'out'; detail: string }

/** Receives charger events. */
export type SimChargerListener = (event: SimChargerEvent) => void
