import type { BusinessAccountRow, DriverRow, HouseholdRow, OwnerKind, PeopleRepo } from '@src/db/repos/people'
import type { ScopedPeople } from '@src/db/repos/scoped-people'
import type { Seen } from '@src/db/repos/seen'
import type { SitesRepo } from '@src/db/repos/sites'
import type { DbWriter, WriteQuery } from '@src/db/writer'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import { randomId } from '@src/lib/ids'
import type { AccessChanges } from './access-changes'
import type { Audit } from './audit'
import {
  type BusinessAccountInput,
  type DriverInput,
  type Edited,
  type HouseholdInput,
  type Refusal,
  refusal,
} from './people-input'

/** What {@link PeopleEdits} works with. */
export interface PeopleEditsDeps {
  people: PeopleRepo
  scoped: ScopedPeople
  sites: SitesRepo
  writer: DbWriter
  clock: Clock
  audit: Audit
  accessChanges: AccessChanges
}

/** A new row's id: a short random one with a prefix saying what it is (`drv_…`). */
export const newId = (prefix: string) => `${prefix}_${randomId(9)}`

/**
 * Changes to drivers, households and business accounts (with cost centres): one use case for the
 * admin and the API. Each checks the scope (`drivers:write` in the row's organization; another
 * tenant's row is unknown), checks every id it refers to within that same organization (a household,
 * business account or cost centre of another one is answered as unknown), writes the change with its
 * audit entry, and announces it to the access lists after the commit.
 *
 * Removal is refused while something still hangs on the row (a driver's tokens; a household's or
 * business account's drivers and tokens): a board removing a tenant who moved out should first block
 * or hand over the cards, never have them silently keep working without an owner.
 */
export class PeopleEdits {
  constructor(private readonly deps: PeopleEditsDeps) {}

