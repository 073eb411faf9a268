import type { AccessFactsRepo, ChargerPlaces, UsageRow } from '@src/db/repos/access-facts'
import { type AccessPoliciesRepo, policyOfRow } from '@src/db/repos/access-policies'
import type { TokenFacts } from '@src/db/repos/token-groups'
import { PLATFORM_ORG } from '@src/db/schema'
import {
  type AccessDecision,
  compilePolicies,
  evaluateAccess,
  explain,
  type PolicyBook,
} from '@src/domain/access/evaluate'
import type { LocalListInput } from '@src/domain/access/local-list'
import type { AccessPlace, SiteAccess } from '@src/domain/access/model'
import { DEFAULT_TIME_ZONE, localTime, zonedInstant } from '@src/domain/site/time-zone'

/** One token presented at a charger (an EVSE, or the whole charger for an Authorize without one). */
export interface AccessCheck {
  chargerId: string
  evseId: number | null
  uid: string
  now: number
  /** The token is charging elsewhere (only a start can be concurrent). */
  busyElsewhere: boolean
}

/** The decision with what it was made from: the token's facts, the organization whose rules applied, the explanation. */
export interface AccessOutcome {
  decision: AccessDecision
  token: TokenFacts | undefined
  /** The nearest organization of the place (the site's, else the charger's): where a refusal is recorded. */
  organizationId: string
  explanation: string[]
}

const UNKNOWN_CHARGER: ChargerPlaces = {
  organizationChain: [PLATFORM_ORG],
  site: { timeZone: DEFAULT_TIME_ZONE, holidays: [], accessDefault: 'allowAccepted' },
  evses: [{ evseId: null, siteId: '', circuitChain: [] }],
}

/** The first instant of the month `now` is in, in the site's zone (budgets count calendar months there). */
export function monthStart(now: number, timeZone: string): number {
  const t = localTime(now, timeZone)
  return zonedInstant({ year: t.year, month: t.month, day: 1, hour: 0, minute: 0 }, timeZone)
}

/** Sums usage rows into the evaluator's map: each token's energy counts for it, its driver, household and business account. */
export function usageMap(rows: readonly UsageRow[]): Map<string, number> {
  const m = new Map<string, number>()
  const add = (key: string, wh: number) => m.set(key, (m.get(key) ?? 0) + wh)
  for (const r of rows) {
    add(`token:${r.uid}`, r.wh)
    if (r.driverId) add(`driver:${r.driverId}`, r.wh)
    if (r.householdId) add(`household:${r.householdId}`, r.wh)
    if (r.businessAccountId) add(`business:${r.businessAccountId}`, r.wh)
  }
  return m
}

const hasBudget = (book: PolicyBook) =>
  [...book.byOrganization.values()].some((list) => list.some((c) => c.policy.monthlyKwhBudget !== null))

/**
 * Gathers what the pure evaluator (`src/domain/access`) needs for a charger, from the database at
 * each call (policies of a place are a handful of indexed rows, so a change holds at the next check on
 * every node, with no cache to invalidate): the charger's places, the policies of their organizations,
 * the token's facts, and this month's usage when a budget can matter.
 */
export class AccessDirectory {
  constructor(private readonly deps: { facts: AccessFactsRepo; policies: AccessPoliciesRepo }) {}

