import { commandTimeouts, servedBudget } from '@src/lib/timeouts'
import type { ScenarioVisit, SiteScenario, WorldOutput } from '@src/sim/site/types'
import type { SiteWorld } from '@src/sim/site/world'
import type { SentSetpoint } from './command-link'
import { OurSite } from './our-site'
import type { BuildingMeterKind } from './scenario-site'
import { SettlingClock } from './settling-clock'

/** How the product around the site actor is set up for a run. */
export interface OursOptions {
  buildingMeter: BuildingMeterKind
  loopIntervalMs: number
  /** The configured OCPP call timeout (`CSMS_OCPP_CALL_TIMEOUT_MS`). */
  callTimeoutMs: number
  seed: number
  onSent: (s: SentSetpoint) => void
}

/** The site id and OCPP meter id the bench's site gets. */
const SITE_ID = 'bench-site'
const METER_CHARGER_ID = 'building-meter'

/** The loop starts this long before second 0, so it has taken its lease and ticks when the world starts (ms). */
const WARM_UP_MS = 2000

/**
 * Drives the real site actor through a world, second by second: the world's output of each second is
 * delivered at its start (charger events through the charger actors' stand-in, building readings where
 * the product takes them, departures as drivers set them), then virtual time runs to the second's end
 * while the loop ticks and its setpoints reach the world.
 */
export class OursDriver {
  /** Departures a driver told that the driver page refused (in the past, too far ahead). */
  refusedDepartures = 0
  readonly #visits: ReadonlyMap<string, ScenarioVisit>

  private constructor(
    private readonly scenario: SiteScenario,
    private readonly clock: SettlingClock,
    private readonly site: OurSite,
  ) {
    this.#visits = new Map(scenario.visits.map((v) => [v.id, v]))
  }

  /**
   * Starts the site's loop before second 0. A command to a charger that never answers ends when the
   * node holding its socket gives the CALL up: the deadline it derives from the loop's request budget
   * (`src/lib/timeouts.ts`), the configured call timeout.
   */
  static async start(scenario: SiteScenario, world: SiteWorld, opts: OursOptions): Promise<OursDriver> {
    const clock = new SettlingClock(scenario.startAtMs - WARM_UP_MS)
    const { requestMs } = commandTimeouts(opts.callTimeoutMs)
    const unanswered = servedBudget(requestMs, 0).callDeadline
    const site = await OurSite.start(
      scenario,
      clock,
      { world, callTimeoutMs: unanswered, onSent: opts.onSent },
      {
        siteId: SITE_ID,
        buildingMeter: opts.buildingMeter,
        meterChargerId: METER_CHARGER_ID,
        loopIntervalMs: opts.loopIntervalMs,
        seed: opts.seed,
      },
    )
    await clock.runUntil(scenario.startAtMs)
    return new OursDriver(scenario, clock, site)
  }

  /** Delivers second `s`'s output and runs the loop to the end of that second. */
  async second(s: number, outputs: readonly WorldOutput[]): Promise<void> {
    const startMs = this.scenario.startAtMs + s * 1000
    for (const o of outputs) {
      if (o.at > this.clock.now()) await this.clock.runUntil(o.at)
      if (o.type === 'building.reading') await this.site.reading(o)
      else {
        await this.site.standIn.take(o)
        if (o.type === 'charger.transactionStarted')
          await this.#driverTells(o.chargerId, o.transactionId, o.idTag)
      }
    }
    await this.clock.runUntil(startMs + 1000)
  }

  /** The driver of the visit that just plugged in sets the departure they told, if they told one. */
  async #driverTells(chargerId: string, worldTxId: number, visitId: string | null): Promise<void> {
    const visit = visitId === null ? undefined : this.#visits.get(visitId)
    if (visit?.told.kind !== 'told') return
    const departureAt = this.scenario.startAtMs + visit.told.atS * 1000
    if (!(await this.site.tellDeparture(chargerId, worldTxId, departureAt))) this.refusedDepartures++
  }

  /** The loop's ticks so far. */
  get ticks(): { readonly scheduled: number; readonly replan: number } {
    return this.site.ticks
  }

  dispose(): Promise<void> {
    return this.site.dispose()
  }
}
