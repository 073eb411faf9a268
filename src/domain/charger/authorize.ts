import type { IdTokenInfo } from './types'

/** The stored facts about a token that decide its authorisation. */
export interface TokenFacts {
  status: string
  expiresAt: number | null
  parentUid: string | null
  allowConcurrentTx: boolean
}

/**
 * Decides what a charger is told about a token (pure).
 *
 * Unknown tokens are Invalid; a stored status other than Accepted is passed on; an expired token is
 * Expired; a token starting a transaction while it charges elsewhere (`busyElsewhere`: another charger
 * or another EVSE) is ConcurrentTx unless it may charge several cars at once. Whether busy counts is the
 * caller's: only a start can be concurrent (see `actors/charger/authorization.ts`).
 *
 * @example
 * decideAuthorization(undefined, now, false) // { status: 'Invalid' }
 */
export function decideAuthorization(
  token: TokenFacts | undefined,
  now: number,
  busyElsewhere: boolean,
): IdTokenInfo {
  if (!token) return { status: 'Invalid' }
  const base: IdTokenInfo = { status: 'Accepted' }
  if (token.expiresAt !== null) base.expiresAt = token.expiresAt
  if (token.parentUid !== null) base.groupId = token.parentUid
  if (token.status !== 'Accepted') return { ...base, status: token.status as IdTokenInfo['status'] }
  if (token.expiresAt !== null && token.expiresAt <= now) return { ...base, status: 'Expired' }
  if (busyElsewhere && !token.allowConcurrentTx) return { ...base, status: 'ConcurrentTx' }
  return base
}
