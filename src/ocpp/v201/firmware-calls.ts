import { type CallBuilders, retries } from '../call-builders'
import { nextRequestId } from '../request-ids'
import { formatWireTime } from '../wire-time'
import type { Call } from './calls'

/**
 * OCPP 2.0.1 functional block L, FirmwareManagement: UpdateFirmware (L01), signed when a signing
 * certificate and signature are given; the request id correlates the FirmwareStatusNotifications.
 */
export const firmwareCalls = {
  updateFirmware: (c) => {
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
  },
} satisfies CallBuilders<Call>
