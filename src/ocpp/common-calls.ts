import type { BootAnswer } from '@actors/charger/protocol'
import type { RegistrationStatus, StationInfo } from '@src/domain/charger/types'
import type { OcppSession } from './session'

/** A time on the wire: RFC 3339 in UTC, as every OCPP version writes it. */
export const iso = (ms: number) => new Date(ms).toISOString()

/**
 * BootNotification, whichever version the station speaks: its actor decides the registration, and the
 * session remembers it (only an accepted station may send anything else).
 */
export async function bootAnswer(
  s: OcppSession,
  station: StationInfo,
): Promise<{ status: RegistrationStatus; currentTime: string; interval: number }> {
  const answer = await s.ask<BootAnswer>((reply) => ({ type: 'charger.boot', station, reply }))
  s.registration = answer.status
  return { status: answer.status, currentTime: iso(answer.currentTime), interval: answer.intervalS }
}

/** Heartbeat, whichever version: the CSMS's time. */
export async function heartbeatAnswer(s: OcppSession): Promise<{ currentTime: string }> {
  const { currentTime } = await s.ask<{ currentTime: number }>((reply) => ({
    type: 'charger.heartbeat',
    reply,
  }))
  return { currentTime: iso(currentTime) }
}
