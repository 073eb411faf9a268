import type { TimerHandle } from '@src/lib/clock'
import type { Context } from '@src/ocpp/v16/generated/messages'
import type {
  BootReasonEnumType,
  ChargingStateEnumType,
  ConnectorStatusEnumType,
  IdTokenInfoType,
  IdTokenType,
  InstallCertificateUseEnumType,
  MeterValueType,
  ReasonEnumType,
  RequestMap,
  ResponseMap,
  TransactionEventEnumType,
  TransactionEventRequest,
  TriggerReasonEnumType,
} from '@src/ocpp/v201/generated/messages'
import type { MeterReading } from '../meter-samples'
import type { SimConnector, SimStatus, SimTx } from '../sim-connector'
import type { SimLink } from '../sim-link'
import type { Sent } from '../sim-link-types'
import { iso, type SimStation, type StationWire } from '../sim-station'
import type { SimDeviceModel } from './device-model'
import { meterValue201 } from './meter'

/** The 2.0.1 link: typed with the 2.0.1 messages. */
export type Link201 = SimLink<RequestMap, ResponseMap>

/** OCPP 2.0.1: a device model and the 2.0.1 link. */
export interface Kind201 {
  config: SimDeviceModel
  link: Link201
}

/** A reservation the CSMS made (ReserveNow). */
export interface Reservation201 {
  id: number
  evseId: number
  idToken: string
  expiresAt: number
  timer: TimerHandle
}

/** An installed certificate (InstallCertificate), with the hash data that names it. */
export interface Certificate201 {
  certificateType: InstallCertificateUseEnumType
  pem: string
  hash: { hashAlgorithm: 'SHA256'; issuerNameHash: string; issuerKeyHash: string; serialNumber: string }
}

/** What one TransactionEvent says besides its transaction and connector. */
export interface TxEventInput {
  eventType: TransactionEventEnumType
  triggerReason: TriggerReasonEnumType
  at: number
  chargingState?: ChargingStateEnumType
  stoppedReason?: ReasonEnumType
  idToken?: IdTokenType
  meterValue?: MeterValueType[]
  remoteStartId?: number
  reservationId?: number
}

const CHARGING: Partial<Record<SimStatus, ChargingStateEnumType>> = {
  Charging: 'Charging',
  SuspendedEV: 'SuspendedEV',
  SuspendedEVSE: 'SuspendedEVSE',
  Preparing: 'EVConnected',
}

/**
 * The 2.0.1 side of a simulated station: its TransactionEvent sequence numbers, what it last reported
 * per EVSE, reservations, local list and certificates. As the station's wire it turns statuses into
 * StatusNotification (Available/Occupied/Reserved/Unavailable) and charging-state changes and periodic
 * samples into TransactionEvent Updated.
 */
export class Sim201 implements StationWire {
  /** Next TransactionEvent seqNo; it counts every event of the station. */
  seqNo = 0
  bootReason: BootReasonEnumType = 'PowerUp'
  /** Reset(OnIdle) arrived during a transaction: the station restarts once none runs. */
  resetPending = false
  readonly reservations = new Map<number, Reservation201>()
  readonly localList = { version: 0, entries: new Map<string, IdTokenInfoType>() }
  readonly certificates: Certificate201[] = []
  #txCounter = 0
  readonly #reported = new Map<
    number,
    { status?: ConnectorStatusEnumType; charging?: ChargingStateEnumType }
  >()

  constructor(readonly st: SimStation<Kind201>) {}

  /** The device model. */
  get dm(): SimDeviceModel {
    return this.st.config
  }

  /** A new transaction's running number (the station's own; the wire id is a UUID). */
  nextTxId(): number {
    return ++this.#txCounter
  }

  /** Restarts the station now (RemoteReset): the socket closes, it reconnects and boots after `downMs`. */
  restart(downMs: number): Promise<void> {
    this.resetPending = false
    this.bootReason = 'RemoteReset'
    return this.st.link.reboot(downMs)
  }

  /** The reservation on an EVSE, if any. */
  reservationOn(evseId: number): Reservation201 | undefined {
    return [...this.reservations.values()].find((r) => r.evseId === evseId)
  }

