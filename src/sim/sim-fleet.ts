import { type Clock, systemClock } from '@src/lib/clock'
import type { ArrivalMix } from './ev-mix'
import { type DriverBehaviour, FleetDriver } from './fleet-driver'
import { Rng } from './prng'
import { ScaledClock } from './scaled-clock'
import { SimCharger, type SimChargerOptions } from './sim-charger'
import type { SimChargerEvent } from './sim-events'

/** How to build a fleet. Only `url` and `tokens` are required. */
export interface SimFleetOptions {
  /** The CSMS's OCPP endpoint, e.g. `ws://127.0.0.1:8080/ocpp`. */
  url: string
  /** Id tags the drivers present (picked at random per arrival). */
  tokens: readonly string[]
  /** Number of chargers (default 10), ids `SIM-0001`… */
  chargers?: number
  connectorsPerCharger?: number
  /** Id prefix (default `SIM-`) and the first number (default 1). */
  idPrefix?: string
  firstIndex?: number
  /** A password per charger (HTTP Basic), if the CSMS has them. */
  password?: (chargerId: string) => string | undefined
  /** MeterValueSampleInterval (simulated s), default 60. */
  meterIntervalS?: number
  /** Simulated seconds per real second (default 1); ignored when `clock` is given. */
  timeScale?: number
  clock?: Clock
  /** PRNG seed: the same seed gives the same cars, tokens and times (default 1). */
  seed?: number
  /** Mean arrivals per connector per simulated hour while it is free (default 0.5). */
  arrivalsPerHour?: number
  /** Share of connectors with a car arriving right at start (default 0). */
  initialOccupancy?: number
  /** Planned stay, mean and spread in minutes (default 180 ± 90). */
  dwellMin?: readonly [number, number]
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
  connectorId: number
  transactionId: number
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
  /** Energy of the ended sessions (Wh), by the chargers' meters. */
  energyWh: number
  /** CALLERRORs and schema violations seen on the wire (should stay 0 against a correct CSMS). */
  protocolErrors: number
  /** The latest protocol errors, for a person to read. */
  lastProtocolErrors: string[]
  /** The latest sessions (at most 1000), oldest first. */
  sessions: FleetSession[]
}

const KEEP_SESSIONS = 1000

/**
 * N simulated chargers with simulated drivers: cars arrive (seeded Poisson process, a realistic EV
 * mix), authorise, charge and leave. For the demo, integration tests and load tests.
 *
 * @example
 * const fleet = new SimFleet({ url: 'ws://127.0.0.1:8080/ocpp', tokens: ['DEMO-1'], chargers: 12, timeScale: 60 })
 * await fleet.start()
 * // ... later
 * console.log(fleet.report())
 * await fleet.stop()
 */
export class SimFleet {
  readonly clock: Clock
  readonly chargers: SimCharger[]
  readonly #drivers = new Map<string, FleetDriver>()
  readonly #open = new Map<string, FleetSession>()
  readonly #ended: FleetSession[] = []
  readonly #counts = { arrivals: 0, started: 0, ended: 0, rejected: 0, energyWh: 0, protocolErrors: 0 }
  readonly #lastErrors: string[] = []
  readonly #rng: Rng

