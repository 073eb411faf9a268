import { outcome } from '@src/domain/charger/commands'
import type { CallBuilders } from '../call-builders'
import type { Call } from './calls'
import type { RequestMap } from './generated/messages'
import { profile16 } from './profiles'

/**
 * OCPP 1.6 Smart Charging profile: SetChargingProfile, ClearChargingProfile and
 * GetCompositeSchedule. 1.6 cannot list the installed profiles, so `getChargingProfiles` points to the
 * composite schedule instead.
 */
export const smartChargingCalls = {
  setChargingProfile: (c) => ({
    action: 'SetChargingProfile',
    payload: { connectorId: c.evseId, csChargingProfiles: profile16(c.profile, c.wireTxId) },
  }),
  clearChargingProfile: (c) => {
    const payload: RequestMap['ClearChargingProfile'] = {}
    if (c.profileId !== undefined) payload.id = c.profileId
    if (c.evseId !== undefined) payload.connectorId = c.evseId
    if (c.purpose)
      payload.chargingProfilePurpose =
        c.purpose === 'ChargingStationMaxProfile' ? 'ChargePointMaxProfile' : c.purpose
    if (c.stackLevel !== undefined) payload.stackLevel = c.stackLevel
    return { action: 'ClearChargingProfile', payload }
  },
  getChargingProfiles: () =>
    outcome.notSupported('OCPP 1.6 has no GetChargingProfiles; use getCompositeSchedule'),
  getCompositeSchedule: (c) => ({
    action: 'GetCompositeSchedule',
    payload: {
      connectorId: c.evseId,
      duration: c.durationS,
      ...(c.rateUnit ? { chargingRateUnit: c.rateUnit } : {}),
    },
    read: (r) => ({ data: { ...r } }),
  }),
} satisfies CallBuilders<Call>
