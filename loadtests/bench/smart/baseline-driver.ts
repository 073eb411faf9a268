import { SETPOINT_REFRESH_MS, SETPOINT_TTL_S } from '@src/domain/site/setpoint-profiles'
import type { SiteScenario, WorldOutput } from '@src/sim/site/types'
import type { SiteWorld } from '@src/sim/site/world'
import type { SentSetpoint } from './command-link'
import type { Controller } from './controller'
import { ControllerViewBuilder } from './controller-view'

/**
 * Runs a baseline {@link Controller} against a world as a live CSMS would: every second it hears what
 * the world reported, asks the controller for limits on what a CSMS would know (see
 * {@link ControllerViewBuilder}), and sends each charger a TxProfile when its limit changed, or again
 * before the last one runs out (the same lifetime and renewal as our loop's). Setpoints go through the
 * same world API as ours, so they take the same charger latency, are lost on the same dropped links and
 * ignored by the same disobeying chargers. A charger the CSMS knows is disconnected gets nothing.
 */
export class BaselineDriver {
  readonly #view: ControllerViewBuilder
  readonly #sent = new Map<string, { limitA: number; at: number }>()

  constructor(
    private readonly scenario: SiteScenario,
    private readonly world: SiteWorld,
    private readonly controller: Controller,
    private readonly onSent: (s: SentSetpoint) => void,
  ) {
    this.#view = new ControllerViewBuilder(scenario)
  }

  /** A baseline has no loop of its own: it is asked once a second. */
  readonly ticks = null

  get refusedDepartures(): number {
    return this.#view.refusedDepartures
  }

  /** Hears second `s`'s output and sends the limits the controller then gives. */
  async second(s: number, outputs: readonly WorldOutput[]): Promise<void> {
    for (const o of outputs) {
      this.#view.take(o)
      if (o.type === 'charger.transactionStarted' || o.type === 'charger.connected')
        this.#sent.delete(o.chargerId)
    }
    const now = this.scenario.startAtMs + s * 1000
    for (const [chargerId, limitA] of this.controller.limits(this.#view.view(), now)) {
      if (!this.#view.connected.has(chargerId)) continue
      const last = this.#sent.get(chargerId)
      if (last && last.limitA === limitA && now - last.at < SETPOINT_REFRESH_MS) continue
      const answer = this.world.setLimit(chargerId, limitA, SETPOINT_TTL_S)
      this.onSent({ chargerId, limitA, purpose: 'limit', at: now, status: answer.status })
      this.#sent.set(chargerId, { limitA, at: now })
    }
  }

  async dispose(): Promise<void> {}
}
