import type { Clock, TimerHandle } from '@src/lib/clock'
import type { Context, MeterValuesRequest } from '@src/ocpp/v16/generated/messages'
import {
  dropTxProfiles,
  type InstalledProfile,
  limitsAt,
  type ProfileCapabilities,
} from './charging-profiles'
import type { Ev } from './ev'
import { meterValue, powerW, sampledValues } from './meter-samples'
import type { SimConfiguration } from './sim-config'
import { type ConnectorHardware, SimConnector, type SimStatus } from './sim-connector'
import type { SimChargerEvent, SimChargerListener } from './sim-events'
import type { SimLink } from './sim-link'

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
}

type TimerKey = 'meter' | 'limits' | 'boundary'

/** Longest single timer (runtimes fire timers above 2^31 ms at once). */
const MAX_WAIT_MS = 3_600_000

/**
 * The inside of a simulated charge point: connectors, configuration, charging profiles and timers.
 * The OCPP handlers (`sim-calls.ts`) and the session flow (`sim-transactions.ts`) work on it; the
 * public face is `SimCharger`.
 */
export class SimStation {
  readonly connectors: SimConnector[]
  /** Profiles the CSMS has set. */
  installed: InstalledProfile[] = []
  /** Profiles the car's current follows (the installed ones, after the apply delay). */
  active: InstalledProfile[] = []
  readonly #listeners = new Set<SimChargerListener>()
  readonly #timers = new Map<TimerKey, TimerHandle>()
  #link: SimLink | undefined

  constructor(
    readonly o: StationOptions,
    readonly config: SimConfiguration,
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
  get link(): SimLink {
    if (!this.#link) throw new Error('station has no link yet')
    return this.#link
  }

  set link(link: SimLink) {
    this.#link = link
  }

  /** A connector by its 1.6 id (1..N). */
  connector(id: number): SimConnector | undefined {
    return this.connectors[id - 1]
  }

  /** What SetChargingProfile may install here. */
  get capabilities(): ProfileCapabilities {
    return {
      numberOfConnectors: this.connectors.length,
      maxStackLevel: this.config.int('ChargeProfileMaxStackLevel'),
      maxPeriods: this.config.int('ChargingScheduleMaxPeriods'),
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

  /** Sends a StatusNotification when the connector's status changed (or always, with `force`). */
  reportStatus(c: SimConnector, force = false): void {
    const status = c.status()
    if (status === c.reported && !force) return
    c.reported = status
    const at = this.clock.now()
    void this.link.send('StatusNotification', {
      connectorId: c.id,
      errorCode: 'NoError',
      status,
      timestamp: iso(at),
    })
    this.emit({ type: 'statusChanged', chargerId: this.id, connectorId: c.id, status, at })
  }

  /** Connector 0 (the station itself), then every connector. */
  reportAll(force = true): void {
    const status: SimStatus = this.connectors.some((c) => c.operative) ? 'Available' : 'Unavailable'
    const at = this.clock.now()
    void this.link.send('StatusNotification', {
      connectorId: 0,
      errorCode: 'NoError',
      status,
      timestamp: iso(at),
    })
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
    const seconds = this.config.int('MeterValueSampleInterval')
    if (seconds <= 0) return
    this.#schedule('meter', seconds * 1000, () => {
      this.refresh()
      for (const c of this.connectors) if (c.charging) this.sample(c, 'Sample.Periodic')
      this.restartMeter()
    })
  }

  /** Sends one MeterValues of a connector (with its transaction, if one runs). */
  sample(c: SimConnector, context: Context): void {
    const at = this.clock.now()
    c.advance(at)
    const reading = c.reading()
    const txId = c.tx?.id
    const payload: MeterValuesRequest = {
      connectorId: c.id,
      meterValue: [meterValue(at, sampledValues(reading, context))],
    }
    if (txId !== undefined) payload.transactionId = txId
    void this.link.send('MeterValues', payload)
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
