import type { ActorRef } from '@actors/runtime/types'
import type { VariableSetting } from '@src/domain/charger/commands'
import { DEFAULT_SETTINGS, type PerPhase } from '@src/domain/power'
import { DEFAULT_CHARGER_LATENCY_S, guaranteeOf } from '@src/domain/site/guarantee'
import { FAST_METER_S, fasterMeterReadings } from '@src/domain/site/meter-interval'
import { type MeterHour, MeterWatch } from '@src/domain/site/meter-watch'
import type { SiteConfig } from '@src/domain/site/site-config'
import type { SiteGuaranteeStatus } from '@src/domain/site/status'
import { EV_RESPONSE_MS } from './carried'
import type { SiteDeps } from './deps'
import type { SiteMsg } from './protocol'

/** Setpoint round trips remembered: the slowest of them is the charger latency the guarantee uses. */
const LATENCIES_KEPT = 20

/** A meter that did not take a faster interval is asked again at most this often (ms). */
export const METER_ASK_EVERY_MS = 3_600_000

/** The columns of a minute's load row that the building meter fills. */
export interface MeterColumns {
  meterGapS: number
  stepL1A: number
  stepL2A: number
  stepL3A: number
}

/**
 * What a site loop learns about its own physics, for the guarantee it states (see `guaranteeOf`):
 * the building meter's interval and steps over a week ({@link MeterWatch}), how fast its chargers
 * answer setpoints, and whether an OCPP meter was asked to report faster. Holds no I/O: the actor
 * feeds it and writes what it returns.
 */
export class MeterObserver {
  readonly #watch = new MeterWatch()
  readonly #latenciesS: number[] = []
  #request: { intervalS: number; status: string } | null = null
  #askedAt: number | undefined
  /** The OCPP meter's protocol (`ocpp1.6`, `ocpp2.0.1`); null: not known; undefined: not looked up yet. */
  protocol: string | null | undefined

  /** Puts back the week the loop recorded before it restarted. */
  restore(hours: readonly MeterHour[]): void {
    this.#watch.restore(hours)
  }

  /** Takes the building reading the loop holds, if it is one it has not seen. */
  noteBuilding(building: { currentA: PerPhase; measuredAt: number } | undefined): void {
    if (building) this.#watch.observe(building)
  }

  /** A charger confirmed a setpoint `ms` after it was sent. */
  noteLatency(ms: number): void {
    this.#latenciesS.push(ms / 1000)
    if (this.#latenciesS.length > LATENCIES_KEPT) this.#latenciesS.shift()
  }

  /** What the meter showed in `minute`, for that minute's load row (zeros when it saw no pair of readings). */
  minuteColumns(minute: number): MeterColumns {
    const m = this.#watch.minuteRecord(minute)
    if (!m) return { meterGapS: 0, stepL1A: 0, stepL2A: 0, stepL3A: 0 }
    return { meterGapS: m.gapS, stepL1A: m.stepA[0], stepL2A: m.stepA[1], stepL3A: m.stepA[2] }
  }

  /** The guarantee as the status shows it. `loopS`: how soon the loop re-plans after a reading. */
  guarantee(config: SiteConfig, loopS: number, now: number): SiteGuaranteeStatus {
    const { site } = config
    const seen = this.#watch.summary(now)
    const chargerLatencyS = this.#latenciesS.length
      ? Math.max(...this.#latenciesS)
      : DEFAULT_CHARGER_LATENCY_S
    const g = guaranteeOf({
      marginA: site.safetyMarginA,
      meter: site.buildingMeter,
      buildingMaxA: site.buildingMaxA,
      meterIntervalS: seen.intervalS,
      longestGapS: seen.longestGapS,
      worstStepA: Math.max(...seen.worstStepA.slice(0, site.phases)),
      staleAfterS: DEFAULT_SETTINGS.staleAfterMs / 1000,
      loopS,
      chargerLatencyS,
      evResponseS: EV_RESPONSE_MS / 1000,
    })
    return { ...g, worstStepA: seen.worstStepA, meterRequest: this.#request }
  }

  /**
   * The settings to ask the site's OCPP meter for now: when it reports slower than the loop wants
   * and was not asked since it connected (or within the hour). Marks it asked.
   */
  askNow(config: SiteConfig, now: number): VariableSetting[] | undefined {
    if (config.site.buildingMeter !== 'ocpp' || !config.site.buildingMeterChargerId) return undefined
    if (this.#askedAt !== undefined && now - this.#askedAt < METER_ASK_EVERY_MS) return undefined
    const settings = fasterMeterReadings(this.protocol ?? null, this.#watch.summary(now).intervalS)
    if (settings) this.#askedAt = now
    return settings
  }

  /** The meter's answer to being asked for a reading every `intervalS`. */
  answered(intervalS: number, status: string): void {
    this.#request = { intervalS, status }
  }

  /** The meter (re)connected: it may be asked again, with the protocol it speaks now. */
  meterConnected(protocol: string): void {
    this.protocol = protocol
    this.#askedAt = undefined
  }
}

/**
 * Asks the site's OCPP building meter for a reading every few seconds when it reports slower (see
 * {@link MeterObserver.askNow}); its answer comes back to the actor as `site.meterAnswered`, so the
 * loop never waits for the meter.
 */
export async function askFasterReadings(
  deps: SiteDeps,
  config: SiteConfig,
  meter: MeterObserver,
  self: ActorRef<SiteMsg>,
): Promise<void> {
  const meterId = config.site.buildingMeterChargerId
  if (config.site.buildingMeter !== 'ocpp' || !meterId) return
  if (meter.protocol === undefined)
    meter.protocol = (await deps.chargers.findMany([meterId]))[0]?.protocol ?? null
  const variables = meter.askNow(config, deps.clock.now())
  if (!variables) return
  const told = (status: string) => self.tell({ type: 'site.meterAnswered', intervalS: FAST_METER_S, status })
  deps.command(meterId, { type: 'setVariables', variables }).then(
    (outcome) => told(outcome.status),
    () => told('Failed'),
  )
}
