import type { Clock } from '@src/lib/clock'
import { systemClock } from '@src/lib/clock'
import type { Ev } from './ev'
import { handleCsmsCall } from './sim-calls'
import { SimConfiguration } from './sim-config'
import { SimLink } from './sim-link'
import { SimStation } from './sim-station'

/** How to build a simulated charger. Only `url` and `id` are required. */
export interface SimChargerOptions {
  /** The CSMS's OCPP endpoint without the charger id, e.g. `ws://127.0.0.1:8080/ocpp`. */
  url: string
  /** Charge point identity, e.g. `SIM-0001`. */
  id: string
  /** HTTP Basic password (security profile 1), if the CSMS has one for this charger. */
  password?: string
  /** Simulation time (timers and timestamps); a `ScaledClock` speeds everything up. Default: system. */
  clock?: Clock
  /** Connectors 1..N (default 1). */
  connectors?: number
  /** Per-connector rating per phase (A), default 32. */
  maxCurrentA?: number
  /** Phases wired to each connector, default 3. */
  phases?: 1 | 3
  /** Phase-to-neutral voltage, default 230. */
  voltage?: number
  /** MeterValueSampleInterval until the CSMS changes it (s), default 60. */
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
  /** Check every payload against the OCPP 1.6 schemas and report violations (default true). */
  validate?: boolean
  vendor?: string
  model?: string
  serialNumber?: string
  firmwareVersion?: string
  /** Energy registers at power-on (Wh), per connector. */
  registersWh?: readonly number[]
  /** The car a RemoteStartTransaction plugs in when none is there (default: a 60 kWh, 3 × 16 A car at 30 %). */
  remoteStartEv?: () => Ev
}

const DEFAULT_EV: Ev = { model: 'Generic 60 kWh', capacityKWh: 60, maxCurrentA: 16, phases: 3, soc: 0.3 }

/** The station (connectors, configuration, profiles) a charger's options describe. */
export function buildStation(opts: SimChargerOptions): SimStation {
  const connectors = opts.connectors ?? 1
  const config = new SimConfiguration({
    numberOfConnectors: connectors,
    heartbeatIntervalS: opts.heartbeatIntervalS ?? 300,
    meterIntervalS: opts.meterIntervalS ?? 60,
  })
  return new SimStation(
    {
      id: opts.id,
      clock: opts.clock ?? systemClock,
      connectors,
      hardware: {
        maxCurrentA: opts.maxCurrentA ?? 32,
        phases: opts.phases ?? 3,
        voltage: opts.voltage ?? 230,
      },
      limitDelayMs: opts.limitDelayMs ?? 2000,
      remoteStartEv: opts.remoteStartEv ?? (() => DEFAULT_EV),
      registersWh: opts.registersWh,
    },
    config,
  )
}

/** The station's link to the CSMS, wired to its configuration and call handlers. */
export function buildLink(opts: SimChargerOptions, st: SimStation): SimLink {
  const config = st.config
  return new SimLink({
    url: opts.url,
    id: opts.id,
    password: opts.password,
    clock: st.clock,
    callTimeoutMs: opts.callTimeoutMs ?? 10_000,
    reconnectMs: opts.reconnectMs ?? 5000,
    bootOnReconnect: opts.bootOnReconnect ?? false,
    validate: opts.validate ?? true,
    onCall: async (action, payload) => {
      try {
        return handleCsmsCall(st, action, payload)
      } catch (err) {
        return { error: 'InternalError', description: err instanceof Error ? err.message : 'internal error' }
      }
    },
    bootPayload: () => ({
      chargePointVendor: opts.vendor ?? 'OpenCSMS',
      chargePointModel: opts.model ?? 'SimWallbox',
      chargePointSerialNumber: opts.serialNumber ?? opts.id,
      firmwareVersion: opts.firmwareVersion ?? 'sim-1.0.0',
      meterType: 'SimMeter',
    }),
    heartbeatS: () => config.int('HeartbeatInterval'),
    setHeartbeatS: (s) => config.set('HeartbeatInterval', s),
    onOnline: () => st.reportAll(),
    onOffline: () => undefined,
    retry: {
      attempts: () => config.int('TransactionMessageAttempts'),
      retryMs: () => config.int('TransactionMessageRetryInterval') * 1000,
    },
    emit: (e) => st.emit(e),
  })
}
