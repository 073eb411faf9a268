import type { ChargerEvent } from '@src/domain/charger/events'
import type { ChargerDeps } from './deps'
import type { ChargerState } from './state'

/** What the charger actor's handlers share: its id, dependencies, live state and event publishing. */
export interface ChargerContext {
  chargerId: string
  deps: ChargerDeps
  state: ChargerState
  publish(event: ChargerEvent): void
}
