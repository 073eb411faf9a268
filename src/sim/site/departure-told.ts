import type { Rng } from '@src/sim/prng'
import type { DepartureInfo } from './types'

/** How drivers tell their departure: the share who do, and how far off they are. */
export interface TellingHabits {
  /** Share of drivers who give a departure at all. */
  readonly toldShare: number
  /** Standard deviation of a told departure around the real one (s). */
  readonly errorSdS: number
}

/** The departure a driver tells for a real one at `departureS`, or none. */
export function tellDeparture(rng: Rng, departureS: number, habits: TellingHabits): DepartureInfo {
  if (rng.next() >= habits.toldShare) return { kind: 'none' }
  return { kind: 'told', atS: Math.round(departureS + rng.normal(0, habits.errorSdS)) }
}
