import { type CommandOutcome, outcome, type WireCommand } from '@src/domain/charger/commands'
import { localList } from '../local-list'
import { nextRequestId } from '../request-ids'
import { formatWireTime } from '../wire-time'
import type { Call } from './calls'

/** UpdateFirmware, or SignedUpdateFirmware when the firmware is signed (security extension). */
export function firmwareCall(c: Extract<WireCommand, { type: 'updateFirmware' }>): Call {
  const retries = {
    ...(c.retries === undefined ? {} : { retries: c.retries }),
    ...(c.retryIntervalS === undefined ? {} : { retryInterval: c.retryIntervalS }),
  }
  if (c.signingCertificate && c.signature) {
    const requestId = nextRequestId()
    const firmware = {
      location: c.location,
      retrieveDateTime: formatWireTime(c.retrieveAt),
      signingCertificate: c.signingCertificate,
      signature: c.signature,
      ...(c.installAt === undefined ? {} : { installDateTime: formatWireTime(c.installAt) }),
    }
    return {
      action: 'SignedUpdateFirmware',
      payload: { requestId, firmware, ...retries },
      read: (r) => ({ data: { ...r, requestId } }),
    }
  }
  return {
    action: 'UpdateFirmware',
    payload: { location: c.location, retrieveDate: formatWireTime(c.retrieveAt), ...retries },
    read: () => ({ status: 'Accepted' }),
  }
}

/** Reservations, local lists, data transfer and the security extension's certificates. */
export function toCall16Rest(c: WireCommand): Call | CommandOutcome {
  switch (c.type) {
    case 'reserveNow':
      return {
        action: 'ReserveNow',
        payload: {
          connectorId: c.evseId ?? 0,
          expiryDate: formatWireTime(c.expiresAt),
          idTag: c.idTag,
          reservationId: c.reservationId,
          ...(c.groupIdTag ? { parentIdTag: c.groupIdTag } : {}),
        },
      }
    case 'cancelReservation':
      return { action: 'CancelReservation', payload: { reservationId: c.reservationId } }
    case 'sendLocalList':
      return {
        action: 'SendLocalList',
        payload: {
          listVersion: c.version,
          updateType: c.updateType,
          ...localList(c.entries, (e) => ({
            idTag: e.idTag,
            ...(e.status
              ? {
                  idTagInfo: {
                    status: e.status as 'Accepted',
                    ...(e.expiresAt ? { expiryDate: formatWireTime(e.expiresAt) } : {}),
                    ...(e.groupId ? { parentIdTag: e.groupId } : {}),
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
        read: (r) => ({ status: 'Accepted', data: { version: r.listVersion } }),
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
      return { action: 'CertificateSigned', payload: { certificateChain: c.certificateChain } }
    case 'installCertificate':
      if (
        c.certificateType !== 'CentralSystemRootCertificate' &&
        c.certificateType !== 'ManufacturerRootCertificate'
      ) {
        return outcome.notSupported(`OCPP 1.6 cannot install a ${c.certificateType}`)
      }
      return {
        action: 'InstallCertificate',
        payload: { certificate: c.certificate, certificateType: c.certificateType },
      }
    case 'getInstalledCertificateIds': {
      const certificateType = c.certificateTypes?.[0] ?? 'CentralSystemRootCertificate'
      if (
        certificateType !== 'CentralSystemRootCertificate' &&
        certificateType !== 'ManufacturerRootCertificate'
      ) {
        return outcome.notSupported(`OCPP 1.6 has no ${certificateType}`)
      }
      return {
        action: 'GetInstalledCertificateIds',
        payload: { certificateType },
        read: (r) => ({ data: { ...r } }),
      }
    }
    case 'deleteCertificate':
      return { action: 'DeleteCertificate', payload: { certificateHashData: c.hash } }
    default:
      return outcome.notSupported(`${c.type} is not available in OCPP 1.6`)
  }
}
