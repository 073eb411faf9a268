import type { CallBuilders } from '../call-builders'
import { formatWireTime } from '../wire-time'
import type { Call } from './calls'

/**
 * OCPP 1.6 Reservation profile: ReserveNow and CancelReservation. A reservation without a
 * connector reserves the charge point as a whole (connector 0).
 */
export const reservationCalls = {
  reserveNow: (c) => ({
    action: 'ReserveNow',
    payload: {
      connectorId: c.evseId ?? 0,
      expiryDate: formatWireTime(c.expiresAt),
      idTag: c.idTag,
      reservationId: c.reservationId,
      ...(c.groupIdTag ? { parentIdTag: c.groupIdTag } : {}),
    },
  }),
  cancelReservation: (c) => ({ action: 'CancelReservation', payload: { reservationId: c.reservationId } }),
} satisfies CallBuilders<Call>
