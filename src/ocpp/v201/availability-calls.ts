import type { CallBuilders } from '../call-builders'
import type { Call } from './calls'

/**
 * OCPP 2.0.1 functional block G, Availability: ChangeAvailability of an EVSE or connector (G03) or,
 * for EVSE 0, of the whole station (G04).
 */
export const availabilityCalls = {
  changeAvailability: (c) => {
    const evse =
      c.evseId > 0 ? { evse: { id: c.evseId, ...(c.connectorId ? { connectorId: c.connectorId } : {}) } } : {}
    return {
      action: 'ChangeAvailability',
      payload: { operationalStatus: c.operative ? 'Operative' : 'Inoperative', ...evse },
    }
  },
} satisfies CallBuilders<Call>