  constructor(private readonly o: SimFleetOptions) {
    if (o.tokens.length === 0) throw new RangeError('a fleet needs at least one token')
    this.clock =
      o.clock ?? (o.timeScale && o.timeScale !== 1 ? new ScaledClock({ speed: o.timeScale }) : systemClock)
    this.#rng = new Rng(o.seed ?? 1)
    const count = o.chargers ?? 10
    this.chargers = Array.from({ length: count }, (_, i) => this.#build(i))
  }

  /** A charger by id. */
  charger(id: string): SimCharger | undefined {
    return this.chargers.find((c) => c.id === id)
  }

  /**
   * Connects every charger (at most `startConcurrency` at once), then lets the cars come. Resolves
   * when each has had its first boot answer; lists the ones that could not connect.
   */
  async start(): Promise<{ started: number; failed: { id: string; error: string }[] }> {
    const failed: { id: string; error: string }[] = []
    const queue = [...this.chargers]
    const worker = async () => {
      for (let cp = queue.shift(); cp; cp = queue.shift()) {
        try {
          await cp.start()
        } catch (err) {
          failed.push({ id: cp.id, error: err instanceof Error ? err.message : String(err) })
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.o.startConcurrency ?? 200, queue.length) }, worker))
    for (const driver of this.#drivers.values()) driver.start(this.o.initialOccupancy ?? 0)
    return { started: this.chargers.length - failed.length, failed }
  }

  /**
   * Stops the drivers and switches every charger off; every socket closes normally. With
   * `endSessions`, running transactions are stopped first (reason Other), leaving none open.
   */
  async stop(opts: { endSessions?: boolean } = {}): Promise<void> {
    for (const driver of this.#drivers.values()) driver.stop()
    const endTransactions = opts.endSessions ? 'Other' : undefined
    await Promise.all(this.chargers.map((c) => c.stop({ endTransactions })))
  }

  /** Counters and the latest sessions. */
  report(): FleetReport {
    const c = this.#counts
    return {
      chargers: this.chargers.length,
      online: this.chargers.filter((x) => x.online).length,
      arrivals: c.arrivals,
      sessionsStarted: c.started,
      sessionsEnded: c.ended,
      activeSessions: this.#open.size,
      authorizationsRejected: c.rejected,
      energyWh: c.energyWh,
      protocolErrors: c.protocolErrors,
      lastProtocolErrors: [...this.#lastErrors],
      sessions: [...this.#ended, ...this.#open.values()].slice(-KEEP_SESSIONS),
    }
  }

  #build(index: number): SimCharger {
    const o = this.o
    const id = `${o.idPrefix ?? 'SIM-'}${String((o.firstIndex ?? 1) + index).padStart(4, '0')}`
    const connectors = o.connectorsPerCharger ?? 2
    const cp = new SimCharger({
      ...o.charger,
      url: o.url,
      id,
      password: o.password?.(id),
      clock: this.clock,
      connectors,
      meterIntervalS: o.meterIntervalS ?? 60,
    })
    const [dwellMean, dwellSd] = o.dwellMin ?? [180, 90]
    const behaviour: DriverBehaviour = {
      meanGapMin: 60 / (o.arrivalsPerHour ?? 0.5),
      dwellMeanMin: dwellMean,
      dwellSdMin: dwellSd,
      fullLingerMin: o.fullLingerMin ?? [10, 45],
      localStopShare: o.localStopShare ?? 0.5,
      tokens: o.tokens,
      mix: o.evMix,
    }
    const report = { arrival: () => void this.#counts.arrivals++ }
    for (let k = 1; k <= connectors; k++) {
      this.#drivers.set(`${id}/${k}`, new FleetDriver(cp, k, behaviour, this.#rng.fork(), this.clock, report))
    }
    cp.subscribe((e) => this.#onEvent(e))
    return cp
  }

  #onEvent(e: SimChargerEvent): void {
    this.o.onEvent?.(e)
    const driver = 'connectorId' in e ? this.#drivers.get(`${e.chargerId}/${e.connectorId}`) : undefined
    switch (e.type) {
      case 'transactionStarted':
        this.#counts.started++
        this.#open.set(`${e.chargerId}/${e.transactionId}`, { ...pick(e), startedAt: e.at })
        return
      case 'transactionStopped':
        this.#sessionEnded(e, driver)
        return
      case 'statusChanged':
        if (e.status === 'SuspendedEV') driver?.onFull()
        return
      case 'evPlugged':
        if (e.byRemoteStart) driver?.onRemoteArrival(e.ev.model)
        return
      case 'authorizationRejected':
        this.#counts.rejected++
        return
      case 'protocolError':
        this.#counts.protocolErrors++
        this.#lastErrors.push(`${e.chargerId} ${e.direction} ${e.action}: ${e.detail}`.slice(0, 500))
        if (this.#lastErrors.length > 20) this.#lastErrors.shift()
        return
    }
  }

  #sessionEnded(
    e: Extract<SimChargerEvent, { type: 'transactionStopped' }>,
    driver: FleetDriver | undefined,
  ): void {
    const key = `${e.chargerId}/${e.transactionId}`
    const session = this.#open.get(key) ?? { ...pick(e), startedAt: e.startedAt }
    this.#open.delete(key)
    this.#ended.push({ ...session, endedAt: e.at, energyWh: e.energyWh, stopReason: e.reason })
    if (this.#ended.length > KEEP_SESSIONS) this.#ended.shift()
    this.#counts.ended++
    this.#counts.energyWh += e.energyWh
    if (e.reason !== 'Local' && e.reason !== 'EVDisconnected') driver?.onStoppedByCharger()
  }
}

function pick(e: { chargerId: string; connectorId: number; transactionId: number; idTag: string }) {
  return {
    chargerId: e.chargerId,
    connectorId: e.connectorId,
    transactionId: e.transactionId,
    idTag: e.idTag,
  }
}
