import type { ChargersRepo } from '@src/db/repos/chargers'
import { reachOwned } from '@src/db/repos/seen'
import type { TraceStep } from '@src/domain/access/evaluate'
import { type AuthorizationStatus16, status16 } from '@src/domain/access/vocabulary'
import type { AuthorizationStatus } from '@src/domain/charger/types'
import type { Scope } from '@src/domain/tenancy/scope'
import type { AccessDirectory } from './access-directory'

/** A "try a token" question: this card at this charger (and EVSE) at this instant. */
export interface TryToken {
  chargerId: string
  evseId: number | null
  uid: string
  at: number
}

/** What the evaluator answers, in both protocols' words, with the policy that decided and why. */
export interface TryAnswer {
  allowed: boolean
  /** The OCPP 2.0.1 status. */
  status: AuthorizationStatus
  /** The OCPP 1.6 status (`status16`). */
  status16: AuthorizationStatus16
  decidedBy: 'token' | 'policy' | 'default'
  policy: { id: string; name: string } | null
  siteDefault: 'allowAccepted' | 'deny' | null
  priceGroup: string | null
  priorityTier: number | null
  maxSessionMinutes: number | null
  validUntil: number | null
  trace: TraceStep[]
  explanation: string[]
}

/** The outcome: the answer, or 404 for a charger the caller may not see (or that does not exist). */
export type TryOutcome = { ok: true; answer: TryAnswer } | { ok: false; status: 404; message: string }

/**
 * "Try a token" for the admin and the API: the very decision a charger would get
 * (`AccessDirectory.decide`), read-only, for a charger the caller may see with `policies:read`. The
 * token may be anyone's: a charger answers any card presented to it, and the answer says only what
 * that charger would say. Asked as a check, not a start: the token is taken as charging nowhere else.
 */
export class AccessCheck {
  constructor(private readonly deps: { chargers: ChargersRepo; access: AccessDirectory }) {}

  /** Decides `q` as the charger would, if the scope may see the charger. */
  async check(scope: Scope, q: TryToken): Promise<TryOutcome> {
    const charger = await this.deps.chargers.find(q.chargerId)
    const r = reachOwned(scope, charger, charger?.organizationId, {
      read: 'policies:read',
      permission: 'policies:read',
      missing: `no charger ${q.chargerId}`,
    })
    if (!r.ok) return { ok: false, status: 404, message: r.message }
    const out = await this.deps.access.decide({
      chargerId: q.chargerId,
      evseId: q.evseId,
      uid: q.uid,
      now: q.at,
      busyElsewhere: false,
    })
    const d = out.decision
    return {
      ok: true,
      answer: {
        allowed: d.allowed,
        status: d.status,
        status16: status16(d.status),
        decidedBy: d.decidedBy.kind,
        policy: d.decidedBy.kind === 'policy' ? { id: d.decidedBy.id, name: d.decidedBy.name } : null,
        siteDefault: d.decidedBy.kind === 'default' ? d.decidedBy.value : null,
        priceGroup: d.priceGroup,
        priorityTier: d.priorityTier,
        maxSessionMinutes: d.maxSessionMinutes,
        validUntil: d.validUntil,
        trace: d.trace,
        explanation: out.explanation,
      },
    }
  }
}
