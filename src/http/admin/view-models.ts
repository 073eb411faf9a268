import type { ChargerRow, ConnectorRow } from '@src/db/repos/chargers'
import type { ChargingNeedsRow, DeviceVariableRow, ReservationRow } from '@src/db/repos/device'
import type { TokenRow } from '@src/db/repos/tokens'
import type { MeterValueRow, TransactionRow } from '@src/db/repos/transactions'
import { transactionEnergyWh } from '@src/domain/charger/energy'
import type { EventItem } from '@views/admin/charger'
import type {
  ChargerSettingsView,
  ChargerSummary,
  ChargerView,
  ChargingNeedView,
  ConnectorView,
  DeviceVariableView,
  ReservationView,
} from '@views/admin/charger-models'
import type { TokenView } from '@views/admin/tokens'
import type { MeterValueView, TransactionDetailView, TransactionView } from '@views/admin/transaction-models'

/*
 * Database rows → the view models the admin pages render. Every field is copied by name, so a column
 * that holds a secret (a charger's password hash, a driver page's token) or that a page does not show
 * never reaches the view layer, whatever the table gains later.
 */

/** A charger for its own page: whether a password is set, never its hash. */
export function chargerView(c: ChargerRow): ChargerView {
  return {
    id: c.id,
    label: c.label,
    registration: c.registration,
    online: c.online,
    protocol: c.protocol,
    vendor: c.vendor,
    model: c.model,
    serialNumber: c.serialNumber,
    firmwareVersion: c.firmwareVersion,
    lastBootAt: c.lastBootAt,
    lastSeenAt: c.lastSeenAt,
    hasPassword: c.passwordHash !== null,
  }
}

/** A charger for one row of the chargers list. */
export function chargerSummary(c: ChargerRow): ChargerSummary {
  return {
    id: c.id,
    label: c.label,
    online: c.online,
    vendor: c.vendor,
    model: c.model,
    protocol: c.protocol,
    lastSeenAt: c.lastSeenAt,
  }
}

/** What the settings form edits. */
export function chargerSettings(c: ChargerRow): ChargerSettingsView {
  return { id: c.id, label: c.label, registration: c.registration }
}

/** A connector's live status. */
export function connectorView(k: ConnectorRow): ConnectorView {
  return {
    evseId: k.evseId,
    connectorId: k.connectorId,
    status: k.status,
    errorCode: k.errorCode,
    info: k.info,
    vendorErrorCode: k.vendorErrorCode,
    statusAt: k.statusAt,
  }
}

/** A charger's log entry: when, what, and the payload it reported. */
export function eventItem(e: { at: number; kind: string; payload: unknown }): EventItem {
  return { at: e.at, kind: e.kind, payload: e.payload }
}

/** A reservation. */
export function reservationView(r: ReservationRow): ReservationView {
  return { id: r.id, evseId: r.evseId, idTag: r.idTag, expiresAt: r.expiresAt, status: r.status }
}

/** A device-model attribute or configuration key. */
export function variableView(v: DeviceVariableRow): DeviceVariableView {
  return {
    component: v.component,
    componentInstance: v.componentInstance,
    evseId: v.evseId,
    variable: v.variable,
    variableInstance: v.variableInstance,
    attributeType: v.attributeType,
    value: v.value,
    mutability: v.mutability,
    updatedAt: v.updatedAt,
  }
}

/** An EV's charging needs. */
export function needView(n: ChargingNeedsRow): ChargingNeedView {
  return { evseId: n.evseId, energyWh: n.energyWh, departureAt: n.departureAt, transferMode: n.transferMode }
}

/** A transaction for a table row, its energy decided by the domain's rule. */
export function transactionView(t: TransactionRow): TransactionView {
  return {
    id: t.id,
    chargerId: t.chargerId,
    evseId: t.evseId,
    idTag: t.idTag,
    startedAt: t.startedAt,
    endedAt: t.endedAt,
    energyWh: transactionEnergyWh(t),
    stopReason: t.stopReason,
  }
}

/** A transaction for its own page. */
export function transactionDetail(t: TransactionRow): TransactionDetailView {
  return {
    ...transactionView(t),
    startStatus: t.startStatus,
    meterStartWh: t.meterStartWh,
    meterEndWh: t.meterStopWh ?? t.lastMeterWh,
  }
}

/** A sampled value. */
export function meterValueView(m: MeterValueRow): MeterValueView {
  return {
    sampledAt: m.sampledAt,
    transactionId: m.transactionId,
    measurand: m.measurand,
    phase: m.phase,
    raw: m.raw,
    unit: m.unit,
    context: m.context,
    location: m.location,
  }
}

/** A token for the tokens list. */
export function tokenView(t: TokenRow): TokenView {
  return {
    uid: t.uid,
    type: t.type,
    status: t.status,
    expiresAt: t.expiresAt,
    parentUid: t.parentUid,
    label: t.label,
  }
}
