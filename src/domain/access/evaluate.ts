import { decideAuthorization } from '../charger/authorize'
import type { AuthorizationStatus } from '../charger/types'
import { budgetSpent } from './budget'
import type { AccessPlace, AccessPolicy, AccessToken, SiteAccess } from './model'
import { holidaySet, nextTimeChange, timeMatches } from './policy-time'
import { type CompiledWindow, compileWindows } from './windows'
import { wallTime } from './zone-time'

/** A policy with its windows parsed, in evaluation order. */
export interface CompiledPolicy {
  policy: AccessPolicy
  windows: CompiledWindow[]
}

/**
 * Policies ready to evaluate: enabled ones only, nearest organization's first (a site owner's rules
 * decide its sites; an ancestor's apply where they do not), by position within an organization.
 */
export interface PolicyBook {
  byOrganization: ReadonlyMap<string, readonly CompiledPolicy[]>
}

/** Compiles policies once (per change), so a check parses nothing. */
export function compilePolicies(policies: readonly AccessPolicy[]): PolicyBook {
  const byOrganization = new Map<string, CompiledPolicy[]>()
  for (const policy of [...policies].sort((a, b) => a.position - b.position)) {
    if (!policy.enabled) continue
    const list = byOrganization.get(policy.organizationId) ?? []
    list.push({ policy, windows: compileWindows(policy.windows) })
    byOrganization.set(policy.organizationId, list)
  }
  return { byOrganization }
}

/** One request: a token at a place at an instant, with this month's usage per budget subject (integer Wh). */
export interface AccessRequest {
  token: AccessToken | undefined
  place: AccessPlace
  site: SiteAccess
  book: PolicyBook
  now: number
  /** The token is charging elsewhere (only a start can be concurrent). */
  busyElsewhere: boolean
  /** Wh charged this month, keyed by {@link budgetKey}; absent: nothing charged. */
  usageWh: ReadonlyMap<string, number>
}

/** Why a policy that matched who and where did not decide, or decided. */
export interface TraceStep {
  policyId: string
  policyName: string
  outcome: 'allowed' | 'denied' | 'notNow' | 'budgetSpent'
}

/** What decided: the token's own status, a policy, or the site default. */
export type DecidedBy =
  | { kind: 'token' }
  | { kind: 'policy'; id: string; name: string }
  | { kind: 'default'; value: SiteAccess['accessDefault'] }

/** The answer, in the neutral vocabulary (see `vocabulary.ts` for 1.6), with what the session gets. */
export interface AccessDecision {
  allowed: boolean
  status: AuthorizationStatus
  decidedBy: DecidedBy
  priceGroup: string | null
  priorityTier: number | null
  maxSessionMinutes: number | null
  /** Until when an allowance holds: the end of the allowing window or validity, or the token's expiry, whichever first; null: no end. */
  validUntil: number | null
  trace: TraceStep[]
}

/**
 * The subject a policy's monthly budget counts for: the policy's own subject for token, driver,
 * household and business policies; for group and anyone policies, the token's payer (household,
 * else business account, else driver, else the token itself).
 */
export function budgetKey(policy: AccessPolicy, token: AccessToken): string {
  if (policy.whoKind !== 'group' && policy.whoKind !== 'anyone') return `${policy.whoKind}:${policy.whoId}`
  if (token.householdId) return `household:${token.householdId}`
  if (token.businessAccountId) return `business:${token.businessAccountId}`
  if (token.driverId) return `driver:${token.driverId}`
  return `token:${token.uid}`
}

function whoMatches(p: AccessPolicy, t: AccessToken): boolean {
  switch (p.whoKind) {
    case 'anyone':
      return true
    case 'token':
      return p.whoId === t.uid
    case 'driver':
      return p.whoId === t.driverId
    case 'household':
      return p.whoId === t.householdId
    case 'business':
      return p.whoId === t.businessAccountId
    case 'group':
      return p.whoId !== null && t.groupIds.has(p.whoId)
  }
}

/** Whether a policy's where covers a place (its organization, site, sub-circuit, charger or EVSE). */
export function whereMatches(p: AccessPolicy, at: AccessPlace): boolean {
  switch (p.whereKind) {
    case 'organization':
      return at.organizationChain.includes(p.whereId)
    case 'site':
      return p.whereId === at.siteId
    case 'circuit':
      return p.whereId === at.siteId && p.whereSub !== null && at.circuitChain.includes(p.whereSub)
    case 'charger':
      return p.whereId === at.chargerId
    case 'evse':
      return p.whereId === at.chargerId && at.evseId !== null && String(at.evseId) === p.whereSub
  }
}

