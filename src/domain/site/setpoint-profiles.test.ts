import { describe, expect, test } from 'bun:test'
import { profile16 } from '@src/ocpp/v16/profiles'
import { type InstalledProfile, installProfile, limitsAt } from '@src/sim/charging-profiles'
import { fallbackProfile, setpointProfile } from './setpoint-profiles'

const now = Date.UTC(2026, 5, 1, 12)
const caps = { numberOfConnectors: 2, maxStackLevel: 8, maxPeriods: 24 }

/** Installs a profile the way a charger does (the simulator's OCPP 1.6 rules), or fails the test. */
function install(
  profiles: InstalledProfile[],
  connectorId: number,
  activeTxId: number,
  p = fallbackProfile(0),
) {
  const r = installProfile(
    profiles,
    { connectorId, profile: profile16(p, String(activeTxId)), now, activeTxId },
    caps,
  )
  if (r.status !== 'Accepted') throw new Error(r.reason)
  return r.profiles
}

describe('the site loop’s charging profiles', () => {
  test('K01.FR.05 - each EVSE’s setpoint has its own id, so a charger keeps them side by side', () => {
    let profiles = install([], 0, 0, fallbackProfile(0))
    profiles = install(profiles, 1, 11, setpointProfile(16, 11, 1, now))
    profiles = install(profiles, 2, 12, setpointProfile(10, 12, 2, now))
    const limitOn = (connectorId: number, txId: number) =>
      limitsAt(profiles, { connectorId, now, tx: { id: txId, startedAt: now }, voltage: 230, phases: 3 })
        .txLimitA
    expect(limitOn(1, 11)).toBe(16)
    expect(limitOn(2, 12)).toBe(10)
  })
})
