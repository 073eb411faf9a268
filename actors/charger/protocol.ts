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
import type { TxDisplay } from '@src/services/transaction-display'

/**
 * The connection a charger actor talks through. Implemented by the OCPP session of each protocol
 * version; the actor never sees OCPP.
 */
export interface ChargerLink {
  readonly protocol: string
  /**
   * The order in which this node's connections opened: of two connections of one charger, the one with
   * the higher number is the newer and the one the actor keeps.
   */
  readonly seq: number
  /** Sends a command; `deadline` (clock time) is when its requester stops waiting (never sent after). */
  send(command: WireCommand, deadline: number): Promise<CommandOutcome>
  close(code: number, reason: string): void
}

/** Answer to a boot. */
export interface BootAnswer {
  status: RegistrationStatus
  intervalS: number
  currentTime: number
}

/**
 * Answer to a transaction message: the transaction (our id; OCPP 1.6 uses it as its transactionId) and,
 * when the message presented a token, what the charger is to do with it.
 */
export interface TxAnswer {
  transactionId: number
  idTokenInfo?: IdTokenInfo
  /** What the charger's display is to show (the tariff text on the start, the cost so far after). */
  display?: TxDisplay
}

/** Answer to a charger's data transfer. */
export interface DataTransferAnswer {
  status: 'Accepted' | 'Rejected' | 'UnknownMessageId' | 'UnknownVendorId'
  data?: string
}

/**
 * Where an event sits in its transaction's own sequence (OCPP 2.0.1 seqNo): an event is stored once by
 * it, so a replay is answered again without being applied twice.
 */
export interface EventSeq {
  seqNo: number
  trigger: string
  offline: boolean
}

/**
 * What every transaction message says. `txId` is the transaction's id on the wire: the charger's own
 * (2.0.1) or the one we gave it (1.6); a 1.6 start has none yet, and we assign it. `at` is when it
 * happened by the charger's clock. Samples are every sampled value of the message, attributes kept.
 */
interface TxFacts {
  txId?: string
  /**
   * The CSMS gave the transaction its id (OCPP 1.6): a message for an id we do not know cannot create
   * the transaction (that id may be ours to give later), so it is recorded and answered instead.
   */
  idAssigned?: boolean
  evseId?: number
  connectorId?: number
  idToken?: IdToken
  at: number
  samples: MeterSample[]
  chargingState?: ChargingState
  remoteStartId?: number
  reservationId?: number
  seq?: EventSeq
  reply: Reply<TxAnswer>
}

/**
 * Everything a charger actor handles, one message at a time: what the charger reports (past tense),
 * the connection's life, and operators' commands.
 */
export type ChargerMsg =
  | { type: 'charger.connect'; link: ChargerLink; reply: Reply<{ registration: RegistrationStatus }> }
  | { type: 'charger.disconnect'; link: ChargerLink }
  | { type: 'charger.idle' }
  | { type: 'charger.booted'; station: StationInfo; reply: Reply<BootAnswer> }
  | { type: 'charger.heartbeat'; reply: Reply<{ currentTime: number }> }
  | {
      type: 'charger.statusChanged'
      evseId: number
      connectorId: number
      status: ConnectorStatus
      errorCode?: string
      info?: string
      vendorId?: string
      vendorErrorCode?: string
      at?: number
      reply: Reply<void>
    }
  | { type: 'charger.tokenPresented'; idToken: IdToken; reply: Reply<IdTokenInfo> }
  /** The start reading the start message itself carries (1.6 meterStart), at `at`. */
  | (TxFacts & { type: 'charger.transactionStarted'; meterStartWh?: number })
  | (TxFacts & { type: 'charger.transactionUpdated'; txId: string })
  /**
   * The transaction ended. `meterStopWh` is the stop reading the message carries (1.6 meterStop);
   * every register reading among the samples counts as the transaction's own final reading. An omitted
   * reason is the spec's default, `Local`, set by the adapter.
   */
  | (TxFacts & { type: 'charger.transactionEnded'; txId: string; meterStopWh?: number; reason: string })
  /** Samples outside a transaction message (1.6 MeterValues, 2.0.1 MeterValues). */
  | {
      type: 'charger.meterSampled'
      evseId: number
      txId?: string
      samples: MeterSample[]
      reply: Reply<void>
    }
  | { type: 'charger.deviceReported'; variables: VariableInput[]; reply: Reply<void> }
  | {
      type: 'charger.chargingNeedsReported'
      evseId: number
      departureAt?: number
      energyWh?: number
      minCurrentA?: number
      maxCurrentA?: number
      transferMode: string
      payload: Record<string, unknown>
      reply: Reply<'Accepted' | 'Rejected' | 'Processing'>
    }
  | { type: 'charger.reservationUpdated'; reservationId: number; status: string; reply: Reply<void> }
  | {
      type: 'charger.certificateRequested'
      csr: string
      certificateType?: string
      reply: Reply<'Accepted' | 'Rejected'>
    }
  | {
      type: 'charger.dataTransferred'
      vendorId: string
      messageId?: string
      data?: string
      reply: Reply<DataTransferAnswer>
    }
  | { type: 'charger.reported'; kind: string; payload: Record<string, unknown>; reply: Reply<void> }
  | { type: 'charger.command'; command: ChargerCommand; deadline: number; reply: Reply<CommandOutcome> }

/** The messages about a transaction. */
export type TxMsg = Extract<
  ChargerMsg,
  { type: 'charger.transactionStarted' | 'charger.transactionUpdated' | 'charger.transactionEnded' }
>
