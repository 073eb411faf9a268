import type { ConnectorRow } from '@src/db/repos/chargers'
import type { TransactionRow } from '@src/db/repos/transactions'
import type { TxMeter } from '@src/domain/charger/energy'
import type { RegistrationStatus } from '@src/domain/charger/types'
import { meterOf } from './meter-store'
import type { ChargerLink } from './protocol'

/** A transaction the station is running. */
export interface OpenTx {
  id: number
  wireTxId: string
  evseId: number
  connectorId: number
  idTag: string | null
  startedAt: number
  meter: TxMeter
  chargingState: string | null
  /** OCPP 2.0.1: the highest seqNo stored for it, once looked up (later events skip the lookup). */
  maxSeqNo?: number
}

/** The live state of one charger actor; rebuilt from the database on every (re)start. */
export interface ChargerState {
  registration: RegistrationStatus
  link: ChargerLink | undefined
  connectors: Map<string, ConnectorState>
  /**
   * Counts connections and boots. A connector's status orders later statuses only if it came in the
   * same epoch: after a reconnect or boot the station's clock may have been reset, so its first status
   * is taken as it is.
   */
  epoch: number
  open: Map<string, OpenTx>
  /** Newest fencing token seen per setpoint owner (e.g. a site loop); created when first needed. */
  fences: Map<string, number> | undefined
}

/** What the actor keeps of a connector's status. */
export interface ConnectorState extends Pick<ConnectorRow, 'status' | 'errorCode' | 'statusAt'> {
  /** The epoch its status came in (-1: loaded from the database). */
  epoch: number
}

/** Key of a connector in {@link ChargerState.connectors}. */
export const connectorKey = (evseId: number, connectorId: number) => `${evseId}/${connectorId}`

/** An open transaction row as the actor keeps it. */
export function openTxFromRow(row: TransactionRow): OpenTx {
  return {
    id: row.id,
    wireTxId: row.ocppTxId,
    evseId: row.evseId,
    connectorId: row.connectorId,
    idTag: row.idTag,
    startedAt: row.startedAt,
    meter: meterOf(row),
    chargingState: row.chargingState,
  }
}
