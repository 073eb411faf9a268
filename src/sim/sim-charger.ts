import type { RegistrationStatus } from '@src/domain/charger/types'
import type { Reason } from '@src/ocpp/v16/generated/messages'
import type { InstalledProfile } from './charging-profiles'
import type { Ev } from './ev'
import { powerW } from './meter-samples'
import { build16 } from './sim-build16'
import type { SimConfiguration } from './sim-config'
import type { SimConnector, SimStatus } from './sim-connector'
import type { DisplayShown } from './sim-display'
import type { SimChargerListener } from './sim-events'
import type { ChargerParts, PlugInOptions, StartOutcome } from './sim-flow'
import type { SimProtocol } from './sim-link-types'
import type { SimChargerOptions } from './sim-options'
import { build201 } from './v201/build'
import type { SimDeviceModel } from './v201/device-model'

export type { PlugInOptions, StartOutcome } from './sim-flow'
export type { SimProtocol } from './sim-link-types'
export type { SimChargerOptions } from './sim-options'

/** A connector (2.0.1: an EVSE) as seen from outside. */
export interface ConnectorSnapshot {
  connectorId: number
  /** The 1.6 status (2.0.1 reports Occupied for Preparing…Finishing, and a charging state). */
  status: SimStatus
  ev: Ev | undefined
  /** 1.6: the CSMS's transaction id; 2.0.1: the station's running number. */
  transactionId: number | undefined
  /** The transaction id on the wire (2.0.1: a UUID). */
  ocppTransactionId: string | undefined
  idTag: string | undefined
  /** Offered limit per phase (A), after profiles. */
  limitA: number
  /** Current per phase the car draws (A). */
  currentA: number
  powerW: number
  registerWh: number
}

/**
 * One simulated charging station with 1..N connectors, speaking OCPP 1.6J (default) or 2.0.1, for the
 * demo, integration tests and load tests. It boots, sends heartbeats and status notifications, runs
 * sessions with periodic meter values from the EV physics (1.6 Start/StopTransaction and MeterValues;
 * 2.0.1 TransactionEvent Started/Updated/Ended), and answers the CSMS's calls like a real station.
 *
 * @example
 * const cp = new SimCharger({ url: node.ocppUrl, id: 'SIM-0001', connectors: 2, meterIntervalS: 10 })
 * await cp.start() // 'Accepted'
 * cp.plugIn(1, { model: 'ID.3', capacityKWh: 58, maxCurrentA: 16, phases: 3, soc: 0.2 })
 * const started = await cp.startCharging(1, 'TOKEN-1') // { status: 'Accepted', transactionId: 17, ... }
 * await cp.stopCharging(1, 'TOKEN-1')
 * await cp.unplug(1)
 * await cp.stop()
 */
export class SimCharger {
  readonly id: string
  /** The OCPP version it speaks. */
  readonly protocol: SimProtocol
  readonly #parts: ChargerParts
  #stopped = false

  constructor(opts: SimChargerOptions) {
    this.id = opts.id
    this.protocol = opts.protocol ?? 'ocpp1.6'
    this.#parts = this.protocol === 'ocpp2.0.1' ? build201(opts) : build16(opts)
  }

  /**
   * Connects and boots. Resolves with the first boot answer (Pending and Rejected keep retrying in
   * the background); rejects if the CSMS refuses the WebSocket handshake (unknown id, bad password).
   */
  async start(): Promise<RegistrationStatus | undefined> {
    await this.#parts.link.connect()
    this.#parts.station.restartMeter()
    return this.#parts.link.boot()
  }