  /** Remembers the charging state a Started event carried, so only changes are reported. */
  markCharging(c: SimConnector, state: ChargingStateEnumType | undefined): void {
    this.#slot(c).charging = state
  }

  connectorStatus(c: SimConnector, status: SimStatus, at: number, force: boolean): void {
    const slot = this.#slot(c)
    const cs = this.#status201(c, status)
    if (force || cs !== slot.status) {
      slot.status = cs
      void this.st.link.send('StatusNotification', {
        timestamp: iso(at),
        connectorStatus: cs,
        evseId: c.id,
        connectorId: 1,
      })
      this.dm.update({ component: 'EVSE', evseId: c.id, variable: 'AvailabilityState' }, cs)
      this.dm.update(
        { component: 'Connector', evseId: c.id, connectorId: 1, variable: 'AvailabilityState' },
        cs,
      )
    }
    const charging = CHARGING[status]
    if (c.tx?.ocppId && charging && charging !== slot.charging) {
      slot.charging = charging
      void this.txEvent(c, c.tx, {
        eventType: 'Updated',
        triggerReason: 'ChargingStateChanged',
        chargingState: charging,
        at,
      })
    }
  }

  stationStatus(status: SimStatus): void {
    this.dm.update(
      { component: 'ChargingStation', variable: 'AvailabilityState' },
      status === 'Unavailable' ? 'Unavailable' : 'Available',
    )
  }

  meter(c: SimConnector, context: Context, reading: MeterReading, at: number): void {
    const meterValue = [meterValue201(at, reading, context)]
    if (c.tx?.ocppId && context !== 'Trigger') {
      void this.txEvent(c, c.tx, {
        eventType: 'Updated',
        triggerReason: 'MeterValuePeriodic',
        meterValue,
        at,
      })
    } else {
      void this.st.link.send('MeterValues', { evseId: c.id, meterValue })
    }
  }

  /**
   * Sends a TransactionEvent. It is durable: queued while the connection is down and sent in order
   * afterwards, marked `offline` when it happened while offline.
   */
  txEvent(c: SimConnector, tx: SimTx, e: TxEventInput): Promise<Sent<ResponseMap['TransactionEvent']>> {
    const req: TransactionEventRequest = {
      eventType: e.eventType,
      timestamp: iso(e.at),
      triggerReason: e.triggerReason,
      seqNo: this.seqNo++,
      transactionInfo: {
        transactionId: tx.ocppId ?? String(tx.id),
        ...(e.chargingState ? { chargingState: e.chargingState } : {}),
        ...(e.stoppedReason ? { stoppedReason: e.stoppedReason } : {}),
        ...(e.remoteStartId === undefined ? {} : { remoteStartId: e.remoteStartId }),
      },
      evse: { id: c.id, connectorId: 1 },
      ...(e.idToken ? { idToken: e.idToken } : {}),
      ...(e.meterValue ? { meterValue: e.meterValue } : {}),
      ...(e.reservationId === undefined ? {} : { reservationId: e.reservationId }),
      ...(this.st.link.online ? {} : { offline: true }),
    }
    const sent = this.st.link.send('TransactionEvent', req, true)
    void sent.then((answer) => {
      if (answer.ok) this.#show(c, e.eventType, answer.payload, e.at)
    })
    return sent
  }

  /** What the answer tells the display: the tariff text (updatedPersonalMessage) and the cost (totalCost). */
  #show(c: SimConnector, eventType: string, r: ResponseMap['TransactionEvent'], at: number): void {
    const text = r.updatedPersonalMessage?.content
    if (text === undefined && r.totalCost === undefined) return
    this.st.showOnDisplay(c.id, {
      ...(text === undefined ? {} : { text }),
      ...(r.totalCost === undefined ? {} : { cost: r.totalCost }),
      final: eventType === 'Ended',
      source: 'TransactionEvent',
      at,
    })
  }

  #status201(c: SimConnector, status: SimStatus): ConnectorStatusEnumType {
    if (status === 'Unavailable' || status === 'Faulted') return status
    if (status !== 'Available') return 'Occupied'
    return this.reservationOn(c.id) ? 'Reserved' : 'Available'
  }

  #slot(c: SimConnector) {
    let slot = this.#reported.get(c.id)
    if (!slot) {
      slot = {}
      this.#reported.set(c.id, slot)
    }
    return slot
  }
}
