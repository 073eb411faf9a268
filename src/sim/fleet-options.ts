import type { Clock } from '@src/lib/clock'
import type { ArrivalMix } from './ev-mix'
import type { SimChargerOptions, SimProtocol } from './sim-charger'
import type { SimChargerEvent } from './sim-events'

/** How to build a fleet. Only `url` and `tokens` are required. */
export interface SimFleetOptions {
  /** The CSMS's OCPP endpoint, e.g. `ws://127.0.0.1:8080/ocpp`. */
  url: string
  /** Id tags the drivers present: a random card nobody else holds right now (any, when all are out). */
  tokens: readonly string[]
  /** Number of chargers (default 10), ids `SIM-0001`… */
  chargers?: number
  /**
   * Which OCPP version each charger speaks: shares (e.g. `{ 'ocpp2.0.1': 0.5 }`: every other charger
   * is 2.0.1; a missing 1.6 share is the rest) or a function of the charger id. Default: all 1.6.
   */
  protocolMix?: Partial<Record<SimProtocol, number>> | ((chargerId: string) => SimProtocol)
  connectorsPerCharger?: number
  /** Id prefix (default `SIM-`) and the first number (default 1). */
  idPrefix?: string
  firstIndex?: number
  /** A password per charger (HTTP Basic), if the CSMS has them. */
  password?: (chargerId: string) => string | undefined
  /** Energy registers per connector at power-on (Wh), e.g. where a previous run left them. */
  registersWh?: (chargerId: string) => readonly number[] | undefined
  /** MeterValueSampleInterval (simulated s), default 60. */
  meterIntervalS?: number
  /** Simulated seconds per real second (default 1); ignored when `clock` is given. */
  timeScale?: number
  clock?: Clock
  /** PRNG seed: the same seed gives the same cars, tokens and times (default 1). */
  seed?: number
  /** Mean arrivals per connector per simulated hour while it is free (default 0.5). */
  arrivalsPerHour?: number
  /** Share of connectors with a car arriving right at start (default 0), within `initialWindowMin` (default 0.5). */
  initialOccupancy?: number
  initialWindowMin?: number
  /** The cars there at start arrive only after this many minutes (default 0). */
  initialDelayMin?: number
  /** Planned stay, mean and spread in minutes (default 180 ± 90), at least `minDwellMin` (default 15). */
  dwellMin?: readonly [number, number]
  minDwellMin?: number
  /** Minutes from a stop at the charger (or a refused card) to unplugging (default 1–3). */
  unplugAfterMin?: readonly [number, number]
  /** Share of cars that tell their departure and energy need to 2.0.1 stations (default 0.5). */
  needsShare?: number
  /** A full car leaves within this many minutes (default 10–45). */
  fullLingerMin?: readonly [number, number]
  /** Share of drivers who stop at the charger before unplugging (default 0.5). */
  localStopShare?: number
  evMix?: ArrivalMix
  /** Chargers connecting at once during start (default 200). */
  startConcurrency?: number
  /** Passed to every charger (rating, delays, validation…). */
  charger?: Partial<
    Omit<SimChargerOptions, 'url' | 'id' | 'password' | 'clock' | 'connectors' | 'meterIntervalS'>
  >
  /** Every event of every charger (for logs or custom reports). */
  onEvent?: (event: SimChargerEvent) => void
}

/** One charging session as the fleet saw it. */
export interface FleetSession {
  chargerId: string
  protocol: SimProtocol
  connectorId: number
  /** 1.6: the CSMS's id; 2.0.1: the station's running number (see `ocppTransactionId`). */
  transactionId: number
  ocppTransactionId: string
  idTag: string
  startedAt: number
  endedAt?: number
  energyWh?: number
  stopReason?: string
}

/** What happened so far. */
export interface FleetReport {
  chargers: number
  online: number
  arrivals: number
  sessionsStarted: number
  sessionsEnded: number
  activeSessions: number
  authorizationsRejected: number
  /** Refused cards by the CSMS's status (e.g. `{ ConcurrentTx: 2, Blocked: 1 }`). */
  refusals: Record<string, number>
  /** Energy of the ended sessions (Wh), by the chargers' meters. */
  energyWh: number
  /** CALLERRORs and schema violations seen on the wire (should stay 0 against a correct CSMS). */
  protocolErrors: number
  /** The latest protocol errors, for a person to read. */
  lastProtocolErrors: string[]
  /** The latest sessions (at most 1000), oldest first. */
  sessions: FleetSession[]
  /** Chargers and sessions per OCPP version. */
  byProtocol: Record<SimProtocol, { chargers: number; sessionsStarted: number }>
}
