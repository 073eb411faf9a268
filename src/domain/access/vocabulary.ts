import type { AuthorizationStatus } from '../charger/types'

/** The five statuses OCPP 1.6 knows. */
export type AuthorizationStatus16 = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx'

/**
 * A decision's status in OCPP 1.6 words. The 2.0.1-only refusals keep what they tell the driver:
 * `NotAtThisTime` and `NoCredit` become `Blocked` (the card is known and good, but refused now: a
 * charger shows "blocked", not "unknown card"); `NotAtThisLocation`, `NotAllowedTypeEVSE` and
 * `Unknown` become `Invalid` (the card is not valid here). 2.0.1 uses the status as it is.
 *
 * @example
 * status16('NotAtThisTime') // 'Blocked'
 */
export function status16(status: AuthorizationStatus): AuthorizationStatus16 {
  switch (status) {
    case 'Accepted':
    case 'Blocked':
    case 'Expired':
    case 'Invalid':
    case 'ConcurrentTx':
      return status
    case 'NotAtThisTime':
    case 'NoCredit':
      return 'Blocked'
    case 'NotAtThisLocation':
    case 'NotAllowedTypeEVSE':
    case 'Unknown':
      return 'Invalid'
  }
}
