import { type Owner, ownerFor } from '@src/domain/tenancy/ownership'
import type { Permission } from '@src/domain/tenancy/permissions'
import type { Scope } from '@src/domain/tenancy/scope'
import { PLATFORM_ORG, priceGroups, tariffs } from '../schema'
import { inScope } from '../scope'
import type { Page } from './scoped-people'
import { type Reach, reach, readable, type Seen } from './seen'
import type { TariffRow, TariffsRepo, TariffVersionRow } from './tariffs'

const READ: Permission = 'tariffs:read'
const WRITE: Permission = 'tariffs:write'

/** Tariffs as an HTTP caller sees them: its organizations' (`tariffs:read`), changed with `tariffs:write`. */
export class ScopedTariffs {
  constructor(private readonly deps: { tariffs: TariffsRepo }) {}

  /** A page of tariffs within the scope, by name. */
  list(scope: Scope, q: Page) {
    return this.deps.tariffs.list({ ...q, within: inScope(tariffs.organizationId, scope, READ) })
  }

  /** A tariff the scope may read, or undefined. */
  async find(scope: Scope, id: string): Promise<Seen<TariffRow> | undefined> {
    return readable(scope, await this.deps.tariffs.find(id), READ)
  }

  /** A tariff the scope may change, or 404/403. */
  async reach(scope: Scope, id: string): Promise<Reach<TariffRow>> {
    return reach(scope, await this.deps.tariffs.find(id), {
      read: READ,
      permission: WRITE,
      missing: `no tariff ${id}`,
    })
  }

  /** The organization a new tariff goes to (asked for, or the caller's one). */
  ownerOfNew(scope: Scope, organizationId?: string): Owner {
    return ownerFor(scope, WRITE, organizationId, PLATFORM_ORG)
  }

  /** The versions of a seen tariff, newest first. */
  versions(tariff: Seen<TariffRow>): Promise<TariffVersionRow[]> {
    return this.deps.tariffs.versions(tariff.id)
  }

  /** One version of a seen tariff. */
  version(tariff: Seen<TariffRow>, version: number): Promise<TariffVersionRow | undefined> {
    return this.deps.tariffs.version(tariff.id, version)
  }

  /** Every price group within the scope. */
  priceGroupsList(scope: Scope) {
    return this.deps.tariffs.priceGroupsWithin(inScope(priceGroups.organizationId, scope, READ))
  }

  /** The price groups that charge a seen tariff. */
  priceGroups(tariff: Seen<TariffRow>) {
    return this.deps.tariffs.priceGroupsCharging(tariff.id)
  }
}
