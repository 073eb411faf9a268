import type { Clock, TimerHandle } from '@src/lib/clock'
import type { Context, RequestMap, ResponseMap } from '@src/ocpp/v16/generated/messages'
import {
  dropTxProfiles,
  type InstalledProfile,
  limitsAt,
  type ProfileCapabilities,
} from './charging-profiles'
import type { Ev } from './ev'
import { type MeterReading, powerW } from './meter-samples'
import type { SimConfiguration } from './sim-config'
import { type ConnectorHardware, SimConnector, type SimStatus } from './sim-connector'
import { SimDisplay } from './sim-display'
import type { SimChargerEvent, SimChargerListener } from './sim-events'
import type { SimLink } from './sim-link'
import type { LinkControl } from './sim-link-types'
import { SimLocalList } from './sim-local-list'

/** The settings the shared station code reads, whatever the version calls them. */
export interface StationSettings {
  /** Seconds between periodic meter samples (1.6 MeterValueSampleInterval, 2.0.1 TxUpdatedInterval). */
  meterIntervalS(): number
  /** Highest stack level of a charging profile. */
  maxStackLevel(): number
  /** Most periods in a charging schedule. */
  maxPeriods(): number
}

/**
 * How a version reports what the station does: connector statuses and meter samples. The station
 * decides when; the wire decides which messages (1.6 StatusNotification and MeterValues; 2.0.1 also
 * TransactionEvent Updated).
 */
export interface StationWire {
  /** A connector's status changed (or must be reported again, with `force`). */
  connectorStatus(c: SimConnector, status: SimStatus, at: number, force: boolean): void
  /** The station as a whole (1.6 connector 0). */
  stationStatus(status: SimStatus, at: number): void
  /** One meter sample of a connector. */
  meter(c: SimConnector, context: Context, reading: MeterReading, at: number): void
}

/** What a station is specialised by: its configuration store and its typed link. */
export interface StationKind {
  config: unknown
  link: LinkControl
}

/** OCPP 1.6: configuration keys and a link typed with the 1.6 messages. */
export interface Kind16 {
  config: SimConfiguration
  link: SimLink<RequestMap, ResponseMap>
}

/** What a station is built from. */
export interface StationOptions {
  id: string
  clock: Clock
  connectors: number
  hardware: ConnectorHardware
  /** Simulated ms between a profile change and the car's current following it. */
  limitDelayMs: number
  /** The car a remote start plugs in when none is there. */
  remoteStartEv: () => Ev
  /** Energy registers at power-on (Wh), per connector. */
  registersWh?: readonly number[]
  settings: StationSettings
}

type TimerKey = 'meter' | 'limits' | 'boundary'

/** Longest single timer (runtimes fire timers above 2^31 ms at once). */
const MAX_WAIT_MS = 3_600_000

/**
 * The inside of a simulated charge point: connectors, configuration, charging profiles and timers,
 * shared by both OCPP versions (`K` types the configuration and the link). The OCPP handlers
 * (`sim-calls.ts`, `v201/calls.ts`) and the session flows work on it; the public face is `SimCharger`.
 */
export class SimStation<K extends StationKind = Kind16> {
  readonly connectors: SimConnector[]
  /** Profiles the CSMS has set. */
  installed: InstalledProfile[] = []
  /** Profiles the car's current follows (the installed ones, after the apply delay). */
  active: InstalledProfile[] = []
  /** The 1.6 local authorization list (a 2.0.1 station keeps its own, `Sim201.localList`). */
  readonly localList = new SimLocalList()
  /** What each connector's display shows (the cost and price texts the CSMS sent). */
  readonly display = new SimDisplay()
  readonly #listeners = new Set<SimChargerListener>()
  readonly #timers = new Map<TimerKey, TimerHandle>()
  #link: K['link'] | undefined
  #wire: StationWire | undefined

  constructor(
    readonly o: StationOptions,
    readonly config: K['config'],
  ) {
    const now = o.clock.now()
    this.connectors = Array.from(
      { length: o.connectors },
      (_, i) => new SimConnector(i + 1, o.hardware, now, o.registersWh?.[i] ?? 0),
    )
  }

  /** The charge point identity. */
  get id(): string {
    return this.o.id
  }

  /** Simulation time. */
  get clock(): Clock {
    return this.o.clock
  }

