import type { SiteSession } from './sessions'

/** The "now" of the site loop's pure tests: 1 June 2026 18:00 UTC. */
export const TEST_NOW = Date.UTC(2026, 5, 1, 18)

/** A running session on `A#1`, plugged in an hour before {@link TEST_NOW}, with 5 of 10 kWh delivered. */
export function testSession(p: Partial<SiteSession> = {}): SiteSession {
  return {
    key: 'A#1',
    transactionId: 1,
    chargerId: 'A',
    evseId: 1,
    idTag: null,
    startedAt: TEST_NOW - 3600_000,
    energyWh: 5000,
    energyNeedWh: 10_000,
    departureAt: null,
    departureSource: 'default',
    evMinA: null,
    evMaxA: null,
    drawA: null,
    drawAt: null,
    previousDraw: null,
    chargingState: 'Charging',
    evPhases: null,
    declined: null,
    onSince: null,
    priorityTier: 5,
    drewUnderA: null,
    learnedMinA: null,
    ...p,
  }
}
