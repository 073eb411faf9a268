import type { CommandOutcome } from '@src/domain/charger/commands'
import type { ChargerEvent } from '@src/domain/charger/events'
import type { PerPhase } from '@src/domain/power'

/** Everything a site actor handles, one message at a time. */
export type SiteMsg =
  /** The loop's fixed-delay tick, or (`replan`) an early one because something changed. */
  | { type: 'site.tick'; replan?: boolean }
  /** Take or renew the site's lease (single owner in the cluster). */
  | { type: 'site.lease' }
  /** The configuration or a departure changed: read them again. */
  | { type: 'site.reload' }
  | { type: 'site.chargerEvent'; event: ChargerEvent }
  | { type: 'site.meter'; currentA: PerPhase; measuredAt: number }
  /** What the OCPP building meter answered when asked to report every `intervalS`. */
  | { type: 'site.meterAnswered'; intervalS: number; status: string }
  /** What a charger answered to a setpoint. */
  | {
      type: 'site.setpointResult'
      key: string
      transactionId: number
      limitA: number
      outcome: CommandOutcome
    }
