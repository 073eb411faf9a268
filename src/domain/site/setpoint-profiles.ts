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
/** The id of the fail-safe default profile the site loop installs on a whole charger (EVSE 0). */
export const FALLBACK_PROFILE_ID = 9100

/**
 * The id of the site loop's setpoint profile on one EVSE: 9101 on EVSE 1, 9102 on EVSE 2, and so on.
 * A charger replaces a profile with the same id wherever it is installed (OCPP 1.6 §3.13.2, 2.0.1
 * K01.FR.05), so one shared id would let each EVSE's setpoint wipe out the other EVSEs': their cars fall
 * back to the fail-safe while the loop counts on the limits it sent.
 */
export const setpointProfileId = (evseId: number) => FALLBACK_PROFILE_ID + evseId

/**
 * A site setpoint for the transaction on `evseId`, as a TxProfile that runs out: if the CSMS stops
 * renewing it, the charger falls back to the site's fail-safe default, never to a stale high limit. It
 * starts a minute back so a charger whose clock is a little behind applies it at once.
 */
export function setpointProfile(
  limitA: number,
  transactionId: number,
  evseId: number,
  now: number,
): ChargingProfile {
  return {
    id: setpointProfileId(evseId),
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
    id: FALLBACK_PROFILE_ID,
    stackLevel: 0,
    purpose: 'TxDefaultProfile',
    kind: 'Relative',
    schedule: { rateUnit: 'A', periods: [{ startPeriodS: 0, limit: Math.floor(limitA * 10) / 10 }] },
  }
}
