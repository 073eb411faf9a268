import type { CallBuilders } from '../call-builders'
import { formatWireTime } from '../wire-time'
import { type Call, central } from './calls'

/**
 * OCPP 2.0.1 functional block H, Reservation: ReserveNow (H01) of an EVSE or, without one, of any EVSE
 * of the station, and CancelReservation (H02).
 */
export const reservationCalls = {
  reserveNow: (c) => ({
    action: 'ReserveNow',
    payload: {
      id: c.reservationId,
      expiryDateTime: formatWireTime(c.expiresAt),
      idToken: central(c.idTag),
      ...(c.evseId === undefined ? {} : { evseId: c.evseId }),
      ...(c.groupIdTag ? { groupIdToken: central(c.groupIdTag) } : {}),
    },
  }),
  cancelReservation: (c) => ({ action: 'CancelReservation', payload: { reservationId: c.reservationId } }),
} satisfies CallBuilders<Call>