const minOf = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b)

/**
 * Decides a token at a place now (Authorize, a transaction start, a remote start). The token's own
 * status comes first and keeps today's answers (Invalid, Blocked, Expired, ConcurrentTx). Then the
 * first enabled policy whose who, where and when match decides: deny refuses (NotAtThisTime when the
 * deny has a time condition, else NotAtThisLocation); allow accepts unless its budget is spent, in
 * which case later policies may still allow. When none decides, the site default does; a deny
 * default answers NoCredit if an allow matched but its budget was spent, NotAtThisTime if an allow
 * matched who and where but not now ("come back later"), else NotAtThisLocation ("not here").
 */
export function evaluateAccess(req: AccessRequest): AccessDecision {
  const { token, place, site, now } = req
  const info = decideAuthorization(token, now, req.busyElsewhere)
  const base = { priceGroup: null, priorityTier: null, maxSessionMinutes: null, trace: [] as TraceStep[] }
  if (!token || info.status !== 'Accepted') {
    return { ...base, allowed: false, status: info.status, decidedBy: { kind: 'token' }, validUntil: null }
  }
  const wall = wallTime(site.timeZone, now)
  const holidays = holidaySet(site.holidays)
  let notNow = false
  let spent = false
  for (const org of place.organizationChain) {
    for (const c of req.book.byOrganization.get(org) ?? []) {
      const p = c.policy
      if (!whoMatches(p, token) || !whereMatches(p, place)) continue
      const step = { policyId: p.id, policyName: p.name }
      if (!timeMatches(c, wall, holidays, now)) {
        if (p.effect === 'allow') notNow = true
        if (p.effect === 'allow') base.trace.push({ ...step, outcome: 'notNow' })
        continue
      }
      const decidedBy: DecidedBy = { kind: 'policy', id: p.id, name: p.name }
      if (p.effect === 'deny') {
        base.trace.push({ ...step, outcome: 'denied' })
        const timed =
          c.windows.length > 0 || p.validFrom !== null || p.validUntil !== null || p.holidays !== 'ignore'
        return {
          ...base,
          allowed: false,
          status: timed ? 'NotAtThisTime' : 'NotAtThisLocation',
          decidedBy,
          validUntil: null,
        }
      }
      if (
        p.monthlyKwhBudget !== null &&
        budgetSpent(p.monthlyKwhBudget, req.usageWh.get(budgetKey(p, token)) ?? 0)
      ) {
        spent = true
        base.trace.push({ ...step, outcome: 'budgetSpent' })
        continue
      }
      base.trace.push({ ...step, outcome: 'allowed' })
      return {
        ...base,
        allowed: true,
        status: 'Accepted',
        decidedBy,
        priceGroup: p.priceGroup,
        priorityTier: p.priorityTier,
        maxSessionMinutes: p.maxSessionMinutes,
        validUntil: minOf(nextTimeChange(c, site, now), token.expiresAt),
      }
    }
  }
  const decidedBy: DecidedBy = { kind: 'default', value: site.accessDefault }
  if (site.accessDefault === 'allowAccepted') {
    return { ...base, allowed: true, status: 'Accepted', decidedBy, validUntil: token.expiresAt }
  }
  const status = spent ? 'NoCredit' : notNow ? 'NotAtThisTime' : 'NotAtThisLocation'
  return { ...base, allowed: false, status, decidedBy, validUntil: null }
}

const outcomes: Record<TraceStep['outcome'], string> = {
  allowed: 'allows this token here now',
  denied: 'denies this token here now',
  notNow: 'allows this token here, but not at this time',
  budgetSpent: "allows this token here, but this month's kWh budget is spent",
}

/**
 * Human-readable lines saying which policy decided and why, for the admin beside a refused start.
 *
 * @example
 * explain(d) // ['"Visitors evenings" allows this token here, but not at this time', 'the site default (deny) decided: NotAtThisTime']
 */
export function explain(d: AccessDecision): string[] {
  const lines = d.trace.map((s) => `"${s.policyName}" ${outcomes[s.outcome]}`)
  if (d.decidedBy.kind === 'token') lines.push(`the token's own status decided: ${d.status}`)
  if (d.decidedBy.kind === 'policy') lines.push(`policy "${d.decidedBy.name}" decided: ${d.status}`)
  if (d.decidedBy.kind === 'default')
    lines.push(`the site default (${d.decidedBy.value}) decided: ${d.status}`)
  return lines
}
