import type { Site, SiteConfig, SiteLoadMinute } from '@src/domain/site/site-config'
import type { Permission } from '@src/domain/tenancy/permissions'
import type { Scope } from '@src/domain/tenancy/scope'
import { sites as sitesTable } from '../schema'
import { inScope } from '../scope'
import { type Reach, reachOwned, type Seen } from './seen'
import type { SitesRepo } from './sites'

const READ: Permission = 'sites:read'

/**
 * Sites as an HTTP caller sees them: only its organizations' (`sites:read`). Changes go through the
 * `SiteEdits` service, which checks `sites:write` itself; the unscoped `SitesRepo` is for the site
 * actors and the services.
 */
export class ScopedSites {
  constructor(private readonly deps: { sites: SitesRepo }) {}

  /** Every site within the scope, by name. */
  list(scope: Scope): Promise<Site[]> {
    return this.deps.sites.list(inScope(sitesTable.organizationId, scope, READ))
  }

  /** A site the scope may act on with `permission` (its organization beside it), or 404/403. */
  async reach(scope: Scope, id: string, permission: Permission = READ): Promise<Reach<Site>> {
    const [site, organizationId] = await Promise.all([
      this.deps.sites.find(id),
      this.deps.sites.organizationOf(id),
    ])
    return reachOwned(scope, site, organizationId, { read: READ, permission, missing: `no site ${id}` })
  }

  /** A site the scope may read, or undefined. */
  async find(scope: Scope, id: string): Promise<Seen<Site> | undefined> {
    const r = await this.reach(scope, id)
    return r.ok ? r.row : undefined
  }

  /** A site with its circuits and connectors, if the scope may read it. */
  async config(scope: Scope, id: string): Promise<SiteConfig | undefined> {
    return (await this.find(scope, id)) ? this.deps.sites.config(id) : undefined
  }

  /** A seen site's load per minute since `sinceMinute`. */
  loadSince(site: Seen<Site>, sinceMinute: number): Promise<SiteLoadMinute[]> {
    return this.deps.sites.loadSince(site.id, sinceMinute)
  }
}
