import type { RegistrationStatus } from '@src/domain/charger/types'
import type { Reason } from '@src/ocpp/v16/generated/messages'
import type { InstalledProfile } from './charging-profiles'
import type { Ev } from './ev'
import { powerW } from './meter-samples'
import type { SimConfiguration } from './sim-config'
import type { SimConnector, SimStatus } from './sim-connector'
import type { SimChargerListener } from './sim-events'
import type { SimLink } from './sim-link'
import { buildLink, buildStation, type SimChargerOptions } from './sim-options'
import type { SimStation } from './sim-station'
import { beginSession, endSession, plugIn, type StartOutcome, unplug } from './sim-transactions'

export type { SimChargerOptions } from './sim-options'
export type { StartOutcome } from './sim-transactions'

/** A connector as seen from outside. */
export interface ConnectorSnapshot {
  connectorId: number
  status: SimStatus
  ev: Ev | undefined
  transactionId: number | undefined
  idTag: string | undefined
  /** Offered limit per phase (A), after profiles. */
  limitA: number
  /** Current per phase the car draws (A). */
  currentA: number
  powerW: number
  registerWh: number
}

/**
 * One simulated OCPP 1.6J charge point with 1..N connectors, for the demo, integration tests and load
 * tests. It boots, sends heartbeats and status notifications, runs sessions with periodic meter values
 * from the EV physics, and answers the CSMS's calls (reset, remote start/stop, configuration, trigger,
 * smart-charging profiles) like a real station.
 *
 * @example
 * const cp = new SimCharger({ url: node.ocppUrl, id: 'SIM-0001', connectors: 2, meterIntervalS: 10 })
 * await cp.start() // 'Accepted'
 * cp.plugIn(1, { model: 'ID.3', capacityKWh: 58, maxCurrentA: 16, phases: 3, soc: 0.2 })
 * const started = await cp.startCharging(1, 'TOKEN-1') // { status: 'Accepted', transactionId: 17 }
 * await cp.stopCharging(1, 'TOKEN-1')
 * await cp.unplug(1)
 * await cp.stop()
 */
export class SimCharger {
  readonly id: string
  readonly #station: SimStation
  readonly #link: SimLink
  #stopped = false

  constructor(opts: SimChargerOptions) {
    this.id = opts.id
    this.#station = buildStation(opts)
    this.#link = buildLink(opts, this.#station)
    this.#station.link = this.#link
  }

  /**
   * Connects and boots. Resolves with the first boot answer (Pending and Rejected keep retrying in
   * the background); rejects if the CSMS refuses the WebSocket handshake (unknown id, bad password).
   */
  async start(): Promise<RegistrationStatus | undefined> {
    await this.#link.connect()
    this.#station.restartMeter()
    return this.#link.boot()
  }

  /** Resolves once the CSMS has accepted the boot. */
  whenAccepted(): Promise<void> {
    if (this.#link.online) return Promise.resolve()
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
    if (reason && this.online) {
      const st = this.#station
      await Promise.all(st.connectors.map((c) => c.serial(() => endSession(st, c, reason))))
    }
    this.#station.stopTimers()
    await this.#link.close()
  }

  /** Listens to what the charger does; returns the unsubscribe function. */
  subscribe(listener: SimChargerListener): () => void {
    return this.#station.subscribe(listener)
  }

  /** Connected and accepted. */
  get online(): boolean {
    return this.#link.online
  }

  /** The last boot answer. */
  get registration(): RegistrationStatus | undefined {
    return this.#link.registration
  }

  /** Number of connectors. */
  get connectorCount(): number {
    return this.#station.connectors.length
  }

  /** The configuration keys (as GetConfiguration would list them). */
  get configuration(): SimConfiguration {
    return this.#station.config
  }

  /** Charging profiles the CSMS has installed. */
  get profiles(): readonly InstalledProfile[] {
    return this.#station.installed
  }

  /** A car plugs in (Preparing). False if a car is already there. */
  plugIn(connectorId: number, ev: Ev): boolean {
    return plugIn(this.#station, this.#conn(connectorId), ev)
  }

  /** The driver presents `idTag`: Authorize, then StartTransaction. The car must be plugged in. */
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
        return await beginSession(this.#station, c, idTag, { authorize: true })
      } finally {
        c.starting = false
      }
    })
  }

  /** The driver ends the session at the charger (reason Local); the car stays plugged in (Finishing). */
  stopCharging(connectorId: number, idTag?: string): Promise<void> {
    const c = this.#conn(connectorId)
    return c.serial(() => endSession(this.#station, c, 'Local', idTag ?? c.tx?.idTag))
  }

  /** The car leaves; a running transaction ends with EVDisconnected. */
  unplug(connectorId: number): Promise<void> {
    const c = this.#conn(connectorId)
    return c.serial(() => unplug(this.#station, c))
  }

  /** Drops the connection as a network failure would; the charger reconnects by itself. */
  dropConnection(): Promise<void> {
    return this.#link.dropConnection()
  }

  /** A connector's state now (physics brought up to date). */
  connector(connectorId: number): ConnectorSnapshot {
    const c = this.#conn(connectorId)
    c.advance(this.#station.clock.now())
    const reading = c.reading()
    return {
      connectorId,
      status: c.status(),
      ev: c.ev,
      transactionId: c.tx?.id,
      idTag: c.tx?.idTag,
      limitA: c.limitA,
      currentA: reading.currentA,
      powerW: powerW(reading),
      registerWh: c.registerWh,
    }
  }

  #conn(connectorId: number): SimConnector {
    const c = this.#station.connector(connectorId)
    if (!c) throw new RangeError(`${this.id} has no connector ${connectorId}`)
    return c
  }
}
