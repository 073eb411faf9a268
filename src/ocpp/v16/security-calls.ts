import { outcome } from '@src/domain/charger/commands'
import { type CallBuilders, type CommandOf, retries } from '../call-builders'
import { nextRequestId } from '../request-ids'
import { formatWireTime } from '../wire-time'
import type { Call } from './calls'

/**
 * The OCPP 1.6 security extension (Improved security for OCPP 1.6-J): certificate management here; its
 * signed firmware, security log and extended trigger messages are built by the helpers below for the
 * profiles whose commands they extend (Firmware Management, Remote Trigger).
 */
export const securityCalls = {
  certificateSigned: (c) => ({
    action: 'CertificateSigned',
    payload: { certificateChain: c.certificateChain },
  }),
  installCertificate: (c) => {
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
  },
  getInstalledCertificateIds: (c) => {
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
  },
  deleteCertificate: (c) => ({ action: 'DeleteCertificate', payload: { certificateHashData: c.hash } }),
} satisfies CallBuilders<Call>

/** SignedUpdateFirmware: firmware with a signature and the certificate that signed it. */
export function signedFirmwareCall(
  c: CommandOf<'updateFirmware'> & { signingCertificate: string; signature: string },
): Call {
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
    payload: { requestId, firmware, ...retries(c) },
    read: (r) => ({ data: { ...r, requestId } }),
  }
}

/** GetLog of the security log; the request id correlates the LogStatusNotifications that follow. */
export function securityLogCall(c: CommandOf<'getLog'>): Call {
  const requestId = nextRequestId()
  const log = {
    remoteLocation: c.location,
    ...(c.oldest === undefined ? {} : { oldestTimestamp: formatWireTime(c.oldest) }),
    ...(c.latest === undefined ? {} : { latestTimestamp: formatWireTime(c.latest) }),
  }
  return {
    action: 'GetLog',
    payload: { log, logType: 'SecurityLog', requestId, ...retries(c) },
    read: (r) => ({ data: { ...r, requestId } }),
  }
}

/** The messages the security extension added, which only ExtendedTriggerMessage can ask for. */
const extendedTriggers: Record<string, 'LogStatusNotification' | 'SignChargePointCertificate'> = {
  LogStatusNotification: 'LogStatusNotification',
  SignChargingStationCertificate: 'SignChargePointCertificate',
}

/** ExtendedTriggerMessage for a message the security extension added, or undefined for any other. */
export function extendedTriggerCall(message: string, evseId: number | undefined): Call | undefined {
  const requestedMessage = extendedTriggers[message]
  if (!requestedMessage) return undefined
  const connector = evseId === undefined ? {} : { connectorId: evseId }
  return { action: 'ExtendedTriggerMessage', payload: { requestedMessage, ...connector } }
}
