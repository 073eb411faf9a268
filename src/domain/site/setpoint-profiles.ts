import type { ChargingProfile } from '../charger/charging-profile'
import { phaseOf } from './jitter'

/** How long a setpoint stays in force at the charger unless renewed (s). */
export const SETPOINT_TTL_S = 300
/** Setpoints are sent again once they are this old at the earliest (ms). */
export const SETPOINT_REFRESH_MS = 120_000
/**
 * Each session's renewal falls at its own point of this window after {@link SETPOINT_REFRESH_MS} (ms),
 * so the thousands of setpoints a node sends together at start are not all renewed in the same second.
 */
export const SETPOINT_REFRESH_SPREAD_MS = 60_000

/**
 * When the setpoint session `key` was sent at `sentAt` is renewed: 120 to 180 s later, at a point fixed
 * by the key, always well inside the setpoint's 300 s lifetime, so a live loop never lets it run out.
 */
export function refreshDueAt(key: string, sentAt: number): number {
  return sentAt + SETPOINT_REFRESH_MS + Math.floor(phaseOf(key) * SETPOINT_REFRESH_SPREAD_MS)
}
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