  /** Creates a driver (in `organizationId`, or the caller's one). */
  async createDriver(scope: Scope, v: DriverInput): Promise<Edited<DriverRow>> {
    const owner = this.deps.scoped.ownerOfNew(scope, v.organizationId)
    if (!owner.ok) return refusal(400, owner.message, 'organizationId')
    const now = this.deps.clock.now()
    const row: DriverRow = {
      id: newId('drv'),
      organizationId: owner.organizationId,
      ...this.#driverFields(v),
      createdAt: now,
      updatedAt: now,
    }
    const bad = await this.#checkDriver(row)
    if (bad) return bad
    await this.#commit(
      scope,
      row.organizationId,
      [this.deps.people.insertDriver(row)],
      'driver.created',
      'driver',
      row.id,
      null,
      row,
    )
    return { ok: true, row, created: true }
  }

  /** Replaces a driver's fields. */
  async updateDriver(scope: Scope, id: string, v: DriverInput): Promise<Edited<DriverRow>> {
    const r = await this.deps.scoped.reachDriver(scope, id)
    if (!r.ok) return r
    const before = r.row
    const row: DriverRow = { ...before, ...this.#driverFields(v), updatedAt: this.deps.clock.now() }
    const bad = await this.#checkDriver(row)
    if (bad) return bad
    const { id: _i, organizationId: _o, createdAt: _c, ...fields } = row
    await this.#commit(
      scope,
      row.organizationId,
      [this.deps.people.updateDriver(id, fields)],
      'driver.updated',
      'driver',
      id,
      before,
      row,
    )
    return { ok: true, row, created: false }
  }

  /** Removes a driver without tokens (and its group memberships). */
  async removeDriver(scope: Scope, id: string): Promise<Edited<DriverRow>> {
    const r = await this.deps.scoped.reachDriver(scope, id)
    if (!r.ok) return r
    const held = await this.#holdings('driver', r.row)
    if (held) return held
    await this.#commit(
      scope,
      r.row.organizationId,
      [this.deps.people.leaveGroups('driver', id), this.deps.people.removeDriver(id)],
      'driver.deleted',
      'driver',
      id,
      r.row,
      null,
    )
    return { ok: true, row: r.row, created: false }
  }

  /** Creates a household (apartment numbers are unique within an organization). */
  async createHousehold(scope: Scope, v: HouseholdInput): Promise<Edited<HouseholdRow>> {
    const owner = this.deps.scoped.ownerOfNew(scope, v.organizationId)
    if (!owner.ok) return refusal(400, owner.message, 'organizationId')
    const now = this.deps.clock.now()
    const row: HouseholdRow = {
      id: newId('hh'),
      organizationId: owner.organizationId,
      apartment: v.apartment,
      parkingSpace: v.parkingSpace,
      name: v.name,
      siteId: v.siteId,
      createdAt: now,
      updatedAt: now,
    }
    const bad = await this.#checkHousehold(row)
    if (bad) return bad
    await this.#commit(
      scope,
      row.organizationId,
      [this.deps.people.insertHousehold(row)],
      'household.created',
      'household',
      row.id,
      null,
      row,
    )
    return { ok: true, row, created: true }
  }

  /** Replaces a household's fields. */
  async updateHousehold(scope: Scope, id: string, v: HouseholdInput): Promise<Edited<HouseholdRow>> {
    const r = await this.deps.scoped.reachHousehold(scope, id)
    if (!r.ok) return r
    const before = r.row
    const row: HouseholdRow = {
      ...before,
      apartment: v.apartment,
      parkingSpace: v.parkingSpace,
      name: v.name,
      siteId: v.siteId,
      updatedAt: this.deps.clock.now(),
    }
    const bad = await this.#checkHousehold(row)
    if (bad) return bad
    const { id: _i, organizationId: _o, createdAt: _c, ...fields } = row
    await this.#commit(
      scope,
      row.organizationId,
      [this.deps.people.updateHousehold(id, fields)],
      'household.updated',
      'household',
      id,
      before,
      row,
    )
    return { ok: true, row, created: false }
  }

  /** Removes a household without drivers or tokens. */
  async removeHousehold(scope: Scope, id: string): Promise<Edited<HouseholdRow>> {
    const r = await this.deps.scoped.reachHousehold(scope, id)
    if (!r.ok) return r
    const held = await this.#holdings('household', r.row)
    if (held) return held
    await this.#commit(
      scope,
      r.row.organizationId,
      [this.deps.people.leaveGroups('household', id), this.deps.people.removeHousehold(id)],
      'household.deleted',
      'household',
      id,
      r.row,
      null,
    )
    return { ok: true, row: r.row, created: false }
  }

  /** Creates a business account with its cost centres. */
  async createBusinessAccount(scope: Scope, v: BusinessAccountInput): Promise<Edited<BusinessAccountRow>> {
    const owner = this.deps.scoped.ownerOfNew(scope, v.organizationId)
    if (!owner.ok) return refusal(400, owner.message, 'organizationId')
    const now = this.deps.clock.now()
    const row: BusinessAccountRow = {
      id: newId('ba'),
      organizationId: owner.organizationId,
      name: v.name,
      companyNumber: v.companyNumber,
      billingEmail: v.billingEmail,
      createdAt: now,
      updatedAt: now,
    }
    const centres = (v.costCentres ?? []).map((c) => ({ businessAccountId: row.id, ...c }))
    const dup = duplicateCode(centres)
    if (dup) return refusal(400, `the cost centre ${dup} is listed twice`, 'costCentres')
    await this.#commit(
      scope,
      row.organizationId,
      [this.deps.people.insertBusinessAccount(row), ...centres.map((c) => this.deps.people.putCostCentre(c))],
      'business.created',
      'business',
      row.id,
      null,
      { ...row, costCentres: centres },
    )
    return { ok: true, row, created: true }
  }

  /** Replaces a business account's fields (and its cost centres when given; a used one stays). */
  async updateBusinessAccount(
    scope: Scope,
    id: string,
    v: BusinessAccountInput,
  ): Promise<Edited<BusinessAccountRow>> {
    const r = await this.deps.scoped.reachBusinessAccount(scope, id)
    if (!r.ok) return r
    const before = r.row
    const row: BusinessAccountRow = {
      ...before,
      name: v.name,
      companyNumber: v.companyNumber,
      billingEmail: v.billingEmail,
      updatedAt: this.deps.clock.now(),
    }
    const { id: _i, organizationId: _o, createdAt: _c, ...fields } = row
    const queries: WriteQuery[] = [this.deps.people.updateBusinessAccount(id, fields)]
    const old = await this.deps.people.costCentresOf(id)
    let centres = old
    if (v.costCentres) {
      centres = v.costCentres.map((c) => ({ businessAccountId: id, ...c }))
      const dup = duplicateCode(centres)
      if (dup) return refusal(400, `the cost centre ${dup} is listed twice`, 'costCentres')
      for (const gone of old.filter((o) => !centres.some((c) => c.code === o.code))) {
        const used = await this.deps.people.costCentreUse(id, gone.code)
        if (used > 0)
          return refusal(
            409,
            `${used} driver(s) are booked to cost centre ${gone.code}: move them first`,
            'costCentres',
          )
        queries.push(this.deps.people.removeCostCentre(id, gone.code))
      }
      queries.push(...centres.map((c) => this.deps.people.putCostCentre(c)))
    }
    await this.#commit(
      scope,
      row.organizationId,
      queries,
      'business.updated',
      'business',
      id,
      { ...before, costCentres: old },
      {
        ...row,
        costCentres: centres,
      },
    )
    return { ok: true, row, created: false }
  }

  /** Removes a business account without drivers or tokens (with its cost centres). */
  async removeBusinessAccount(scope: Scope, id: string): Promise<Edited<BusinessAccountRow>> {
    const r = await this.deps.scoped.reachBusinessAccount(scope, id)
    if (!r.ok) return r
    const held = await this.#holdings('business', r.row)
    if (held) return held
    await this.#commit(
      scope,
      r.row.organizationId,
      [this.deps.people.leaveGroups('business', id), ...this.deps.people.removeBusinessAccount(id)],
      'business.deleted',
      'business',
      id,
      r.row,
      null,
    )
    return { ok: true, row: r.row, created: false }
  }

  #driverFields(v: DriverInput) {
    return {
      name: v.name,
      email: v.email,
      phone: v.phone,
      language: v.language,
      householdId: v.householdId,
      businessAccountId: v.businessAccountId,
      costCentre: v.costCentre,
    }
  }

  /** A driver's household, business account and cost centre must be its organization's; its email unique there. */
  async #checkDriver(d: DriverRow): Promise<Refusal | undefined> {
    const { people } = this.deps
    if (d.householdId !== null) {
      const h = await people.findHousehold(d.householdId)
      if (h?.organizationId !== d.organizationId)
        return refusal(400, `no household ${d.householdId} in this organization`, 'householdId')
    }
    if (d.businessAccountId !== null) {
      const b = await people.findBusinessAccount(d.businessAccountId)
      if (b?.organizationId !== d.organizationId)
        return refusal(
          400,
          `no business account ${d.businessAccountId} in this organization`,
          'businessAccountId',
        )
    }
    if (d.costCentre !== null) {
      if (d.businessAccountId === null)
        return refusal(400, 'a cost centre needs the business account it belongs to', 'costCentre')
      const centres = await people.costCentresOf(d.businessAccountId)
      if (!centres.some((c) => c.code === d.costCentre))
        return refusal(400, `the business account has no cost centre ${d.costCentre}`, 'costCentre')
    }
    if (d.email !== null) {
      const same = (await people.driversOf(d.organizationId)).find(
        (o) => o.email === d.email && o.id !== d.id,
      )
      if (same) return refusal(409, `another driver (${same.name}) has the email ${d.email}`, 'email')
    }
    return undefined
  }

  /** A household's apartment must be free in its organization, and its site the organization's. */
  async #checkHousehold(h: HouseholdRow): Promise<Refusal | undefined> {
    const other = await this.deps.people.householdByApartment(h.organizationId, h.apartment)
    if (other && other.id !== h.id)
      return refusal(409, `apartment ${h.apartment} is already a household`, 'apartment')
    if (h.siteId !== null && (await this.deps.sites.organizationOf(h.siteId)) !== h.organizationId)
      return refusal(400, `no site ${h.siteId} in this organization`, 'siteId')
    return undefined
  }

  /** Why a row cannot be removed yet (its tokens, or its drivers), or undefined. */
  async #holdings(kind: OwnerKind, row: Seen<{ id: string }>): Promise<Refusal | undefined> {
    const tokens = await this.deps.people.tokenCount(kind, row.id)
    const drivers = kind === 'driver' ? 0 : await this.deps.people.memberCount(kind, row.id)
    const held = [drivers ? `${drivers} driver(s)` : '', tokens ? `${tokens} token(s)` : ''].filter(Boolean)
    if (held.length === 0) return undefined
    return refusal(409, `it still has ${held.join(' and ')}: block or move them first, then remove it`)
  }

  async #commit(
    scope: Scope,
    organizationId: string,
    queries: readonly WriteQuery[],
    action: string,
    entity: string,
    entityId: string,
    before: unknown,
    after: unknown,
  ) {
    await this.deps.writer.write([
      ...queries,
      this.deps.audit.entry(scope, { organizationId, action, entity, entityId, before, after }),
    ])
    this.deps.accessChanges.changed(organizationId)
  }
}

function duplicateCode(centres: readonly { code: string }[]): string | undefined {
  const seen = new Set<string>()
  for (const c of centres) {
    if (seen.has(c.code)) return c.code
    seen.add(c.code)
  }
  return undefined
}
