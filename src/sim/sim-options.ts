import type { Clock } from '@src/lib/clock'
import { systemClock } from '@src/lib/clock'
import type { Ev } from './ev'
import type { ClientCallHandler } from './ocpp-client'
import type { SimChargerEvent } from './sim-events'
import type { SimProtocol } from './sim-link-types'
import type { StationOptions, StationSettings } from './sim-station'

/** How to build a simulated charger. Only `url` and `id` are required. */
export interface SimChargerOptions {
  /** The CSMS's OCPP endpoint without the charger id, e.g. `ws://127.0.0.1:8080/ocpp`. */
  url: string
  /** Charge point identity, e.g. `SIM-0001`. */
  id: string
  /** The OCPP version it speaks (default `ocpp1.6`). In 2.0.1, EVSE n has one connector (id 1). */
  protocol?: SimProtocol
  /** HTTP Basic password (security profile 1), if the CSMS has one for this charger. */
  password?: string
  /** Simulation time (timers and timestamps); a `ScaledClock` speeds everything up. Default: system. */
  clock?: Clock
  /** Connectors 1..N (default 1); in 2.0.1 these are EVSEs 1..N. */
  connectors?: number
  /** Per-connector rating per phase (A), default 32. */
  maxCurrentA?: number
  /** Phases wired to each connector, default 3. */
  phases?: 1 | 3
  /** Phase-to-neutral voltage, default 230. */
  voltage?: number
  /** Seconds between meter samples until the CSMS changes it (1.6 MeterValueSampleInterval, 2.0.1 TxUpdatedInterval), default 60. */
  meterIntervalS?: number
  /** HeartbeatInterval until a boot answer gives one (s), default 300. */
  heartbeatIntervalS?: number
  /** Simulated ms before the car's current follows a new charging profile, default 2000. */
  limitDelayMs?: number
  /** First reconnect delay after the socket drops (simulated ms), default 5000. */
  reconnectMs?: number
  /** Real ms to wait for the CSMS to answer a call, default 10000. */
  callTimeoutMs?: number
  /** Boot again on every reconnect, not only after a restart (default false). */
  bootOnReconnect?: boolean
  /** Check every payload against the version's schemas and report violations (default true). */
  validate?: boolean
  vendor?: string
  model?: string
  serialNumber?: string
  firmwareVersion?: string
  /** Energy registers at power-on (Wh), per connector. */
  registersWh?: readonly number[]
  /** The car a remote start plugs in when none is there (default: a 60 kWh, 3 × 16 A car at 30 %). */
  remoteStartEv?: () => Ev
}

const DEFAULT_EV: Ev = { model: 'Generic 60 kWh', capacityKWh: 60, maxCurrentA: 16, phases: 3, soc: 0.3 }

/** The version-independent part of a station's options. */
export function stationOptions(opts: SimChargerOptions, settings: StationSettings): StationOptions {
  return {
    id: opts.id,
    clock: opts.clock ?? systemClock,
    connectors: opts.connectors ?? 1,
    hardware: {
      maxCurrentA: opts.maxCurrentA ?? 32,
      phases: opts.phases ?? 3,
      voltage: opts.voltage ?? 230,
    },
    limitDelayMs: opts.limitDelayMs ?? 2000,
    remoteStartEv: opts.remoteStartEv ?? (() => DEFAULT_EV),
    registersWh: opts.registersWh,
    settings,
  }
}

/** The version-independent part of a link's options. */
export function linkBasics(opts: SimChargerOptions, clock: Clock, emit: (e: SimChargerEvent) => void) {
  return {
    url: opts.url,
    id: opts.id,
    password: opts.password,
    clock,
    callTimeoutMs: opts.callTimeoutMs ?? 10_000,
    reconnectMs: opts.reconnectMs ?? 5000,
    bootOnReconnect: opts.bootOnReconnect ?? false,
    validate: opts.validate ?? true,
    emit,
  }
}

/** A CSMS call handler whose bugs become an InternalError CALLERROR rather than a dead socket. */
export function guarded(
  handle: (
    action: string,
    payload: Record<string, unknown>,
  ) => Record<string, unknown> | { error: string; description: string },
): ClientCallHandler {
  return async (action, payload) => {
    try {
      return handle(action, payload)
    } catch (err) {
      return { error: 'InternalError', description: err instanceof Error ? err.message : 'internal error' }
    }
  }
}

/** What the station says about itself at boot. */
export function identity(opts: SimChargerOptions) {
  return {
    vendor: opts.vendor ?? 'OpenCSMS',
    model: opts.model ?? 'SimWallbox',
    serialNumber: opts.serialNumber ?? opts.id,
    firmwareVersion: opts.firmwareVersion ?? 'sim-1.0.0',
  }
}
