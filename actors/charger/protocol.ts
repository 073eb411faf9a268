import type { Reply } from '@actors/runtime/types'
import type { VariableInput } from '@src/db/repos/device'
import type { ChargerCommand, CommandOutcome, WireCommand } from '@src/domain/charger/commands'
import type {
  ChargingState,
  ConnectorStatus,
  IdToken,
  IdTokenInfo,
  MeterSample,
  RegistrationStatus,
  StationInfo,
} from '@src/domain/charger/types'

/**
 * The connection a charger actor talks through. Implemented by the OCPP gateway for each protocol
 * version; the actor never sees OCPP.
 */
export interface ChargerLink {
  readonly protocol: string
  send(command: WireCommand): Promise<CommandOutcome>
  close(code: number, reason: string): void
}

/** Answer to a boot. */
export interface BootAnswer {
  status: RegistrationStatus
  intervalS: number
  currentTime: number
}

/** Answer to a transaction start. */
export interface StartAnswer {
  transactionId: number
  idTokenInfo: IdTokenInfo
}

/** Answer to a charger's data transfer. */
export interface DataTransferAnswer {
  status: 'Accepted' | 'Rejected' | 'UnknownMessageId' | 'UnknownVendorId'
  data?: string
}

/** Everything a charger actor handles, one message at a time. */
export type ChargerMsg =
  | { type: 'charger.connect'; link: ChargerLink; reply: Reply<{ registration: RegistrationStatus }> }
  | { type: 'charger.disconnect'; link: ChargerLink }
  | { type: 'charger.idle' }
  | { type: 'charger.boot'; station: StationInfo; reply: Reply<BootAnswer> }
  | { type: 'charger.heartbeat'; reply: Reply<{ currentTime: number }> }
  | {
      type: 'charger.statusNotification'
      evseId: number
      connectorId: number
      status: ConnectorStatus
      errorCode?: string
      info?: string
      vendorId?: string
      vendorErrorCode?: string
      timestamp?: number
      reply: Reply<void>
    }
  | { type: 'charger.authorize'; idToken: IdToken; reply: Reply<IdTokenInfo> }
  | {
      type: 'charger.startTransaction'
      evseId: number
      connectorId: number
      idToken: IdToken
      meterStartWh: number
      timestamp: number
      reservationId?: number
      reply: Reply<StartAnswer>
    }
  | {
      type: 'charger.meterValues'
      evseId: number
      wireTxId?: string
      samples: MeterSample[]
      reply: Reply<void>
    }
  | {
      type: 'charger.stopTransaction'
      wireTxId: string
      idToken?: IdToken
      meterStopWh: number
      timestamp: number
      reason?: string
      samples: MeterSample[]
      reply: Reply<{ idTokenInfo?: IdTokenInfo }>
    }
  | {
      type: 'charger.transactionEvent'
      eventType: 'Started' | 'Updated' | 'Ended'
      wireTxId: string
      seqNo: number
      timestamp: number
      triggerReason: string
      offline: boolean
      evseId?: number
      connectorId?: number
      idToken?: IdToken
      samples: MeterSample[]
      chargingState?: ChargingState
      stoppedReason?: string
      remoteStartId?: number
      reservationId?: number
      reply: Reply<{ idTokenInfo?: IdTokenInfo }>
    }
  | { type: 'charger.deviceModel'; variables: VariableInput[]; reply: Reply<void> }
  | {
      type: 'charger.chargingNeeds'
      evseId: number
      departureAt?: number
      energyWh?: number
      minCurrentA?: number
      maxCurrentA?: number
      transferMode: string
      payload: Record<string, unknown>
      reply: Reply<'Accepted' | 'Rejected' | 'Processing'>
    }
  | { type: 'charger.reservationStatus'; reservationId: number; status: string; reply: Reply<void> }
  | {
      type: 'charger.certificateRequest'
      csr: string
      certificateType?: string
      reply: Reply<'Accepted' | 'Rejected'>
    }
  | {
      type: 'charger.dataTransfer'
      vendorId: string
      messageId?: string
      data?: string
      reply: Reply<DataTransferAnswer>
    }
  | { type: 'charger.report'; kind: string; payload: Record<string, unknown>; reply: Reply<void> }
  | { type: 'charger.command'; command: ChargerCommand; reply: Reply<CommandOutcome> }
