import type { CallBuilders } from '../call-builders'
import { localList } from '../local-list'
import { formatWireTime } from '../wire-time'
import type { Call } from './calls'

/** OCPP 1.6 Local Auth List Management profile: SendLocalList and GetLocalListVersion. */
export const localAuthListCalls = {
  sendLocalList: (c) => ({
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
  }),
  getLocalListVersion: () => ({
    action: 'GetLocalListVersion',
    payload: {},
    read: (r) => ({ status: 'Accepted', data: { version: r.listVersion } }),
  }),
} satisfies CallBuilders<Call>
