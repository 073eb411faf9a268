import { type CommandOutcome, outcome, type WireCommand } from '@src/domain/charger/commands'
import { localList } from '../local-list'
import { nextRequestId } from '../request-ids'
import { formatWireTime } from '../wire-time'
import { type Call, central, certificateUse, retries } from './calls'
import { profile201 } from './profiles'

/** Smart charging, logs, firmware, reservations, local lists, data transfer and certificates. */
export function toCall201More(c: WireCommand): Call | CommandOutcome {
  switch (c.type) {
    case 'setChargingProfile':
      return {
        action: 'SetChargingProfile',
        payload: { evseId: c.evseId, chargingProfile: profile201(c.profile, c.wireTxId) },
      }
    case 'clearChargingProfile': {
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
    }
    case 'getChargingProfiles': {
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
    }
    case 'getCompositeSchedule':
      return {
        action: 'GetCompositeSchedule',
        payload: {
          duration: c.durationS,
          evseId: c.evseId,
          ...(c.rateUnit ? { chargingRateUnit: c.rateUnit } : {}),
        },
        read: (r) => ({ data: { ...r } }),
      }
    case 'getLog': {
      const requestId = nextRequestId()
      const log = {
        remoteLocation: c.location,
        ...(c.oldest === undefined ? {} : { oldestTimestamp: formatWireTime(c.oldest) }),
        ...(c.latest === undefined ? {} : { latestTimestamp: formatWireTime(c.latest) }),
      }
      return {
        action: 'GetLog',
        payload: { log, logType: c.logType, requestId, ...retries(c) },
        read: (r) => ({ data: { ...r, requestId } }),
      }
    }
    case 'updateFirmware': {
      const requestId = nextRequestId()
      const firmware = {
        location: c.location,
        retrieveDateTime: formatWireTime(c.retrieveAt),
        ...(c.installAt === undefined ? {} : { installDateTime: formatWireTime(c.installAt) }),
        ...(c.signingCertificate ? { signingCertificate: c.signingCertificate } : {}),
        ...(c.signature ? { signature: c.signature } : {}),
      }
      return {
        action: 'UpdateFirmware',
        payload: { requestId, firmware, ...retries(c) },
        read: () => ({ data: { requestId } }),
      }
    }
    default:
      return toCall201Rest(c)
  }
}

function toCall201Rest(c: WireCommand): Call | CommandOutcome {
  switch (c.type) {
    case 'reserveNow':
      return {
        action: 'ReserveNow',
        payload: {
          id: c.reservationId,
          expiryDateTime: formatWireTime(c.expiresAt),
          idToken: central(c.idTag),
          ...(c.evseId === undefined ? {} : { evseId: c.evseId }),
          ...(c.groupIdTag ? { groupIdToken: central(c.groupIdTag) } : {}),
        },
      }
    case 'cancelReservation':
      return { action: 'CancelReservation', payload: { reservationId: c.reservationId } }
    case 'sendLocalList':
      return {
        action: 'SendLocalList',
        payload: {
          versionNumber: c.version,
          updateType: c.updateType,
          ...localList(c.entries, (e) => ({
            idToken: central(e.idTag),
            ...(e.status
              ? {
                  idTokenInfo: {
                    status: e.status,
                    ...(e.expiresAt ? { cacheExpiryDateTime: formatWireTime(e.expiresAt) } : {}),
                    ...(e.groupId ? { groupIdToken: central(e.groupId) } : {}),
                  },
                }
              : {}),
          })),
        },
      }
    case 'getLocalListVersion':
      return {
        action: 'GetLocalListVersion',
        payload: {},
        read: (r) => ({ status: 'Accepted', data: { version: r.versionNumber } }),
      }
    case 'dataTransfer':
      return {
        action: 'DataTransfer',
        payload: {
          vendorId: c.vendorId,
          ...(c.messageId ? { messageId: c.messageId } : {}),
          ...(c.data === undefined ? {} : { data: c.data }),
        },
        read: (r) => ({ data: { ...r } }),
      }
    case 'certificateSigned':
      return {
        action: 'CertificateSigned',
        payload: {
          certificateChain: c.certificateChain,
          ...(c.certificateType ? { certificateType: c.certificateType } : {}),
        },
      }
    case 'installCertificate':
      return {
        action: 'InstallCertificate',
        payload: { certificate: c.certificate, certificateType: certificateUse(c.certificateType) },
      }
    case 'getInstalledCertificateIds':
      return {
        action: 'GetInstalledCertificateIds',
        payload: c.certificateTypes ? { certificateType: c.certificateTypes.map(certificateUse) } : {},
        read: (r) => ({ data: { ...r } }),
      }
    case 'deleteCertificate':
      return { action: 'DeleteCertificate', payload: { certificateHashData: c.hash } }
    default:
      return outcome.notSupported(`${c.type} is not available in OCPP 2.0.1`)
  }
}
