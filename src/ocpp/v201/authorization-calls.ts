import type { CallBuilders } from '../call-builders'
import { localList } from '../local-list'
import { formatWireTime } from '../wire-time'
import { type Call, central } from './calls'

/**
 * The authorization data a station keeps: functional block C's authorization cache (C11 ClearCache)
 * and block D, LocalAuthorizationListManagement (D01 SendLocalList, D02 GetLocalListVersion).
 */
export const authorizationCalls = {
  clearCache: () => ({ action: 'ClearCache', payload: {} }),
  sendLocalList: (c) => ({
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
  }),
  getLocalListVersion: () => ({
    action: 'GetLocalListVersion',
    payload: {},
    read: (r) => ({ status: 'Accepted', data: { version: r.versionNumber } }),
  }),
} satisfies CallBuilders<Call>
