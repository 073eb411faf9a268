import { type Owner, ownerFor } from '@src/domain/tenancy/ownership'
import type { Permission } from '@src/domain/tenancy/permissions'
import type { Scope } from '@src/domain/tenancy/scope'
import { businessAccounts, drivers, households, PLATFORM_ORG } from '../schema'
import { inScope } from '../scope'
import type { BusinessAccountRow, DriverRow, HouseholdRow, OwnerKind, PeopleRepo } from './people'
import { type Reach, reach, readable, type Seen } from './seen'

const READ: Permission = 'drivers:read'
const WRITE: Permission = 'drivers:write'

/** A page request as the HTTP side makes it. */
export interface Page {
  search?: string
  limit: number
  offset: number
}

/**
 * Drivers, households and business accounts as an HTTP caller sees them: only its organizations'
 * (`drivers:read`, personal data), changed only where it holds `drivers:write`. Parts of a row (its
 * tokens, members, cost centres) are read from a {@link Seen} row only.
 */
export class ScopedPeople {
  constructor(private readonly deps: { people: PeopleRepo }) {}

  /** A page of drivers within the scope (search: name, email, apartment, token uid). */
  listDrivers(scope: Scope, q: Page) {
    return this.deps.people.listDrivers({ ...q, within: inScope(drivers.organizationId, scope, READ) })
  }

  /** A page of households within the scope (search: apartment, parking space, name). */
  listHouseholds(scope: Scope, q: Page) {
    return this.deps.people.listHouseholds({ ...q, within: inScope(households.organizationId, scope, READ) })
  }

  /** A page of business accounts within the scope (search: name, company number, billing email). */
  listBusinessAccounts(scope: Scope, q: Page) {
    return this.deps.people.listBusinessAccounts({
      ...q,
      within: inScope(businessAccounts.organizationId, scope, READ),
    })
  }

  /** A driver the scope may read, or undefined. */
  async findDriver(scope: Scope, id: string): Promise<Seen<DriverRow> | undefined> {
    return readable(scope, await this.deps.people.findDriver(id), READ)
  }

  /** A household the scope may read, or undefined. */
  async findHousehold(scope: Scope, id: string): Promise<Seen<HouseholdRow> | undefined> {
    return readable(scope, await this.deps.people.findHousehold(id), READ)
  }

  /** A business account the scope may read, or undefined. */
  async findBusinessAccount(scope: Scope, id: string): Promise<Seen<BusinessAccountRow> | undefined> {
    return readable(scope, await this.deps.people.findBusinessAccount(id), READ)
  }

  /** A driver the scope may act on with `permission`, or 404/403. */
  async reachDriver(scope: Scope, id: string, permission: Permission = WRITE): Promise<Reach<DriverRow>> {
    return reach(scope, await this.deps.people.findDriver(id), {
      read: READ,
      permission,
      missing: `no driver ${id}`,
    })
  }

  /** A household the scope may act on with `permission`, or 404/403. */
  async reachHousehold(
    scope: Scope,
    id: string,
    permission: Permission = WRITE,
  ): Promise<Reach<HouseholdRow>> {
    return reach(scope, await this.deps.people.findHousehold(id), {
      read: READ,
      permission,
      missing: `no household ${id}`,
    })
  }

  /** A business account the scope may act on with `permission`, or 404/403. */
  async reachBusinessAccount(
    scope: Scope,
    id: string,
    permission: Permission = WRITE,
  ): Promise<Reach<BusinessAccountRow>> {
    return reach(scope, await this.deps.people.findBusinessAccount(id), {
      read: READ,
      permission,
      missing: `no business account ${id}`,
    })
  }

  /** The organization a new driver, household or business account goes to (asked for, or the caller's one). */
  ownerOfNew(scope: Scope, organizationId?: string): Owner {
    return ownerFor(scope, WRITE, organizationId, PLATFORM_ORG)
  }

  /** The tokens a seen driver, household or business account owns directly. */
  tokensOf(kind: OwnerKind, row: Seen<{ id: string }>) {
    return this.deps.people.tokensOwnedBy(kind, row.id)
  }

  /** The drivers of a seen household or business account. */
  membersOf(kind: 'household' | 'business', row: Seen<{ id: string }>) {
    return this.deps.people.membersOf(kind, row.id)
  }

  /** The cost centres of a seen business account. */
  costCentresOf(row: Seen<BusinessAccountRow>) {
    return this.deps.people.costCentresOf(row.id)
  }

  /** The tokens of the drivers of a page (only of those the scope may read). */
  tokensOfDrivers(scope: Scope, rows: readonly DriverRow[]) {
    return this.deps.people.tokensOfDrivers(rows.filter((r) => readable(scope, r, READ)).map((r) => r.id))
  }
}
