import type { Reply } from '@actors/runtime/types'
import type { ChargerEvent } from '@src/domain/charger/events'
import type { LiveSession } from '@src/domain/sessions/live-session'

/**
 * What a session actor handles: its charger's events about its transaction (validated at the bus),
 * its own throttle timer, and a read of its live view.
 */
export type SessionMsg =
  | { type: 'session.chargerEvent'; event: ChargerEvent }
  /** The throttle interval passed: publish what changed since the last update. */
  | { type: 'session.tick' }
  | { type: 'session.get'; reply: Reply<LiveSession | undefined> }
