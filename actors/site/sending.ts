import type { ActorRef } from '@actors/runtime/types'
import { fallbackProfile, setpointProfile } from '@src/domain/site/setpoint-profiles'
import type { Delivery } from './delivery'
import type { SiteDeps } from './deps'
import type { SiteMsg } from './protocol'
import type { SiteState } from './state'

/** The fence that proves a setpoint comes from the site's current owner. */
const fenceOf = (state: SiteState) => ({ key: `site:${state.siteId}`, token: state.lease!.token })

/**
 * Sends setpoints as TxProfiles, all at once (reductions are first in the list), without waiting: each
 * charger's answer comes back to the actor as a `site.setpointResult` message.
 */
export function sendSetpoints(
  deps: SiteDeps,
  state: SiteState,
  deliveries: Delivery[],
  self: ActorRef<SiteMsg>,
  now: number,
): void {
  for (const d of deliveries) {
    const s = state.sessions.get(d.key)
    if (!s) continue
    const profile = setpointProfile(d.limitA, s.transactionId, s.evseId, now)
    const base = { key: d.key, transactionId: s.transactionId, limitA: d.limitA }
    deps
      .command(s.chargerId, { type: 'setChargingProfile', evseId: s.evseId, profile, fence: fenceOf(state) })
      .then(
        (outcome) => self.tell({ type: 'site.setpointResult', ...base, outcome }),
        (err: unknown) =>
          self.tell({
            type: 'site.setpointResult',
            ...base,
            outcome: { status: 'Failed', detail: String(err) },
          }),
      )
  }
}

/** Installs the site's fail-safe default on a charger (what it may draw without the CSMS). */
export function sendFallback(deps: SiteDeps, state: SiteState, chargerId: string): void {
  const profile = fallbackProfile(state.failSafeA)
  void deps
    .command(chargerId, { type: 'setChargingProfile', evseId: 0, profile, fence: fenceOf(state) })
    .catch(() => undefined)
}
