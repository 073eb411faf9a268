import { type Clock, systemClock } from '@src/lib/clock'
import { CardPool } from './card-pool'
import { type DriverBehaviour, FleetDriver } from './fleet-driver'
import type { FleetReport, FleetSession, SimFleetOptions } from './fleet-options'
import { Rng } from './prng'
import { ScaledClock } from './scaled-clock'
import { SimCharger, type SimProtocol } from './sim-charger'
import type { SimChargerEvent } from './sim-events'

export type { FleetReport, FleetSession, SimFleetOptions } from './fleet-options'

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
  readonly #refusals: Record<string, number> = {}
  readonly #startedBy: Record<SimProtocol, number> = { 'ocpp1.6': 0, 'ocpp2.0.1': 0 }
  readonly #protocols = new Map<string, SimProtocol>()
  readonly #lastErrors: string[] = []
  readonly #rng: Rng
  readonly #cards: CardPool

  constructor(private readonly o: SimFleetOptions) {
    if (o.tokens.length === 0) throw new RangeError('a fleet needs at least one token')
    this.clock =
      o.clock ?? (o.timeScale && o.timeScale !== 1 ? new ScaledClock({ speed: o.timeScale }) : systemClock)
    this.#rng = new Rng(o.seed ?? 1)
    this.#cards = new CardPool(o.tokens)
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
      refusals: { ...this.#refusals },
      energyWh: c.energyWh,
      protocolErrors: c.protocolErrors,
      lastProtocolErrors: [...this.#lastErrors],
      sessions: [...this.#ended, ...this.#open.values()].slice(-KEEP_SESSIONS),
      byProtocol: {
        'ocpp1.6': { chargers: this.#count('ocpp1.6'), sessionsStarted: this.#startedBy['ocpp1.6'] },
        'ocpp2.0.1': { chargers: this.#count('ocpp2.0.1'), sessionsStarted: this.#startedBy['ocpp2.0.1'] },
      },
    }
  }

  #count(protocol: SimProtocol): number {
    return this.chargers.filter((c) => c.protocol === protocol).length
  }

  /** How the drivers of every connector behave. */
  #behaviour(): DriverBehaviour {
    const o = this.o
    const [dwellMean, dwellSd] = o.dwellMin ?? [180, 90]
    return {
      meanGapMin: 60 / (o.arrivalsPerHour ?? 0.5),
      dwellMeanMin: dwellMean,
      dwellSdMin: dwellSd,
      minDwellMin: o.minDwellMin,
      unplugAfterMin: o.unplugAfterMin,
      needsShare: o.needsShare,
      initialWindowMin: o.initialWindowMin,
      initialDelayMin: o.initialDelayMin,
      fullLingerMin: o.fullLingerMin ?? [10, 45],
      localStopShare: o.localStopShare ?? 0.5,
      tokens: o.tokens,
      cards: this.#cards,
      mix: o.evMix,
    }
  }

  #build(index: number): SimCharger {
    const o = this.o
    const id = chargerIdOf(o, index)
    const connectors = o.connectorsPerCharger ?? 2
    const protocol = protocolOf(o.protocolMix, id, index)
    this.#protocols.set(id, protocol)
    const cp = new SimCharger({
      ...o.charger,
      url: o.url,
      id,
      protocol,
      password: o.password?.(id),
      ...(o.registersWh ? { registersWh: o.registersWh(id) } : {}),
      clock: this.clock,
      connectors,
      meterIntervalS: o.meterIntervalS ?? 60,
    })
    const behaviour = this.#behaviour()
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
        this.#startedBy[this.#protocolOf(e.chargerId)]++
        this.#open.set(`${e.chargerId}/${e.transactionId}`, { ...this.#pick(e), startedAt: e.at })
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
        this.#refusals[e.status] = (this.#refusals[e.status] ?? 0) + 1
        return
      case 'protocolError':
        this.#counts.protocolErrors++
        this.#lastErrors.push(`${e.chargerId} ${e.direction} ${e.action}: ${e.detail}`.slice(0, 500))
        if (this.#lastErrors.length > 20) this.#lastErrors.shift()
        return
    }
  }

  #protocolOf(chargerId: string): SimProtocol {
    return this.#protocols.get(chargerId) ?? 'ocpp1.6'
  }

  #pick(e: Extract<SimChargerEvent, { type: 'transactionStarted' | 'transactionStopped' }>) {
    const { chargerId, connectorId, transactionId, ocppTransactionId, idTag } = e
    return {
      chargerId,
      protocol: this.#protocolOf(chargerId),
      connectorId,
      transactionId,
      ocppTransactionId,
      idTag,
    }
  }

  #sessionEnded(
    e: Extract<SimChargerEvent, { type: 'transactionStopped' }>,
    driver: FleetDriver | undefined,
  ): void {
    const key = `${e.chargerId}/${e.transactionId}`
    const session = this.#open.get(key) ?? { ...this.#pick(e), startedAt: e.startedAt }
    this.#open.delete(key)
    this.#ended.push({ ...session, endedAt: e.at, energyWh: e.energyWh, stopReason: e.reason })
    if (this.#ended.length > KEEP_SESSIONS) this.#ended.shift()
    this.#counts.ended++
    this.#counts.energyWh += e.energyWh
    if (e.reason !== 'Local' && e.reason !== 'EVDisconnected') driver?.onStoppedByCharger()
  }
}

/** The id of the fleet's `index`-th charger (0-based): `SIM-0001`… by default. */
export function chargerIdOf(o: Pick<SimFleetOptions, 'idPrefix' | 'firstIndex'>, index: number): string {
  return `${o.idPrefix ?? 'SIM-'}${String((o.firstIndex ?? 1) + index).padStart(4, '0')}`
}

/** A charger's version: from the function, or spread evenly by the shares (index order). */
function protocolOf(mix: SimFleetOptions['protocolMix'], id: string, index: number): SimProtocol {
  if (typeof mix === 'function') return mix(id)
  const v201 = mix?.['ocpp2.0.1'] ?? 0
  const v16 = mix?.['ocpp1.6'] ?? Math.max(0, 1 - v201)
  const share = v201 + v16 > 0 ? v201 / (v201 + v16) : 0
  return Math.floor((index + 1) * share) > Math.floor(index * share) ? 'ocpp2.0.1' : 'ocpp1.6'
}
