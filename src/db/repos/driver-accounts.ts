import { and, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm'
import type { Db } from '../client'
import {
  cdrs,
  departurePlans,
  driverSessions,
  driverSignInLinks,
  drivers,
  households,
  tokens,
  transactions,
} from '../schema'
import type { CdrRow } from './cdrs'
import type { DriverRow, HouseholdRow } from './people'
import type { TokenRow } from './tokens'
import type { TransactionRow } from './transaction-queries'

/** A driver's weekly departure plan as stored. */
export type DeparturePlanRow = typeof departurePlans.$inferSelect

/** How many past sessions the history shows. */
export const HISTORY_LIMIT = 50

/**
 * What the driver pages read and write for a signed-in driver: sign-in links and sessions (hashes
 * only), the drivers of an email, their tokens, households, sessions with their CDRs, and weekly
 * departure plans. Unscoped by organization: a driver belongs to no operator's scope, and the
 * service `DriverAccounts` limits every read to the signed-in driver's own rows.
 */
export class DriverAccountsRepo {
  constructor(private readonly db: Db) {}

  /** Stores a new sign-in link's hash. */
  addLink(v: { hash: string; email: string; createdAt: number; expiresAt: number }) {
    return this.db.insert(driverSignInLinks).values({ ...v, usedAt: null })
  }

  /**
   * Marks a live, unused link used and returns its email: the one write decides, so a link clicked
   * twice at once signs in once.
   */
  useLink(hash: string, now: number) {
    return this.db
      .update(driverSignInLinks)
      .set({ usedAt: now })
      .where(
        and(
          eq(driverSignInLinks.hash, hash),
          isNull(driverSignInLinks.usedAt),
          gt(driverSignInLinks.expiresAt, now),
        ),
      )
      .returning({ email: driverSignInLinks.email })
  }

  /** Forgets links that expired (used or not). */
  deleteExpiredLinks(now: number) {
    return this.db.delete(driverSignInLinks).where(lte(driverSignInLinks.expiresAt, now))
  }

  /** Whether a link is live and unused (the page that asks to confirm it). */
  async linkIsLive(hash: string, now: number): Promise<boolean> {
    const rows = await this.db
      .select({ hash: driverSignInLinks.hash })
      .from(driverSignInLinks)
      .where(
        and(
          eq(driverSignInLinks.hash, hash),
          isNull(driverSignInLinks.usedAt),
          gt(driverSignInLinks.expiresAt, now),
        ),
      )
    return rows.length > 0
  }

  /** Starts a driver session. */
  addSession(v: { hash: string; email: string; createdAt: number; expiresAt: number }) {
    return this.db.insert(driverSessions).values(v)
  }

  /** The email of a live session, or undefined. */
  async sessionEmail(hash: string, now: number): Promise<string | undefined> {
    const [row] = await this.db
      .select({ email: driverSessions.email })
      .from(driverSessions)
      .where(and(eq(driverSessions.hash, hash), gt(driverSessions.expiresAt, now)))
    return row?.email
  }

  /** Forgets sessions that expired. */
  deleteExpiredSessions(now: number) {
    return this.db.delete(driverSessions).where(lte(driverSessions.expiresAt, now))
  }

  /** Ends one session. */
  deleteSession(hash: string) {
    return this.db.delete(driverSessions).where(eq(driverSessions.hash, hash))
  }

  /** Ends every session of an email (signed out everywhere), and expired ones of anybody. */
  deleteSessionsOf(email: string, now: number) {
    return this.db
      .delete(driverSessions)
      .where(or(eq(driverSessions.email, email), lte(driverSessions.expiresAt, now)))
  }

  /** The drivers with this email (any case), in every organization. */
  driversOf(email: string): Promise<DriverRow[]> {
    return this.db.select().from(drivers).where(sql`lower(${drivers.email}) = ${email.toLowerCase()}`)
  }

  /** The households with these ids. */
  async householdsOf(ids: readonly string[]): Promise<HouseholdRow[]> {
    if (ids.length === 0) return []
    return this.db
      .select()
      .from(households)
      .where(inArray(households.id, [...ids]))
  }

  /** The drivers of these households. */
  async householdMembers(ids: readonly string[]): Promise<DriverRow[]> {
    if (ids.length === 0) return []
    return this.db
      .select()
      .from(drivers)
      .where(inArray(drivers.householdId, [...ids]))
      .orderBy(drivers.name)
  }

  /** Tokens owned by these drivers or directly by these households, by uid. */
  async tokensOf(owners: {
    driverIds: readonly string[]
    householdIds: readonly string[]
  }): Promise<TokenRow[]> {
    const by = [
      owners.driverIds.length ? inArray(tokens.driverId, [...owners.driverIds]) : undefined,
      owners.householdIds.length ? inArray(tokens.householdId, [...owners.householdIds]) : undefined,
    ].filter((c) => c !== undefined)
    if (by.length === 0) return []
    return this.db
      .select()
      .from(tokens)
      .where(or(...by))
      .orderBy(tokens.uid)
  }

  /** The sessions of these tokens, running first, then newest first, with the CDR of each that has one. */
  async sessionsOf(uids: readonly string[]): Promise<{ tx: TransactionRow; cdr: CdrRow | null }[]> {
    if (uids.length === 0) return []
    const rows = await this.db
      .select({ tx: transactions, cdr: cdrs })
      .from(transactions)
      .leftJoin(cdrs, eq(cdrs.transactionId, transactions.id))
      .where(inArray(transactions.idTag, [...uids]))
      .orderBy(sql`${transactions.endedAt} is not null`, desc(transactions.startedAt))
      .limit(HISTORY_LIMIT)
    return rows
  }

  /** The weekly plan of one driver, or undefined. */
  async planOf(driverId: string): Promise<DeparturePlanRow | undefined> {
    return (await this.db.select().from(departurePlans).where(eq(departurePlans.driverId, driverId)))[0]
  }

  /** Sets a driver's weekly plan. */
  savePlan(row: DeparturePlanRow) {
    return this.db
      .insert(departurePlans)
      .values(row)
      .onConflictDoUpdate({
        target: departurePlans.driverId,
        set: { days: row.days, time: row.time, energyNeedWh: row.energyNeedWh, updatedAt: row.updatedAt },
      })
  }

  /** Removes a driver's weekly plan. */
  deletePlan(driverId: string) {
    return this.db.delete(departurePlans).where(eq(departurePlans.driverId, driverId))
  }
}
