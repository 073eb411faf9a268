import { decideAuthorization } from '@src/domain/charger/authorize'
import type { IdToken, IdTokenInfo } from '@src/domain/charger/types'
import type { ChargerContext } from './context'

/**
 * Why a token is presented: to ask (Authorize), to start or carry on a transaction on an EVSE, or to
 * stop one. Only a start can be concurrent: OCPP 1.6 §7.2 allows `ConcurrentTx` in StartTransaction's
 * answer only, so an Authorize is never answered so and the start is refused instead (both versions
 * alike, since the neutral actor does not know which one it serves).
 */
export type AuthorizePurpose = { kind: 'authorize' } | { kind: 'start'; evseId: number } | { kind: 'stop' }

/** Authorisation of a token presented at this charger, for the given purpose. */
export async function authorizeToken(
  ctx: ChargerContext,
  idToken: IdToken,
  purpose: AuthorizePurpose,
): Promise<IdTokenInfo> {
  const token = await ctx.deps.tokens.find(idToken.id)
  const mayBeBusy = purpose.kind === 'start' && token?.status === 'Accepted' && !token.allowConcurrentTx
  const open = mayBeBusy ? await ctx.deps.transactions.openOfTag(idToken.id) : []
  const busy = open.some(
    (o) => o.chargerId !== ctx.chargerId || (purpose.kind === 'start' && o.evseId !== purpose.evseId),
  )
  return decideAuthorization(token, ctx.deps.clock.now(), busy)
}
