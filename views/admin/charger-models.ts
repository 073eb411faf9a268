/**
 * What the charger pages show of a charger, as view models. The http layer builds them from database
 * rows (`src/http/admin/view-models.ts`), so a column added to a table never reaches a page by
 * accident: a charger's password hash stays in the database layer, the page learns only whether one
 * is set.
 */

/** A charger as its own page shows it. */
export interface ChargerView {
  id: string
  label: string | null
  /** As answered to BootNotification: Accepted, Pending or Rejected. */
  registration: string
  online: boolean
  protocol: string | null
  vendor: string | null
  model: string | null
  serialNumber: string | null
  firmwareVersion: string | null
  lastBootAt: number | null
  lastSeenAt: number | null
  /** True when the charger must sign in with HTTP Basic; the hash itself is never shown. */
  hasPassword: boolean
}

/** A charger as one row of the chargers list shows it. */
export type ChargerSummary = Pick<
  ChargerView,
  'id' | 'label' | 'online' | 'vendor' | 'model' | 'protocol' | 'lastSeenAt'
>

/** What the settings form of a charger edits. */
export type ChargerSettingsView = Pick<ChargerView, 'id' | 'label' | 'registration'>

/** A connector's live status. EVSE 0 stands for the whole station. */
export interface ConnectorView {
  evseId: number
  connectorId: number
  status: string
  errorCode: string | null
  info: string | null
  vendorErrorCode: string | null
  /** When the charger says the status began. */
  statusAt: number
}

/** A reservation made with ReserveNow. */
export interface ReservationView {
  /** The id on the wire, which CancelReservation names. */
  id: number
  /** Null: any EVSE of the charger. */
  evseId: number | null
  idTag: string
  expiresAt: number
  status: string
}

/** One device-model attribute (2.0.1) or configuration key (1.6). */
export interface DeviceVariableView {
  component: string
  componentInstance: string
  /** -1: not tied to an EVSE. */
  evseId: number
  variable: string
  variableInstance: string
  attributeType: string
  value: string | null
  mutability: string | null
  updatedAt: number
}

/** What an EV told of its needs (2.0.1 NotifyEVChargingNeeds). */
export interface ChargingNeedView {
  evseId: number
  energyWh: number | null
  departureAt: number | null
  transferMode: string
}
