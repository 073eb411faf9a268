import type { ChargingProfile } from '../charger/charging-profile'

/** How long a setpoint stays in force at the charger unless renewed (s). */
export const SETPOINT_TTL_S = 300
/** Setpoints older than this are sent again, so they never run out while the loop is alive (ms). */
export const SETPOINT_REFRESH_MS = 120_000
/** Profile ids the site loop uses (chargers replace a profile with the same id). */
export const PROFILE_ID = { setpoint: 9101, fallback: 9100 }

/**
 * A site setpoint as a TxProfile that runs out: if the CSMS stops renewing it, the charger falls back
 * to the site's fail-safe default, never to a stale high limit. It starts a minute back so a charger
 * whose clock is a little behind applies it at once.
 */
export function setpointProfile(limitA: number, transactionId: number, now: number): ChargingProfile {
  return {
    id: PROFILE_ID.setpoint,
    stackLevel: 2,
    purpose: 'TxProfile',
    kind: 'Absolute',
    transactionId,
    schedule: {
      rateUnit: 'A',
      startSchedule: now - 60_000,
      durationS: SETPOINT_TTL_S + 60,
      periods: [{ startPeriodS: 0, limit: Math.floor(limitA * 10) / 10 }],
    },
  }
}

/** The fail-safe default every charger on a site gets when it connects: what it may do alone. */
export function fallbackProfile(limitA: number): ChargingProfile {
  return {
    id: PROFILE_ID.fallback,
    stackLevel: 0,
    purpose: 'TxDefaultProfile',
    kind: 'Relative',
    schedule: { rateUnit: 'A', periods: [{ startPeriodS: 0, limit: Math.floor(limitA * 10) / 10 }] },
  }
}
