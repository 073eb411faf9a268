/**
 * The protocol-neutral language of chargers. Version adapters (OCPP 1.6, 2.0.1) translate to and from
 * it; smart charging, billing and roaming only ever see these types.
 */

/** Registration as answered to a boot. */
export type RegistrationStatus = 'Accepted' | 'Pending' | 'Rejected'

/**
 * Connector status. 1.6 reports the charging phases (Preparing, Charging, Suspended*, Finishing);
 * 2.0.1 reports Occupied and leaves the phase to transaction events.
 */
export type ConnectorStatus =
  | 'Available'
  | 'Preparing'
  | 'Charging'
  | 'SuspendedEVSE'
  | 'SuspendedEV'
  | 'Finishing'
  | 'Occupied'
  | 'Reserved'
  | 'Unavailable'
  | 'Faulted'

/** What a connector with a transaction is doing (2.0.1 chargingState; 1.6 derives it from its status). */
export type ChargingState = 'Charging' | 'EVConnected' | 'SuspendedEV' | 'SuspendedEVSE' | 'Idle'

/** Outcome of authorising an id token (the union of 1.6 and 2.0.1 statuses). */
export type AuthorizationStatus =
  | 'Accepted'
  | 'Blocked'
  | 'Expired'
  | 'Invalid'
  | 'ConcurrentTx'
  | 'Unknown'
  | 'NoCredit'
  | 'NotAllowedTypeEVSE'
  | 'NotAtThisLocation'
  | 'NotAtThisTime'

/** What a charger learns about a token. `groupId` is 1.6's parentIdTag. Times are epoch ms. */
export interface IdTokenInfo {
  status: AuthorizationStatus
  expiresAt?: number
  groupId?: string
}

/** A token as presented at a charger. `type` is absent in 1.6 (an idTag has none). */
export interface IdToken {
  id: string
  type?: string
}

/** Where a connector is: 1.6 connector N is EVSE N / connector 1; connector 0 is the whole station. */
export interface ConnectorRef {
  evseId: number
  connectorId: number
}

/** One sampled value, every attribute kept; `value` is the number when the raw text is one. */
export interface MeterSample {
  timestamp: number
  measurand: string
  phase?: string
  unit?: string
  context?: string
  location?: string
  format?: string
  value: number | undefined
  raw: string
}

/** What a station says about itself at boot. */
export interface StationInfo {
  vendor: string
  model: string
  serialNumber?: string
  firmwareVersion?: string
  iccid?: string
  imsi?: string
  meterType?: string
  meterSerialNumber?: string
}

/** The default measurand when a sample names none (OCPP: the active import energy register). */
export const DEFAULT_MEASURAND = 'Energy.Active.Import.Register'
