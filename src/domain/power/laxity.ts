/**
 * A session's laxity (s): the time it has left (at least one planning period) minus the time it needs
 * at its full rate. The scheduler orders by it; the demand model uses it to rank unknown departures
 * behind known ones. `remainingAs` is in ampere-seconds of the session's own current.
 */
export function laxityS(timeLeftS: number, remainingAs: number, evMaxA: number, periodS: number): number {
  return Math.max(periodS, timeLeftS) - remainingAs / Math.max(evMaxA, 1e-9)
}