  async #context(chargerId: string): Promise<{ places: ChargerPlaces; book: PolicyBook }> {
    const places = (await this.deps.facts.placesOf(chargerId)) ?? UNKNOWN_CHARGER
    const rows = await this.deps.policies.ofOrganizations(places.organizationChain)
    return { places, book: compilePolicies(rows.map(policyOfRow)) }
  }

  /**
   * Decides a token at a charger. On an EVSE the EVSE's place decides; without one (a 1.6 Authorize)
   * the token is accepted when some EVSE of the charger accepts it (the start on the EVSE is decided
   * again), else the first EVSE's refusal answers.
   */
  async decide(check: AccessCheck): Promise<AccessOutcome> {
    const [{ places, book }, token] = await Promise.all([
      this.#context(check.chargerId),
      this.deps.facts.token(check.uid),
    ])
    const site: SiteAccess = places.site
    const usageWh =
      token && hasBudget(book)
        ? usageMap(await this.deps.facts.usageAround(token, monthStart(check.now, site.timeZone)))
        : new Map<string, number>()
    const candidates =
      check.evseId === null
        ? places.evses
        : [
            places.evses.find((e) => e.evseId === check.evseId) ?? {
              ...places.evses[0]!,
              evseId: check.evseId,
            },
          ]
    let decision: AccessDecision | undefined
    for (const e of candidates) {
      const d = evaluateAccess({
        token,
        place: placeOf(check.chargerId, places, e),
        site,
        book,
        now: check.now,
        busyElsewhere: check.busyElsewhere,
        usageWh,
      })
      if (d.allowed) {
        decision = d
        break
      }
      decision ??= d
    }
    const d = decision as AccessDecision
    return { decision: d, token, organizationId: places.organizationChain[0]!, explanation: explain(d) }
  }

  async #organizationFacts(places: ChargerPlaces, now: number) {
    const rows = await this.deps.policies.ofOrganizations(places.organizationChain)
    const book = compilePolicies(rows.map(policyOfRow))
    const tokens = await this.deps.facts.tokensOf(places.organizationChain)
    const usageWh = hasBudget(book)
      ? usageMap(
          await this.deps.facts.usageOf(places.organizationChain, monthStart(now, places.site.timeZone)),
        )
      : new Map<string, number>()
    return { book, tokens, usageWh }
  }

  /**
   * What a charger's local list is compiled from: the tokens of its place's organizations (the site's
   * and its ancestors'), every EVSE place, the site's settings and this month's usage when budgets
   * matter. Undefined for an unknown charger. With `shared`, what chargers of the same organization
   * chain and zone share is read once per memo (see {@link ListInputMemo}); `now` must be its instant.
   */
  async listInput(
    chargerId: string,
    now: number,
    charger: { maxEntries: number | null; offlineAcceptsUnknown: boolean },
    shared?: ListInputMemo,
  ): Promise<LocalListInput | undefined> {
    if (shared && shared.at !== now) throw new Error(`a list-input memo is for ${shared.at}, not ${now}`)
    const places = await this.deps.facts.placesOf(chargerId)
    if (!places) return undefined
    const key = `${places.organizationChain.join('/')}|${places.site.timeZone}`
    let facts = shared?.facts.get(key)
    if (!facts) {
      facts = this.#organizationFacts(places, now)
      shared?.facts.set(key, facts)
    }
    const { book, tokens, usageWh } = await facts
    return {
      tokens,
      evses: places.evses.map((e) => placeOf(chargerId, places, e)),
      site: places.site,
      book,
      now,
      usageWh,
      ...charger,
    }
  }
}

/**
 * What many chargers of one organization share in their lists (policies, tokens, usage) as of one
 * instant `at`, keyed by the organization chain and zone: a caller updating many chargers at once
 * (the local-list service) compiles them all as of one instant for a short while, so a flood reads
 * them once, not once per charger.
 */
export interface ListInputMemo {
  readonly at: number
  readonly facts: Map<
    string,
    Promise<{ book: PolicyBook; tokens: LocalListInput['tokens']; usageWh: Map<string, number> }>
  >
}

/** An empty memo for lists compiled as of `at`. */
export const listInputMemo = (at: number): ListInputMemo => ({ at, facts: new Map() })

function placeOf(
  chargerId: string,
  places: ChargerPlaces,
  e: { evseId: number | null; siteId: string; circuitChain: readonly string[] },
): AccessPlace {
  return {
    organizationChain: places.organizationChain,
    siteId: e.siteId,
    circuitChain: e.circuitChain,
    chargerId,
    evseId: e.evseId,
  }
}
