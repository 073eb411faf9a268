import { and, asc, count, eq, inArray, type like, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { businessAccounts, costCentres, drivers, groupMembers, households, tokens } from '../schema'

/** A stored driver row. */
export type DriverRow = typeof drivers.$inferSelect
/** A stored household row. */
export type HouseholdRow = typeof households.$inferSelect
/** A stored business account row. */
export type BusinessAccountRow = typeof businessAccounts.$inferSelect
/** A stored cost centre row. */
export type CostCentreRow = typeof costCentres.$inferSelect
/** A driver as a list shows it: with the apartment and parking space of its household. */
export type DriverListRow = DriverRow & { apartment: string | null; parkingSpace: string | null }
/** What a token is owned by: a driver, a household or a business account. */
export type OwnerKind = 'driver' | 'household' | 'business'

/** A page query: `within` is the caller's scope as a condition (`inScope`). */
export interface PageQuery {
  search?: string
  within?: SQL
  limit: number
  offset: number
}

/** A LIKE pattern for `%text%` with the wildcards in `text` taken literally. */
export const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
const likeEscaped = (column: Parameters<typeof like>[0], text: string) =>
  sql`${column} LIKE ${containing(text)} ESCAPE '\\'`

const ownerColumn = {
  driver: tokens.driverId,
  household: tokens.householdId,
  business: tokens.businessAccountId,
} as const

/**
 * Drivers, households, business accounts and cost centres (unscoped: the HTTP side reaches them through
 * `ScopedPeople`). Writes return queries for one `writer.write`, so a change and its audit entry
 * commit together.
 */
export class PeopleRepo {
  constructor(private readonly db: Db) {}

  /**
   * A page of drivers by name; `search` matches name, email, apartment or the uid of one of their
   * tokens.
   */
  async listDrivers(q: PageQuery): Promise<{ rows: DriverListRow[]; total: number }> {
    const s = q.search?.trim()
    const search = s
      ? or(
          likeEscaped(drivers.name, s),
          likeEscaped(drivers.email, s),
          likeEscaped(households.apartment, s),
          sql`EXISTS (SELECT 1 FROM tokens t WHERE t.driver_id = ${drivers.id} AND t.uid LIKE ${containing(s)} ESCAPE '\\')`,
        )
      : undefined
    const where = and(q.within, search)
    const [rows, [totals]] = await Promise.all([
      this.db
        .select({
          driver: drivers,
          apartment: households.apartment,
          parkingSpace: households.parkingSpace,
        })
        .from(drivers)
        .leftJoin(households, eq(households.id, drivers.householdId))
        .where(where)
        .orderBy(asc(drivers.name), asc(drivers.id))
        .limit(q.limit)
        .offset(q.offset),
      this.db
        .select({ n: count() })
        .from(drivers)
        .leftJoin(households, eq(households.id, drivers.householdId))
        .where(where),
    ])
    return {
      rows: rows.map((r) => ({ ...r.driver, apartment: r.apartment, parkingSpace: r.parkingSpace })),
      total: totals?.n ?? 0,
    }
  }

  /** One driver, or undefined. */
  async findDriver(id: string): Promise<DriverRow | undefined> {
    return (await this.db.select().from(drivers).where(eq(drivers.id, id)))[0]
  }

  /** Every driver of an organization (the import matches rows against them). */
  driversOf(organizationId: string): Promise<DriverRow[]> {
    return this.db.select().from(drivers).where(eq(drivers.organizationId, organizationId))
  }

  /** The drivers of a household or a business account, by name. */
  membersOf(kind: 'household' | 'business', id: string): Promise<DriverRow[]> {
    const column = kind === 'household' ? drivers.householdId : drivers.businessAccountId
    return this.db.select().from(drivers).where(eq(column, id)).orderBy(asc(drivers.name))
  }

  /** Inserts a driver. */
  insertDriver(row: DriverRow) {
    return this.db.insert(drivers).values(row)
  }

  /** Changes a driver's fields (those given). */
  updateDriver(id: string, fields: Partial<Omit<DriverRow, 'id' | 'organizationId' | 'createdAt'>>) {
    return this.db.update(drivers).set(fields).where(eq(drivers.id, id))
  }

  /** Removes a driver. */
  removeDriver(id: string) {
    return this.db.delete(drivers).where(eq(drivers.id, id))
  }

  /** A page of households by apartment; `search` matches apartment, parking space or name. */
  async listHouseholds(q: PageQuery): Promise<{ rows: HouseholdRow[]; total: number }> {
    const s = q.search?.trim()
    const search = s
      ? or(
          likeEscaped(households.apartment, s),
          likeEscaped(households.parkingSpace, s),
          likeEscaped(households.name, s),
        )
      : undefined
    const where = and(q.within, search)
    const [rows, [totals]] = await Promise.all([
      this.db
        .select()
        .from(households)
        .where(where)
        .orderBy(asc(households.apartment))
        .limit(q.limit)
        .offset(q.offset),
      this.db.select({ n: count() }).from(households).where(where),
    ])
    return { rows, total: totals?.n ?? 0 }
  }

  /** One household, or undefined. */
  async findHousehold(id: string): Promise<HouseholdRow | undefined> {
    return (await this.db.select().from(households).where(eq(households.id, id)))[0]
  }

  /** Every household of an organization. */
  householdsOf(organizationId: string): Promise<HouseholdRow[]> {
    return this.db.select().from(households).where(eq(households.organizationId, organizationId))
  }

  /** The household of an organization with this apartment number, if any. */
  async householdByApartment(organizationId: string, apartment: string): Promise<HouseholdRow | undefined> {
    const where = and(eq(households.organizationId, organizationId), eq(households.apartment, apartment))
    return (await this.db.select().from(households).where(where))[0]
  }

  /** Inserts a household. */
  insertHousehold(row: HouseholdRow) {
    return this.db.insert(households).values(row)
  }

  /** Changes a household's fields (those given). */
  updateHousehold(id: string, fields: Partial<Omit<HouseholdRow, 'id' | 'organizationId' | 'createdAt'>>) {
    return this.db.update(households).set(fields).where(eq(households.id, id))
  }

  /** Removes a household. */
  removeHousehold(id: string) {
    return this.db.delete(households).where(eq(households.id, id))
  }

  /** A page of business accounts by name; `search` matches name, company number or billing email. */
  async listBusinessAccounts(q: PageQuery): Promise<{ rows: BusinessAccountRow[]; total: number }> {
    const s = q.search?.trim()
    const search = s
      ? or(
          likeEscaped(businessAccounts.name, s),
          likeEscaped(businessAccounts.companyNumber, s),
          likeEscaped(businessAccounts.billingEmail, s),
        )
      : undefined
    const where = and(q.within, search)
    const [rows, [totals]] = await Promise.all([
      this.db
        .select()
        .from(businessAccounts)
        .where(where)
        .orderBy(asc(businessAccounts.name))
        .limit(q.limit)
        .offset(q.offset),
      this.db.select({ n: count() }).from(businessAccounts).where(where),
    ])
    return { rows, total: totals?.n ?? 0 }
  }

  /** One business account, or undefined. */
  async findBusinessAccount(id: string): Promise<BusinessAccountRow | undefined> {
    return (await this.db.select().from(businessAccounts).where(eq(businessAccounts.id, id)))[0]
  }

  /** Inserts a business account. */
  insertBusinessAccount(row: BusinessAccountRow) {
    return this.db.insert(businessAccounts).values(row)
  }

  /** Replaces a business account's fields. */
  updateBusinessAccount(id: string, fields: Omit<BusinessAccountRow, 'id' | 'organizationId' | 'createdAt'>) {
    return this.db.update(businessAccounts).set(fields).where(eq(businessAccounts.id, id))
  }

  /** Removes a business account with its cost centres. */
  removeBusinessAccount(id: string) {
    return [
      this.db.delete(costCentres).where(eq(costCentres.businessAccountId, id)),
      this.db.delete(businessAccounts).where(eq(businessAccounts.id, id)),
    ] as const
  }

  /** A business account's cost centres, by code. */
  costCentresOf(businessAccountId: string): Promise<CostCentreRow[]> {
    return this.db
      .select()
      .from(costCentres)
      .where(eq(costCentres.businessAccountId, businessAccountId))
      .orderBy(asc(costCentres.code))
  }

  /** Inserts or renames a cost centre. */
  putCostCentre(row: CostCentreRow) {
    return this.db
      .insert(costCentres)
      .values(row)
      .onConflictDoUpdate({
        target: [costCentres.businessAccountId, costCentres.code],
        set: { name: row.name },
      })
  }

  /** Removes a cost centre. */
  removeCostCentre(businessAccountId: string, code: string) {
    return this.db
      .delete(costCentres)
      .where(and(eq(costCentres.businessAccountId, businessAccountId), eq(costCentres.code, code)))
  }

  /** How many drivers have this cost centre (a used one is not removed). */
  async costCentreUse(businessAccountId: string, code: string): Promise<number> {
    const [r] = await this.db
      .select({ n: count() })
      .from(drivers)
      .where(and(eq(drivers.businessAccountId, businessAccountId), eq(drivers.costCentre, code)))
    return r?.n ?? 0
  }

  /** The tokens a driver, household or business account owns directly, by uid. */
  tokensOwnedBy(kind: OwnerKind, id: string) {
    return this.db.select().from(tokens).where(eq(ownerColumn[kind], id)).orderBy(asc(tokens.uid))
  }

  /** The tokens of several drivers (a list page's token column), by uid. */
  tokensOfDrivers(driverIds: readonly string[]) {
    if (driverIds.length === 0) return Promise.resolve([])
    return this.db
      .select({ uid: tokens.uid, status: tokens.status, driverId: tokens.driverId, type: tokens.type })
      .from(tokens)
      .where(inArray(tokens.driverId, [...driverIds]))
      .orderBy(asc(tokens.uid))
  }

  /** Tokens by uid, whatever their organization (an import checks a file's uids against them). */
  tokensByUid(uids: readonly string[]) {
    if (uids.length === 0) return Promise.resolve([])
    return this.db
      .select({
        uid: tokens.uid,
        organizationId: tokens.organizationId,
        type: tokens.type,
        driverId: tokens.driverId,
      })
      .from(tokens)
      .where(inArray(tokens.uid, [...uids]))
  }

  /** A new accepted token of a driver (an import's). */
  insertToken(v: { uid: string; type: string; organizationId: string; driverId: string; now: number }) {
    return this.db.insert(tokens).values({
      uid: v.uid,
      type: v.type,
      organizationId: v.organizationId,
      driverId: v.driverId,
      status: 'Accepted',
      createdAt: v.now,
      updatedAt: v.now,
    })
  }

  /** Gives an existing token to a driver with its type (an import's; its status stays as it is). */
  giveToken(v: { uid: string; type: string; driverId: string; now: number }) {
    return this.db
      .update(tokens)
      .set({ type: v.type, driverId: v.driverId, updatedAt: v.now })
      .where(eq(tokens.uid, v.uid))
  }

  /** How many drivers a household or business account has (a non-empty one is not removed). */
  async memberCount(kind: 'household' | 'business', id: string): Promise<number> {
    const column = kind === 'household' ? drivers.householdId : drivers.businessAccountId
    const [r] = await this.db.select({ n: count() }).from(drivers).where(eq(column, id))
    return r?.n ?? 0
  }

  /** How many tokens a driver, household or business account owns directly. */
  async tokenCount(kind: OwnerKind, id: string): Promise<number> {
    const [r] = await this.db.select({ n: count() }).from(tokens).where(eq(ownerColumn[kind], id))
    return r?.n ?? 0
  }

  /** Removes something's memberships of every group (in the write that removes it). */
  leaveGroups(kind: OwnerKind, id: string) {
    return this.db
      .delete(groupMembers)
      .where(and(eq(groupMembers.memberKind, kind), eq(groupMembers.memberId, id)))
  }
}
