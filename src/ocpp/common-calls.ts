import type { BootAnswer } from '@actors/charger/protocol'
import type { StationInfo } from '@src/domain/charger/types'
import { type Inbound, inbound } from './dispatch'
import { formatWireTime } from './wire-time'

/**
 * BootNotification, whichever version the station speaks: its actor decides the registration, and the
 * session remembers it (only an accepted station may send anything else).
 */
export function boot(station: StationInfo): Inbound {
  return inbound<BootAnswer>(
    (reply) => ({ type: 'charger.booted', station, reply }),
    (a) => ({ status: a.status, currentTime: formatWireTime(a.currentTime), interval: a.intervalS }),
    (a) => a.status,
  )
}

/** Heartbeat, whichever version: the CSMS's time. */
export function heartbeat(): Inbound {
  return inbound<{ currentTime: number }>(
    (reply) => ({ type: 'charger.heartbeat', reply }),
    (a) => ({ currentTime: formatWireTime(a.currentTime) }),
  )
}
