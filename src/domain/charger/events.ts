import type { LiveReadings } from './meter'
import type { ChargingState, ConnectorStatus, RegistrationStatus, StationInfo } from './types'

/**
 * Domain events a charger actor publishes on the bus (subject `csms.evt.charger.<id>.<suffix>`, where
 * the suffix is the part of `type` after `charger.`). Listeners: site actors, session actors, live admin
 * pages, OCPI push. All times are epoch ms; payloads are plain JSON.
 */
export type ChargerEvent =
  | { type: 'charger.connected'; chargerId: string; protocol: string; nodeId: string; at: number }
  | { type: 'charger.disconnected'; chargerId: string; at: number }
  | {
      type: 'charger.booted'
      chargerId: string
      station: StationInfo
      registration: RegistrationStatus
      at: number
    }
  | {
      type: 'charger.statusChanged'
      chargerId: string
      evseId: number
      connectorId: number
      status: ConnectorStatus
      errorCode: string | null
      at: number
    }
  | {
      type: 'charger.transactionStarted'
      chargerId: string
      transactionId: number
      evseId: number
      connectorId: number
      idTag: string | null
      meterStartWh: number | null
      at: number
    }
  | {
      type: 'charger.transactionUpdated'
      chargerId: string
      transactionId: number
      evseId: number
      chargingState: ChargingState
      at: number
    }
  | {
      type: 'charger.chargingNeeds'
      chargerId: string
      evseId: number
      departureAt: number | null
      energyWh: number | null
      maxCurrentA: number | null
      at: number
    }
  | {
      type: 'charger.meterSampled'
      chargerId: string
      evseId: number
      transactionId: number | null
      energyWh: number | null
      readings: LiveReadings
      at: number
    }
  | {
      type: 'charger.transactionEnded'
      chargerId: string
      transactionId: number
      evseId: number
      /** Null when a start or stop reading is missing (the charger sent none): the energy is unknown. */
      energyWh: number | null
      reason: string | null
      at: number
    }
  | {
      type: 'charger.reported'
      chargerId: string
      kind: string
      payload: Record<string, unknown>
      at: number
    }

/** The subject suffix of an event (`charger.statusChanged` → `statusChanged`). */
export function eventSuffix(event: ChargerEvent): string {
  return event.type.slice('charger.'.length)
}
