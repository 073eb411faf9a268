import type { CallBuilders } from '../call-builders'
import type { Call } from './calls'

/** OCPP 2.0.1 functional block P, DataTransfer (P01): a vendor-specific message, answered as it came. */
export const dataTransferCalls = {
  dataTransfer: (c) => ({
    action: 'DataTransfer',
    payload: {
      vendorId: c.vendorId,
      ...(c.messageId ? { messageId: c.messageId } : {}),
      ...(c.data === undefined ? {} : { data: c.data }),
    },
    read: (r) => ({ data: { ...r } }),
  }),
} satisfies CallBuilders<Call>
