import type { CallBuilders } from '../call-builders'
import { nextRequestId } from '../request-ids'
import type { Call } from './calls'
import { profile201 } from './profiles'

/**
 * OCPP 2.0.1 functional block K, SmartCharging: SetChargingProfile (K01), ClearChargingProfile (K10),
 * GetChargingProfiles (K09, the profiles arrive later as ReportChargingProfiles with the request id)
 * and GetCompositeSchedule (K08).
 */
export const smartChargingCalls = {
  setChargingProfile: (c) => ({
    action: 'SetChargingProfile',
    payload: { evseId: c.evseId, chargingProfile: profile201(c.profile, c.wireTxId) },
  }),
  clearChargingProfile: (c) => {
    const criteria = {
      ...(c.evseId === undefined ? {} : { evseId: c.evseId }),
      ...(c.purpose ? { chargingProfilePurpose: c.purpose } : {}),
      ...(c.stackLevel === undefined ? {} : { stackLevel: c.stackLevel }),
    }
    const payload = {
      ...(c.profileId === undefined ? {} : { chargingProfileId: c.profileId }),
      ...(Object.keys(criteria).length ? { chargingProfileCriteria: criteria } : {}),
    }
    return { action: 'ClearChargingProfile', payload }
  },
  getChargingProfiles: (c) => {
    const requestId = nextRequestId()
    const criterion = {
      ...(c.purpose ? { chargingProfilePurpose: c.purpose } : {}),
      ...(c.stackLevel === undefined ? {} : { stackLevel: c.stackLevel }),
      ...(c.profileIds ? { chargingProfileId: c.profileIds } : {}),
    }
    return {
      action: 'GetChargingProfiles',
      payload: {
        requestId,
        chargingProfile: criterion,
        ...(c.evseId === undefined ? {} : { evseId: c.evseId }),
      },
      read: () => ({ data: { requestId } }),
    }
  },
  getCompositeSchedule: (c) => ({
    action: 'GetCompositeSchedule',
    payload: {
      duration: c.durationS,
      evseId: c.evseId,
      ...(c.rateUnit ? { chargingRateUnit: c.rateUnit } : {}),
    },
    read: (r) => ({ data: { ...r } }),
  }),
} satisfies CallBuilders<Call>
