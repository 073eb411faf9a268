import type { SiteAccess } from '@src/domain/access/model'
import type { Site } from '@src/domain/site/site-config'
import { type Owner, ownerFor } from '@src/domain/tenancy/ownership'
import type { Permission } from '@src/domain/tenancy/permissions'
import type { Scope } from '@src/domain/tenancy/scope'
import { accessPolicies, PLATFORM_ORG } from '../schema'
import { inScope } from '../scope'
import type { AccessFactsRepo } from './access-facts'
import type { AccessPoliciesRepo, PolicyRow } from './access-policies'
import { type Reach, reach, readable, type Seen } from './seen'

const READ: Permission = 'policies:read'
const WRITE: Permission = 'policies:write'

/**
 * Access policies as an HTTP caller sees them: only its organizations' (`policies:read`), changed
 * only where it holds `policies:write` (the `PolicyEdits` service does the changing).
 */
export class ScopedPolicies {
  constructor(private readonly deps: { accessPolicies: AccessPoliciesRepo; accessFacts: AccessFactsRepo }) {}

  /** The policies within the scope (of one organization when given), by organization and position. */
  list(scope: Scope, organizationId?: string): Promise<PolicyRow[]> {
    return this.deps.accessPolicies.list(inScope(accessPolicies.organizationId, scope, READ), organizationId)
  }

  /** A policy the scope may read, or undefined. */
  async find(scope: Scope, id: string): Promise<Seen<PolicyRow> | undefined> {
    return readable(scope, await this.deps.accessPolicies.find(id), READ)
  }

  /** A policy the scope may act on with `permission`, or 404/403. */
  async reach(scope: Scope, id: string, permission: Permission = WRITE): Promise<Reach<PolicyRow>> {
    return reach(scope, await this.deps.accessPolicies.find(id), {
      read: READ,
      permission,
      missing: `no policy ${id}`,
    })
  }

  /** The organization a new policy goes to (asked for, or the caller's one). */
  ownerOfNew(scope: Scope, organizationId?: string): Owner {
    return ownerFor(scope, WRITE, organizationId, PLATFORM_ORG)
  }

  /** Every policy of a seen policy's organization, in order (what a move renumbers). */
  siblings(policy: Seen<PolicyRow>): Promise<PolicyRow[]> {
    return this.deps.accessPolicies.list(undefined, policy.organizationId)
  }

  /**
   * What decides access on a seen site: its organization chain (nearest first), its access settings,
   * and every policy of the chain, the ancestors' too (they apply on the site, as the evaluator takes
   * them; their names show in a refusal's explanation all the same).
   */
  async rulesOf(
    site: Seen<Site>,
  ): Promise<{ chain: string[]; access: SiteAccess; policies: PolicyRow[] } | undefined> {
    const access = await this.deps.accessFacts.siteAccess(site.id)
    if (!access) return undefined
    const chain = await this.deps.accessFacts.chainOf(access.organizationId)
    return { chain, access, policies: await this.deps.accessPolicies.ofOrganizations(chain) }
  }
}
