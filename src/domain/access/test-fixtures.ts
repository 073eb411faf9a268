import type { AccessPolicy } from './model'

/**
 * A policy for tests and benchmarks: enabled, allowing anyone at site `S1` of `coop` at any time, with
 * nothing attached; `over` sets what a case is about.
 *
 * @example policyOf({ whoKind: 'group', whoId: 'visitors', windows: [evenings] })
 */
export function policyOf(over: Partial<AccessPolicy>): AccessPolicy {
  return {
    id: 'p',
    organizationId: 'coop',
    name: 'p',
    position: 1,
    enabled: true,
    effect: 'allow',
    whoKind: 'anyone',
    whoId: null,
    whereKind: 'site',
    whereId: 'S1',
    whereSub: null,
    windows: [],
    validFrom: null,
    validUntil: null,
    holidays: 'ignore',
    priceGroup: null,
    priorityTier: null,
    monthlyKwhBudget: null,
    maxSessionMinutes: null,
    ...over,
  }
}