  /** The connection to the CSMS (set once, right after construction). */
  get link(): K['link'] {
    if (!this.#link) throw new Error('station has no link yet')
    return this.#link
  }

  set link(link: K['link']) {
    this.#link = link
  }

  /** How statuses and samples go out (set once, right after construction). */
  get wire(): StationWire {
    if (!this.#wire) throw new Error('station has no wire yet')
    return this.#wire
  }

  set wire(wire: StationWire) {
    this.#wire = wire
  }

  /** A connector by its 1.6 id (1..N). */
  connector(id: number): SimConnector | undefined {
    return this.connectors[id - 1]
  }

  /** What SetChargingProfile may install here. */
  get capabilities(): ProfileCapabilities {
    return {
      numberOfConnectors: this.connectors.length,
      maxStackLevel: this.o.settings.maxStackLevel(),
      maxPeriods: this.o.settings.maxPeriods(),
    }
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: SimChargerListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Tells every listener. */
  emit(event: SimChargerEvent): void {
    for (const listener of this.#listeners) listener(event)
  }

  /** A connector's display is told something: it shows it, and listeners get the line (`displayShown`). */
  showOnDisplay(connectorId: number, told: Parameters<SimDisplay['show']>[1]): void {
    const shown = this.display.show(connectorId, told)
    this.emit({ type: 'displayShown', chargerId: this.id, connectorId, ...shown })
  }

  /** Sends a StatusNotification when the connector's status changed (or always, with `force`). */
  reportStatus(c: SimConnector, force = false): void {
    const status = c.status()
    if (status === c.reported && !force) return
    c.reported = status
    const at = this.clock.now()
    this.wire.connectorStatus(c, status, at, force)
    this.emit({ type: 'statusChanged', chargerId: this.id, connectorId: c.id, status, at })
  }

  /** Connector 0 (the station itself), then every connector. */
  reportAll(force = true): void {
    const status: SimStatus = this.connectors.some((c) => c.operative) ? 'Available' : 'Unavailable'
    this.wire.stationStatus(status, this.clock.now())
    for (const c of this.connectors) this.reportStatus(c, force)
  }

  /** Brings physics, limits and statuses up to now. */
  refresh(): void {
    const now = this.clock.now()
    const charging = Math.max(1, this.connectors.filter((c) => c.charging).length)
    let next: number | undefined
    for (const c of this.connectors) {
      const tx = c.tx?.id === undefined ? undefined : { id: c.tx.id, startedAt: c.tx.startedAt }
      const voltage = c.hw.voltage
      const l = limitsAt(this.active, { connectorId: c.id, now, tx, voltage, phases: c.phasesInUse })
      const share = l.stationLimitA === undefined ? Infinity : l.stationLimitA / charging
      const limitA = Math.min(c.hw.maxCurrentA, l.txLimitA ?? Infinity, share)
      if (c.setLimit(now, limitA))
        this.emit({ type: 'limitChanged', chargerId: this.id, connectorId: c.id, limitA, at: now })
      if (l.next !== undefined && l.next > now) next = Math.min(next ?? l.next, l.next)
      this.reportStatus(c)
    }
    if (next === undefined) this.#clear('boundary')
    else this.#schedule('boundary', Math.min(next - now, MAX_WAIT_MS), () => this.refresh())
  }

  /** The installed profiles take effect after the configured delay, as on real chargers. */
  profilesChanged(): void {
    this.#schedule('limits', this.o.limitDelayMs, () => {
      this.active = [...this.installed]
      this.refresh()
    })
  }

  /** A transaction ended: its TxProfiles go. */
  dropTxProfiles(connectorId: number): void {
    this.installed = dropTxProfiles(this.installed, connectorId)
    this.active = dropTxProfiles(this.active, connectorId)
  }

  /** (Re)starts periodic sampling at MeterValueSampleInterval. */
  restartMeter(): void {
    this.#clear('meter')
    const seconds = this.o.settings.meterIntervalS()
    if (seconds <= 0) return
    this.#schedule('meter', seconds * 1000, () => {
      this.refresh()
      for (const c of this.connectors) if (c.charging) this.sample(c, 'Sample.Periodic')
      this.restartMeter()
    })
  }

  /** Reports one meter sample of a connector (with its transaction, if one runs). */
  sample(c: SimConnector, context: Context): void {
    const at = this.clock.now()
    c.advance(at)
    const reading = c.reading()
    const txId = c.tx?.id
    this.wire.meter(c, context, reading, at)
    this.emit({
      type: 'sampled',
      chargerId: this.id,
      connectorId: c.id,
      transactionId: txId,
      currentA: reading.currentA,
      powerW: powerW(reading),
      limitA: c.limitA,
      registerWh: reading.registerWh,
      soc: reading.soc,
      at,
    })
  }

  /** Stops every timer (switch-off). */
  stopTimers(): void {
    for (const key of [...this.#timers.keys()]) this.#clear(key)
  }

  #schedule(key: TimerKey, ms: number, fn: () => void): void {
    this.#clear(key)
    const handle = this.clock.setTimeout(() => {
      this.#timers.delete(key)
      fn()
    }, ms)
    this.#timers.set(key, handle)
  }

  #clear(key: TimerKey): void {
    const handle = this.#timers.get(key)
    if (handle !== undefined) this.clock.clearTimeout(handle)
    this.#timers.delete(key)
  }
}

/** Epoch ms → the ISO 8601 form OCPP uses. */
export const iso = (ms: number): string => new Date(ms).toISOString()
