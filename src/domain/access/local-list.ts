import type { LocalListEntry } from '../charger/commands'
import {
  type AccessDecision,
  type CompiledPolicy,
  evaluateAccess,
  type PolicyBook,
  whereMatches,
} from './evaluate'
import type { AccessPlace, AccessToken, SiteAccess } from './model'
import { nextTimeChange } from './policy-time'

/** What a charger's local list is compiled from: the tokens in scope and one place per EVSE of the charger. */
export interface LocalListInput {
  tokens: readonly AccessToken[]
  evses: readonly AccessPlace[]
  site: SiteAccess
  book: PolicyBook
  now: number
  usageWh: ReadonlyMap<string, number>
  /** The charger's maximum list size; null: no limit known. */
  maxEntries: number | null
  /** The charger accepts unknown ids offline, so refusals must be listed explicitly. */
  offlineAcceptsUnknown: boolean
}

/** A compiled list, how many entries did not fit, and the earliest instant it would differ. */
export interface CompiledLocalList {
  entries: LocalListEntry[]
  dropped: number
  nextChangeAt: number | null
}

const specificity = { evse: 0, charger: 1, circuit: 2, site: 3, organization: 4 } as const

const minOf = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b)

/**
 * Compiles a charger's local authorisation list (a list has no EVSE and no windows, so it errs on
 * refusing offline). A token is Accepted only if the evaluator accepts it on every EVSE now, with
 * `expiresAt` the earliest `validUntil` (a visitor's entry expires at 08:00). A token refused on any
 * EVSE, or refused now but allowed later, is listed with its refusal (only when the charger accepts
 * unknown ids offline; otherwise absence already refuses). When the list is too long, entries are
 * kept in this order: accepted by the most specific place (EVSE, charger, circuit, site,
 * organization, site default), then refusals by the token's own status (blocked or expired cards),
 * then other refusals; by id within each. `nextChangeAt` is the earliest accepted entry's end or the
 * earliest instant a refused-now token's policy opens, so the service resends at window boundaries.
 */
export function compileLocalList(input: LocalListInput): CompiledLocalList {
  const policies = new Map<string, CompiledPolicy>()
  for (const list of input.book.byOrganization.values()) for (const c of list) policies.set(c.policy.id, c)
  const ranked: { rank: number; entry: LocalListEntry }[] = []
  let nextChangeAt: number | null = null
  for (const token of input.tokens) {
    const decisions = input.evses.map((place) =>
      evaluateAccess({ ...input, token, place, busyElsewhere: false }),
    )
    const refused = decisions.find((d) => !d.allowed)
    const groupId = token.parentUid === null ? {} : { groupId: token.parentUid }
    if (!refused && decisions.length > 0) {
      const expiresAt = decisions.reduce<number | null>((m, d) => minOf(m, d.validUntil), null)
      nextChangeAt = minOf(nextChangeAt, expiresAt)
      const rank = Math.max(...decisions.map((d) => rankOf(d, policies)))
      ranked.push({
        rank,
        entry: {
          idTag: token.uid,
          status: 'Accepted',
          ...(expiresAt === null ? {} : { expiresAt }),
          ...groupId,
        },
      })
      continue
    }
    for (const d of decisions) nextChangeAt = minOf(nextChangeAt, opensAt(d, policies, input))
    if (refused && input.offlineAcceptsUnknown) {
      ranked.push({
        rank: refused.decidedBy.kind === 'token' ? 10 : 11,
        entry: { idTag: token.uid, status: refused.status, ...groupId },
      })
    }
  }
  ranked.sort(
    (a, b) => a.rank - b.rank || (a.entry.idTag < b.entry.idTag ? -1 : a.entry.idTag > b.entry.idTag ? 1 : 0),
  )
  const keep = input.maxEntries === null ? ranked.length : Math.min(ranked.length, input.maxEntries)
  return { entries: ranked.slice(0, keep).map((r) => r.entry), dropped: ranked.length - keep, nextChangeAt }
}

/**
 * Everything a compiled list depends on besides the tokens, the policies and the usage: the instant,
 * the site's settings, the charger's limits and, per EVSE, the organizations and the policies whose
 * where covers it (the evaluator sees a place through nothing else). Inputs with the same tokens,
 * book and usage and the same shape compile to the same list, so a flood of updates after one policy
 * change compiles once per shape (the chargers of a co-op: one) instead of once per charger.
 *
 * @example listShape(a) === listShape(b) // then compileLocalList(a) equals compileLocalList(b) when they share tokens, book and usage
 */
export function listShape(input: LocalListInput): string {
  const policies = [...input.book.byOrganization.values()].flat()
  const places = input.evses.map((place) => [
    place.organizationChain,
    policies.filter((c) => whereMatches(c.policy, place)).map((c) => c.policy.id),
  ])
  const { site } = input
  return JSON.stringify([
    input.now,
    site.timeZone,
    site.accessDefault,
    site.holidays,
    input.maxEntries,
    input.offlineAcceptsUnknown,
    places,
  ])
}

function rankOf(d: AccessDecision, policies: ReadonlyMap<string, CompiledPolicy>): number {
  if (d.decidedBy.kind !== 'policy') return 5
  const p = policies.get(d.decidedBy.id)
  return p ? specificity[p.policy.whereKind] : 5
}

function opensAt(
  d: AccessDecision,
  policies: ReadonlyMap<string, CompiledPolicy>,
  input: LocalListInput,
): number | null {
  let at: number | null = null
  for (const step of d.trace) {
    const c = policies.get(step.policyId)
    if (step.outcome === 'notNow' && c) at = minOf(at, nextTimeChange(c, input.site, input.now))
  }
  return at
}
