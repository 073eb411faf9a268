import { type CallBuilders, retries } from '../call-builders'
import { nextRequestId } from '../request-ids'
import { formatWireTime } from '../wire-time'
import type { Call } from './calls'

/**
 * OCPP 2.0.1 functional block N, Diagnostics: GetLog (N01) of the diagnostics or the security log; the
 * request id correlates the LogStatusNotifications of the upload.
 */
export const diagnosticsCalls = {
  getLog: (c) => {
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
  },
} satisfies CallBuilders<Call>
