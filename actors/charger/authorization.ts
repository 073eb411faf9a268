import type { TransactionRow } from '@src/db/repos/transactions'
import type { WriteQuery } from '@src/db/writer'
import { decideAuthorization } from '@src/domain/charger/authorize'
import type { IdToken, IdTokenInfo } from '@src/domain/charger/types'
import type { AccessOutcome } from '@src/services/access-directory'
import type { SessionTariff } from '@src/services/session-tariffs'
import type { ChargerContext } from './context'

/**
 * Why a token is presented: to ask (Authorize: 1.6 and 2.0.1 name no EVSE), to start or carry on a
 * transaction on an EVSE, to start one remotely, or to stop one. Only a start can be concurrent: OCPP
 * 1.6 §7.2 allows `ConcurrentTx` in StartTransaction's answer only, so an Authorize is never answered
 * so and the start is refused instead (both versions alike, since the neutral actor does not know
 * which one it serves). A stop is never refused by access policies: only the token's own status counts.
 */
export type AuthorizePurpose =
  | { kind: 'authorize' }
  | { kind: 'start'; evseId: number }
  | { kind: 'remoteStart'; evseId: number | null }
  | { kind: 'stop' }

/** What an accepted start gives its session: the deciding policy, its price group and tier, when the CSMS stops it, its tariff version. */
export type SessionGrant = Pick<
  TransactionRow,
  'accessPolicyId' | 'priceGroup' | 'priorityTier' | 'stopBy' | 'tariffId' | 'tariffVersion'
>

/** A token's authorisation: the neutral answer, what a session started with it gets, and a refusal to record. */
export interface Authorization {
  info: IdTokenInfo
  /** Present when accepted by the access evaluator (not for a stop). */
  grant?: SessionGrant
  /** The refusal's insert, to go in the same commit as the answer; present when refused. */
  refusal?: WriteQuery
  /** The evaluator's explanation lines (empty for a stop). */
  explanation: string[]
}

/**
 * Authorisation of a token presented at this charger, for the given purpose: the token's own status
 * first (unknown, blocked, expired, concurrent at a start), then, except for a stop, the access
 * policies of the charger's place (`deps.access.decide`). An accepted token's expiry becomes the end
 * of its current window when sooner, so a charger's cache does not let it in after the window closes.
 */
export async function authorizeToken(
  ctx: ChargerContext,
  idToken: IdToken,
  purpose: AuthorizePurpose,
): Promise<Authorization> {
  const { deps } = ctx
  const now = deps.clock.now()
  const token = await deps.tokens.find(idToken.id)
  const starting = purpose.kind === 'start' || purpose.kind === 'remoteStart'
  const mayBeBusy = starting && token?.status === 'Accepted' && !token.allowConcurrentTx
  const open = mayBeBusy ? await deps.transactions.openOfTag(idToken.id) : []
  const evseId = purpose.kind === 'start' || purpose.kind === 'remoteStart' ? purpose.evseId : null
  const busy = open.some((o) => o.chargerId !== ctx.chargerId || (evseId !== null && o.evseId !== evseId))
  const own = decideAuthorization(token, now, busy)
  if (purpose.kind === 'stop') return { info: own, explanation: [] }
  const outcome = await deps.access.decide({
    chargerId: ctx.chargerId,
    evseId,
    uid: idToken.id,
    now,
    busyElsewhere: busy,
  })
  const tariff =
    outcome.decision.allowed && starting
      ? await deps.tariffs.choose(outcome.organizationId, outcome.decision.priceGroup)
      : null
  return fromOutcome(ctx, idToken, purpose, own, outcome, now, tariff)
}

function fromOutcome(
  ctx: ChargerContext,
  idToken: IdToken,
  purpose: Exclude<AuthorizePurpose, { kind: 'stop' }>,
  own: IdTokenInfo,
  outcome: AccessOutcome,
  now: number,
  tariff: SessionTariff | null,
): Authorization {
  const { decision, explanation } = outcome
  const info: IdTokenInfo = { ...own, status: decision.status }
  if (decision.allowed) {
    if (decision.validUntil !== null) info.expiresAt = decision.validUntil
    const { decidedBy, maxSessionMinutes } = decision
    const grant: SessionGrant = {
      accessPolicyId: decidedBy.kind === 'policy' ? decidedBy.id : null,
      priceGroup: decision.priceGroup,
      priorityTier: decision.priorityTier,
      stopBy: maxSessionMinutes === null ? null : now + maxSessionMinutes * 60_000,
      tariffId: tariff?.tariffId ?? null,
      tariffVersion: tariff?.tariffVersion ?? null,
    }
    return { info, grant, explanation }
  }
  const refusal = ctx.deps.accessRefusals.insert({
    organizationId: outcome.organizationId,
    chargerId: ctx.chargerId,
    evseId: purpose.kind === 'authorize' ? null : purpose.evseId,
    idToken: idToken.id,
    purpose: purpose.kind,
    status: decision.status,
    decidedBy: decision.decidedBy.kind,
    policyId: decision.decidedBy.kind === 'policy' ? decision.decidedBy.id : null,
    explanation,
    at: now,
  })
  return { info, refusal, explanation }
}

/** An Authorize: the token's answer, with a refusal recorded (one commit) before the charger hears it. */
export async function authorizeAndRecord(ctx: ChargerContext, idToken: IdToken): Promise<IdTokenInfo> {
  const auth = await authorizeToken(ctx, idToken, { kind: 'authorize' })
  if (auth.refusal) await ctx.deps.writer.write([auth.refusal])
  return auth.info
}
