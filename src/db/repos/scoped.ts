import type { AccessFactsRepo } from './access-facts'
import type { AccessPoliciesRepo } from './access-policies'
import type { AccessRefusalsRepo } from './access-refusals'
import type { CdrsRepo } from './cdrs'
import type { ChargersRepo } from './chargers'
import type { DeviceRepo } from './device'
import type { GroupsRepo } from './groups'
import type { InvoicesRepo } from './invoices'
import type { PeopleRepo } from './people'
import { ScopedCdrs } from './scoped-cdrs'
import { ScopedChargers } from './scoped-chargers'
import { ScopedGroups } from './scoped-groups'
import { ScopedInvoices } from './scoped-invoices'
import { ScopedPeople } from './scoped-people'
import { ScopedPolicies } from './scoped-policies'
import { ScopedRefusals } from './scoped-refusals'
import { ScopedSites } from './scoped-sites'
import { ScopedTariffs } from './scoped-tariffs'
import { ScopedTokens } from './scoped-tokens'
import { ScopedTransactions } from './scoped-transactions'
import type { SitesRepo } from './sites'
import type { TariffsRepo } from './tariffs'
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
  // tariffs
  tariffs: ScopedTariffs
  cdrs: ScopedCdrs
  // caps: refusals beside a charger's sessions
  refusals: ScopedRefusals
  // policies: access policies
  policies: ScopedPolicies
  // billing admin: invoices, billing runs, sellers' profiles
  invoices: ScopedInvoices
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
  tariffs: TariffsRepo
  cdrs: CdrsRepo
  accessRefusals: AccessRefusalsRepo
  accessPolicies: AccessPoliciesRepo
  accessFacts: AccessFactsRepo
  invoices: InvoicesRepo
}): ScopedRepos {
  return {
    chargers: new ScopedChargers(repos),
    sites: new ScopedSites(repos),
    tokens: new ScopedTokens(repos),
    transactions: new ScopedTransactions(repos),
    people: new ScopedPeople(repos),
    groups: new ScopedGroups(repos),
    tariffs: new ScopedTariffs(repos),
    cdrs: new ScopedCdrs(repos),
    refusals: new ScopedRefusals(repos),
    // policies
    policies: new ScopedPolicies(repos),
    // billing admin
    invoices: new ScopedInvoices(repos),
  }
}
