import type { ChargersRepo } from './chargers'
import type { DeviceRepo } from './device'
import { ScopedChargers } from './scoped-chargers'
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
}

/** Wraps the node's repositories; called once, in the composition root. */
export function scopedRepos(repos: {
  chargers: ChargersRepo
  device: DeviceRepo
  sites: SitesRepo
  tokens: TokensRepo
  transactions: TransactionsRepo
}): ScopedRepos {
  return {
    chargers: new ScopedChargers(repos),
    sites: new ScopedSites(repos),
    tokens: new ScopedTokens(repos),
    transactions: new ScopedTransactions(repos),
  }
}
