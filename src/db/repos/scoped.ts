import type { AccessFactsRepo } from './access-facts'
import type { AccessPoliciesRepo } from './access-policies'
import type { ChargersRepo } from './chargers'
import type { DeviceRepo } from './device'
import type { GroupsRepo } from './groups'
import type { PeopleRepo } from './people'
import { ScopedChargers } from './scoped-chargers'
import { ScopedGroups } from './scoped-groups'
import { ScopedPeople } from './scoped-people'
import { ScopedPolicies } from './scoped-policies'
import { ScopedSites } from './scoped-sites'
import { ScopedTokens } from './scoped-tokens'
import { ScopedTransactions } from './scoped-transactions'
import type { SitesRepo } from './sites'
import type { TokensRepo } from './tokens'
import type { TransactionsRepo } from './transactions'

/**
 * The repositories an HTTP caller reaches: every method takes the caller's `Scope` (or a row a scoped
 * find returned) and limits what it reads with `inScope`. Controllers use these, never the unscoped
 * repositories of `deps.repos` (`src/layering.test.ts` enforces it).
 */
export interface ScopedRepos {
  chargers: ScopedChargers
  sites: ScopedSites
  tokens: ScopedTokens
  transactions: ScopedTransactions
  // people: drivers, households, business accounts, groups
  people: ScopedPeople
  groups: ScopedGroups
  // policies: access policies
  policies: ScopedPolicies
}

/** Wraps the node's repositories; called once, in the composition root. */
export function scopedRepos(repos: {
  chargers: ChargersRepo
  device: DeviceRepo
  sites: SitesRepo
  tokens: TokensRepo
  transactions: TransactionsRepo
  people: PeopleRepo
  groups: GroupsRepo
  accessPolicies: AccessPoliciesRepo
  accessFacts: AccessFactsRepo
}): ScopedRepos {
  return {
    chargers: new ScopedChargers(repos),
    sites: new ScopedSites(repos),
    tokens: new ScopedTokens(repos),
    transactions: new ScopedTransactions(repos),
    people: new ScopedPeople(repos),
    groups: new ScopedGroups(repos),
    // policies
    policies: new ScopedPolicies(repos),
  }
}
