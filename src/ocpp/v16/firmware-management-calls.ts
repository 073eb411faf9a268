import { type CallBuilders, retries } from '../call-builders'
import { formatWireTime } from '../wire-time'
import type { Call } from './calls'
import { securityLogCall, signedFirmwareCall } from './security-calls'

/**
 * OCPP 1.6 Firmware Management profile: UpdateFirmware and GetDiagnostics. A signed firmware
 * and the security log go out as the security extension's SignedUpdateFirmware and GetLog.
 */
export const firmwareManagementCalls = {
  updateFirmware: (c) => {
    const { signingCertificate, signature } = c
    if (signingCertificate && signature) return signedFirmwareCall({ ...c, signingCertificate, signature })
    return {
      action: 'UpdateFirmware',
      payload: { location: c.location, retrieveDate: formatWireTime(c.retrieveAt), ...retries(c) },
      read: () => ({ status: 'Accepted' }),
    }
  },
  getLog: (c) => {
    if (c.logType !== 'DiagnosticsLog') return securityLogCall(c)
    const window = {
      ...(c.oldest === undefined ? {} : { startTime: formatWireTime(c.oldest) }),
      ...(c.latest === undefined ? {} : { stopTime: formatWireTime(c.latest) }),
    }
    return {
      action: 'GetDiagnostics',
      payload: { location: c.location, ...retries(c), ...window },
      read: (r) => ({ status: 'Accepted', data: { ...r } }),
    }
  },
} satisfies CallBuilders<Call>