  /** Resolves once the CSMS has accepted the boot. */
  whenAccepted(): Promise<void> {
    if (this.#parts.link.online) return Promise.resolve()
    return new Promise((resolve) => {
      const off = this.subscribe((e) => {
        if (e.type === 'booted' && e.status === 'Accepted') {
          off()
          resolve()
        }
      })
    })
  }

  /**
   * Switches the charger off: timers stop, queued messages are dropped, the socket closes (1000).
   * With `endTransactions`, running transactions are first stopped with that reason (if online), so
   * the CSMS is not left with open ones.
   */
  async stop(opts: { endTransactions?: Reason } = {}): Promise<void> {
    if (this.#stopped) return
    this.#stopped = true
    const reason = opts.endTransactions
    const { station, flow, link } = this.#parts
    if (reason && this.online) {
      await Promise.all(station.connectors.map((c) => c.serial(() => flow.end(c, reason))))
    }
    station.stopTimers()
    await link.close()
  }

  /** Listens to what the charger does; returns the unsubscribe function. */
  subscribe(listener: SimChargerListener): () => void {
    return this.#parts.station.subscribe(listener)
  }

  /** Connected and accepted. */
  get online(): boolean {
    return this.#parts.link.online
  }

  /** The last boot answer. */
  get registration(): RegistrationStatus | undefined {
    return this.#parts.link.registration
  }

  /** Number of connectors. */
  get connectorCount(): number {
    return this.#parts.station.connectors.length
  }

  /** The configuration keys (as GetConfiguration would list them); 1.6 only. */
  get configuration(): SimConfiguration {
    const config = this.#parts.configuration
    if (!config) throw new Error(`${this.id} speaks ${this.protocol}: read its deviceModel`)
    return config
  }

  /** The device model (as GetVariables and GetBaseReport read it); 2.0.1 only. */
  get deviceModel(): SimDeviceModel {
    const model = this.#parts.deviceModel
    if (!model) throw new Error(`${this.id} speaks ${this.protocol}: read its configuration`)
    return model
  }

  /** What connector `connectorId`'s display shows: the last cost and price text the CSMS told it. */
  display(connectorId: number): DisplayShown | undefined {
    return this.#parts.station.display.of(this.#conn(connectorId).id)
  }

  /** Charging profiles the CSMS has installed (in 1.6 form; 2.0.1 ones are converted). */
  get profiles(): readonly InstalledProfile[] {
    return this.#parts.station.installed
  }

  /**
   * A car plugs in (1.6 Preparing, 2.0.1 Occupied). False if a car is already there. A 2.0.1 station
   * whose car tells its departure and energy need sends NotifyEVChargingNeeds.
   */
  plugIn(connectorId: number, ev: Ev, opts: PlugInOptions = {}): boolean {
    return this.#parts.flow.plugIn(this.#conn(connectorId), ev, opts)
  }

  /** The driver presents `idTag`: Authorize, then the transaction starts. The car must be plugged in. */
  startCharging(connectorId: number, idTag: string): Promise<StartOutcome> {
    const c = this.#conn(connectorId)
    if (!c.free)
      return Promise.resolve({
        status: 'Rejected',
        reason: c.operative ? 'connector busy' : 'connector unavailable',
      })
    c.starting = true
    return c.serial(async () => {
      try {
        return await this.#parts.flow.begin(c, idTag)
      } finally {
        c.starting = false
      }
    })
  }

  /** The driver ends the session at the charger (reason Local); the car stays plugged in (Finishing). */
  stopCharging(connectorId: number, idTag?: string): Promise<void> {
    const c = this.#conn(connectorId)
    return c.serial(() => this.#parts.flow.end(c, 'Local', idTag ?? c.tx?.idTag))
  }

  /** The car leaves; a running transaction ends with EVDisconnected. */
  unplug(connectorId: number): Promise<void> {
    const c = this.#conn(connectorId)
    return c.serial(() => this.#parts.flow.unplug(c))
  }

  /** Drops the connection as a network failure would; the charger reconnects by itself. */
  dropConnection(): Promise<void> {
    return this.#parts.link.dropConnection()
  }

  /** A connector's state now (physics brought up to date). */
  connector(connectorId: number): ConnectorSnapshot {
    const c = this.#conn(connectorId)
    c.advance(this.#parts.station.clock.now())
    const reading = c.reading()
    return {
      connectorId,
      status: c.status(),
      ev: c.ev,
      transactionId: c.tx?.id,
      ocppTransactionId: c.tx?.ocppId ?? (c.tx?.id === undefined ? undefined : String(c.tx.id)),
      idTag: c.tx?.idTag,
      limitA: c.limitA,
      currentA: reading.currentA,
      powerW: powerW(reading),
      registerWh: c.registerWh,
    }
  }

  #conn(connectorId: number): SimConnector {
    const c = this.#parts.station.connector(connectorId)
    if (!c) throw new RangeError(`${this.id} has no connector ${connectorId}`)
    return c
  }
}
