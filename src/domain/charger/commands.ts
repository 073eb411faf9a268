import type { ChargingProfile, ProfilePurpose } from './charging-profile'
import type { AuthorizationStatus } from './types'

/**
 * Operator commands to a charger, protocol-neutral. Each version adapter maps a command to its own
 * message (e.g. `remoteStart` is 1.6 RemoteStartTransaction and 2.0.1 RequestStartTransaction), or
 * answers NotSupported when its version has no equivalent.
 */
export type ChargerCommand =
  | { type: 'reset'; kind: 'Soft' | 'Hard'; evseId?: number }
  | { type: 'remoteStart'; idTag: string; evseId?: number; chargingProfile?: ChargingProfile }
  | { type: 'remoteStop'; transactionId: number }
  | { type: 'unlock'; evseId: number; connectorId?: number }
  | { type: 'changeAvailability'; evseId: number; connectorId?: number; operative: boolean }
  | { type: 'getVariables'; variables?: VariableRef[] }
  | { type: 'setVariables'; variables: VariableSetting[] }
  | { type: 'getBaseReport'; reportBase: 'ConfigurationInventory' | 'FullInventory' | 'SummaryInventory' }
  | { type: 'triggerMessage'; message: TriggerableMessage; evseId?: number }
  | { type: 'clearCache' }
  | { type: 'setChargingProfile'; evseId: number; profile: ChargingProfile; fence?: Fence }
  | {
      type: 'clearChargingProfile'
      profileId?: number
      evseId?: number
      purpose?: ProfilePurpose
      stackLevel?: number
    }
  | {
      type: 'getChargingProfiles'
      evseId?: number
      purpose?: ProfilePurpose
      stackLevel?: number
      profileIds?: number[]
    }
  | { type: 'getCompositeSchedule'; evseId: number; durationS: number; rateUnit?: 'A' | 'W' }
  | {
      type: 'getLog'
      logType: 'DiagnosticsLog' | 'SecurityLog'
      location: string
      oldest?: number
      latest?: number
      retries?: number
      retryIntervalS?: number
    }
  | {
      type: 'updateFirmware'
      location: string
      retrieveAt: number
      installAt?: number
      retries?: number
      retryIntervalS?: number
      signingCertificate?: string
      signature?: string
    }
  | { type: 'reserveNow'; evseId?: number; idTag: string; groupIdTag?: string; expiresAt: number }
  | { type: 'cancelReservation'; reservationId: number }
  | { type: 'sendLocalList'; version: number; updateType: 'Full' | 'Differential'; entries: LocalListEntry[] }
  | { type: 'getLocalListVersion' }
  | { type: 'dataTransfer'; vendorId: string; messageId?: string; data?: string }
  /** The running cost of a transaction for the charger's display (2.0.1 CostUpdated); decimal text, incl. VAT. */
  | { type: 'costUpdated'; transactionId: number; totalCost: string }
  | {
      type: 'certificateSigned'
      certificateChain: string
      certificateType?: 'ChargingStationCertificate' | 'V2GCertificate'
    }
  | { type: 'installCertificate'; certificate: string; certificateType: InstallCertificateUse }
  | { type: 'getInstalledCertificateIds'; certificateTypes?: InstallCertificateUse[] }
  | { type: 'deleteCertificate'; hash: CertificateHash }

/**
 * Who sent a setpoint, with their lease's fencing token: a charger ignores setpoints from an owner
 * whose token is older than one it has already seen for the same key (a site loop that lost its lease).
 */
export interface Fence {
  key: string
  token: number
}

/** A device-model variable (2.0.1); for 1.6 the `variable` is the configuration key. */
export interface VariableRef {
  component?: string
  componentInstance?: string
  evseId?: number
  connectorId?: number
  variable: string
  variableInstance?: string
}

/** A variable with the value to set. */
export interface VariableSetting extends VariableRef {
  value: string
}

/** An entry of a local authorisation list. `status` absent in a differential update removes it. */
export interface LocalListEntry {
  idTag: string
  status?: AuthorizationStatus
  expiresAt?: number
  groupId?: string
}

/** Certificate kinds a station can install. */
export type InstallCertificateUse =
  | 'CentralSystemRootCertificate'
  | 'ManufacturerRootCertificate'
  | 'V2GRootCertificate'
  | 'MORootCertificate'

/** Identifies an installed certificate. */
export interface CertificateHash {
  hashAlgorithm: 'SHA256' | 'SHA384' | 'SHA512'
  issuerNameHash: string
  issuerKeyHash: string
  serialNumber: string
}

/** Messages a charger can be asked to send at once (not every version knows every one). */
export type TriggerableMessage =
  | 'BootNotification'
  | 'Heartbeat'
  | 'StatusNotification'
  | 'MeterValues'
  | 'FirmwareStatusNotification'
  | 'DiagnosticsStatusNotification'
  | 'LogStatusNotification'
  | 'TransactionEvent'
  | 'SignChargingStationCertificate'
  | 'SignV2GCertificate'

/**
 * How a command ended. `Accepted`/`Rejected` (and command-specific statuses such as `Scheduled`) come
 * from the charger; `NotSupported` when it or its protocol version cannot do it; `Offline` at once when
 * no node holds its connection; `Timeout` when it did not answer; `Failed` when it answered with an error.
 */
export interface CommandOutcome {
  status: string
  /** The charger's reason or error description, for people. */
  detail?: string
  /** Command-specific result data (e.g. configuration keys, a request id to follow up). */
  data?: Record<string, unknown>
}

/** Outcome helpers for the cases that do not come from the charger. */
export const outcome = {
  offline: (): CommandOutcome => ({ status: 'Offline', detail: 'the charger is not connected' }),
  timeout: (): CommandOutcome => ({ status: 'Timeout', detail: 'the charger did not answer in time' }),
  notSupported: (detail: string): CommandOutcome => ({ status: 'NotSupported', detail }),
  rejected: (detail: string): CommandOutcome => ({ status: 'Rejected', detail }),
}

/**
 * A command as the actor hands it to a version adapter: references resolved to what the wire needs
 * (a transaction's wire id, a reservation id the CSMS allocated).
 */
export type WireCommand =
  | Exclude<
      ChargerCommand,
      | { type: 'remoteStop' }
      | { type: 'reserveNow' }
      | { type: 'setChargingProfile' }
      | { type: 'costUpdated' }
    >
  | { type: 'remoteStop'; transactionId: number; wireTxId: string }
  | { type: 'costUpdated'; transactionId: number; wireTxId: string; totalCost: string }
  | {
      type: 'reserveNow'
      reservationId: number
      evseId?: number
      idTag: string
      groupIdTag?: string
      expiresAt: number
    }
  | { type: 'setChargingProfile'; evseId: number; profile: ChargingProfile; fence?: Fence; wireTxId?: string }
