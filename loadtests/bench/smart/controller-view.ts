import type { ChargerEvent } from '@src/domain/charger/events'
import { departureErrors } from '@src/services/departures'
import type { BuildingReading, SiteScenario, WorldOutput } from '@src/sim/site/types'
import type { ControllerSession, ControllerSite, ControllerView, MeterReading } from './controller'

/** A charger phase carries current when its meter reads at least this (A). */
const DRAWING_A = 1

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * What a live CSMS knows of a site, built from nothing but what the world reports: the configuration,
 * the open transactions with their last charging state and meter value, the EV's charging needs, the
 * departures drivers set (only those the driver page accepts), the chargers connected, and the last
 * building reading. Baseline controllers decide on it, so they know what our loop knows and no more.
 */
export class ControllerViewBuilder {
  readonly #site: ControllerSite
  readonly #sessions = new Map<string, Mutable<ControllerSession>>()
  readonly #told: ReadonlyMap<string, number>
  readonly #wiring: ReadonlyMap<string, number>
  /** Chargers the CSMS holds a connection for. */
  readonly connected = new Set<string>()
  /** Departures a driver told that the driver page refused. */
  refusedDepartures = 0
  #building: BuildingReading | null = null

  constructor(scenario: SiteScenario) {
    this.#site = {
      voltageV: scenario.voltageV,
      main: scenario.main,
      chargers: scenario.chargers.map((c) => ({ id: c.id, maxA: c.maxA, wiring: c.wiring })),
    }
    this.#told = new Map(
      scenario.visits.flatMap((v) =>
        v.told.kind === 'told' ? [[v.id, scenario.startAtMs + v.told.atS * 1000] as const] : [],
      ),
    )
    this.#wiring = new Map(scenario.chargers.map((c) => [c.id, c.wiring.length]))
  }

  /** Takes one thing the world reported. */
  take(o: WorldOutput): void {
    if (o.type === 'building.reading') this.#building = o
    else this.#event(o)
  }

  /** The view now. */
  view(): ControllerView {
    return { site: this.#site, sessions: [...this.#sessions.values()], building: this.#building }
  }

  #event(e: ChargerEvent): void {
    switch (e.type) {
      case 'charger.connected':
        this.connected.add(e.chargerId)
        return
      case 'charger.disconnected':
        this.connected.delete(e.chargerId)
        return
      case 'charger.transactionStarted':
        this.#sessions.set(e.chargerId, {
          chargerId: e.chargerId,
          transactionId: e.transactionId,
          startedAt: e.at,
          chargingState: null,
          meter: null,
          departureAt: this.#departure(e.idTag, e.at),
          needs: null,
        })
        return
      case 'charger.transactionEnded':
        if (this.#sessions.get(e.chargerId)?.transactionId === e.transactionId)
          this.#sessions.delete(e.chargerId)
        return
      default:
        this.#sessionEvent(e)
    }
  }

  #sessionEvent(e: ChargerEvent): void {
    const s = this.#sessions.get(e.chargerId)
    if (!s) return
    if (e.type === 'charger.transactionUpdated' && e.transactionId === s.transactionId)
      s.chargingState = e.chargingState
    if (e.type === 'charger.chargingNeeds')
      s.needs = { departureAt: e.departureAt, energyWh: e.energyWh, maxCurrentA: e.maxCurrentA }
    if (e.type === 'charger.meterSampled' && e.transactionId === s.transactionId && e.readings.currentA) {
      const c = e.readings.currentA
      const meter: MeterReading = {
        currentA: [c.L1 ?? 0, c.L2 ?? 0, c.L3 ?? 0],
        energyWh: e.energyWh,
        at: e.at,
      }
      s.meter = meter
      const phases = this.#phasesOf(e.chargerId, meter.currentA)
      if (phases !== undefined) s.evPhases = phases
    }
  }

  /** The departure a driver set at plug-in, when the driver page would take it. */
  #departure(visitId: string | null, at: number): number | null {
    const told = visitId === null ? undefined : this.#told.get(visitId)
    if (told === undefined) return null
    if (Object.keys(departureErrors(at, told, null)).length === 0) return told
    this.refusedDepartures++
    return null
  }

  /** The phases a car uses, from a meter value that shows it drawing (undefined while it does not). */
  #phasesOf(chargerId: string, currentA: readonly number[]): 1 | 2 | 3 | undefined {
    const wired = this.#wiring.get(chargerId) ?? 3
    const drawing = currentA.slice(0, wired).filter((a) => a >= DRAWING_A).length
    return drawing === 0 ? undefined : (drawing as 1 | 2 | 3)
  }
}
