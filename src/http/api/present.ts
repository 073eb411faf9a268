import type { ChargerRow, ConnectorRow } from '@src/db/repos/chargers'
import type { TokenRow } from '@src/db/repos/tokens'
import type { MeterValueRow, TransactionRow } from '@src/db/repos/transactions'
import { transactionEnergyWh } from '@src/domain/charger/energy'

/** Epoch ms → ISO 8601, null-preserving. */
export const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString()

/** A charger as the API shows it (never its password hash). */
export function chargerJson(c: ChargerRow, connectors?: ConnectorRow[]) {
  return {
    id: c.id,
    organizationId: c.organizationId,
    label: c.label,
    registration: c.registration,
    online: c.online,
    protocol: c.protocol,
    passwordSet: c.passwordHash !== null,
    vendor: c.vendor,
    model: c.model,
    serialNumber: c.serialNumber,
    firmwareVersion: c.firmwareVersion,
    lastBootAt: iso(c.lastBootAt),
    lastSeenAt: iso(c.lastSeenAt),
    createdAt: iso(c.createdAt),
    ...(connectors ? { connectors: connectors.map(connectorJson) } : {}),
  }
}

export function connectorJson(c: ConnectorRow) {
  return {
    evseId: c.evseId,
    connectorId: c.connectorId,
    status: c.status,
    errorCode: c.errorCode,
    info: c.info,
    vendorErrorCode: c.vendorErrorCode,
    since: iso(c.statusAt),
  }
}

export function tokenJson(t: TokenRow) {
  return {
    uid: t.uid,
    organizationId: t.organizationId,
    type: t.type,
    status: t.status,
    expiresAt: iso(t.expiresAt),
    parentUid: t.parentUid,
    label: t.label,
    allowConcurrentTx: t.allowConcurrentTx,
    driverId: t.driverId,
    householdId: t.householdId,
    businessAccountId: t.businessAccountId,
    updatedAt: iso(t.updatedAt),
  }
}

export function transactionJson(t: TransactionRow) {
  return {
    id: t.id,
    organizationId: t.organizationId,
    chargerId: t.chargerId,
    evseId: t.evseId,
    connectorId: t.connectorId,
    idTag: t.idTag,
    startStatus: t.startStatus,
    startedAt: iso(t.startedAt),
    endedAt: iso(t.endedAt),
    meterStartWh: t.meterStartWh,
    meterStopWh: t.meterStopWh,
    energyWh: transactionEnergyWh(t),
    /** What a person should check about its readings (`registerBackwards`, `clockOutsideWindow`). */
    meterFlags: t.meterFlags ? t.meterFlags.split(',') : [],
    chargingState: t.chargingState,
    stopReason: t.stopReason,
    active: t.endedAt === null,
  }
}

export function meterValueJson(m: MeterValueRow) {
  return {
    timestamp: iso(m.sampledAt),
    measurand: m.measurand,
    phase: m.phase,
    unit: m.unit,
    context: m.context,
    location: m.location,
    format: m.format,
    value: m.value,
    raw: m.raw,
  }
}
