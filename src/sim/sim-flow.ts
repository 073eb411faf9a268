import type { Reason } from '@src/ocpp/v16/generated/messages'
import type { Ev } from './ev'
import type { SimConfiguration } from './sim-config'
import type { SimConnector } from './sim-connector'
import type { LinkControl } from './sim-link-types'
import type { SimStation, StationKind } from './sim-station'
import type { SimDeviceModel } from './v201/device-model'

/** How a start attempt ended: charging, or refused (the CSMS's authorisation status, or why not). */
export type StartOutcome =
  | {
      status: 'Accepted'
      /** 1.6: the CSMS's transaction id; 2.0.1: the station's own running number. */
      transactionId: number
      /** The id on the wire: 1.6 the CSMS's number as text, 2.0.1 the station's UUID. */
      ocppTransactionId: string
    }
  | { status: 'Rejected'; reason: string; transactionId?: number }

/** What a car that talks to the charger (ISO 15118) tells about its plans when it plugs in. */
export interface PlugInOptions {
  /** When the driver leaves (epoch ms, simulation time). */
  departureAt?: number
  /** Energy the car wants by then (Wh). */
  energyNeededWh?: number
}

/**
 * A version's charging-session flow, as `SimCharger` drives it. Callers serialise calls per connector
 * (`SimConnector.serial`). Stop reasons are given in 1.6 terms; 2.0.1 maps them to its own.
 */
export interface ProtocolFlow {
  /** A car plugs in; false if one already is. */
  plugIn(c: SimConnector, ev: Ev, opts: PlugInOptions): boolean
  /** The driver presents `idTag`: authorise, then start a transaction. */
  begin(c: SimConnector, idTag: string): Promise<StartOutcome>
  /** Ends the connector's transaction, if one runs; the car stays plugged in. */
  end(c: SimConnector, reason: Reason, idTag?: string): Promise<void>
  /** The car leaves (a running transaction ends with EVDisconnected). */
  unplug(c: SimConnector): Promise<void>
}

/** A charger's parts for one OCPP version, wired together. */
export interface ChargerParts {
  station: SimStation<StationKind>
  link: LinkControl
  flow: ProtocolFlow
  /** 1.6 configuration keys. */
  configuration?: SimConfiguration
  /** 2.0.1 device model. */
  deviceModel?: SimDeviceModel
}
