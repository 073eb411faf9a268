import { and, desc, eq, gt, gte, isNull, like, lt, ne, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { memberships, operatorSessions, operators } from '../schema'

/** A stored operator row. */
export type OperatorRow = typeof operators.$inferSelect

/** Back-office operators and their sign-in sessions. */
export class OperatorsRepo {
  constructor(private readonly db: Db) {}

  findByEmail(email: string): Promise<OperatorRow | undefined> {
    return this.db.query.operators.findFirst({ where: eq(operators.email, email.toLowerCase()) })
  }

  create(email: string, passwordHash: string, now: number) {
    return this.db.insert(operators).values({ email: email.toLowerCase(), passwordHash, createdAt: now })
  }

  /** Gives the account with this email a role in an organization (replacing the role it held there). */
  grant(email: string, organizationId: string, roleId: string, now: number) {
    return this.db
      .insert(memberships)
      .select(
        this.db
          .select({
            operatorId: operators.id,
            organizationId: sql<string>`${organizationId}`.as('organization_id'),
            roleId: sql<string>`${roleId}`.as('role_id'),
            createdAt: sql<number>`${now}`.as('created_at'),
          })
          .from(operators)
          .where(eq(operators.email, email.toLowerCase())),
      )
      .onConflictDoUpdate({ target: [memberships.operatorId, memberships.organizationId], set: { roleId } })
  }

  recordLogin(id: number, now: number) {
    return this.db.update(operators).set({ lastLoginAt: now }).where(eq(operators.id, id))
  }

  /**
   * A live session and its operator, by the SHA-256 of its cookie token. A session is live while it has
   * not expired, its account is not disabled, and it was made at or after the account's
   * `sessions_valid_from` ("sign out everywhere" and a password change move that instant).
   */
  async liveSession(
    tokenHash: string,
    now: number,
  ): Promise<{ operator: OperatorRow; lastSeenAt: number | null } | undefined> {
    const [row] = await this.db
      .select({ operator: operators, lastSeenAt: operatorSessions.lastSeenAt })
      .from(operatorSessions)
      .innerJoin(operators, eq(operators.id, operatorSessions.operatorId))
      .where(
        and(
          eq(operatorSessions.tokenHash, tokenHash),
          gt(operatorSessions.expiresAt, now),
          isNull(operators.disabledAt),
          gte(operatorSessions.createdAt, operators.sessionsValidFrom),
        ),
      )
      .limit(1)
    return row
  }

  /** The operator of a live session ({@link liveSession}). */
  async sessionOperator(tokenHash: string, now: number): Promise<OperatorRow | undefined> {
    return (await this.liveSession(tokenHash, now))?.operator
  }

  /** Records that a session was used now (callers do it at most once a minute per session). */
  touchSession(tokenHash: string, now: number) {
    return this.db
      .update(operatorSessions)
      .set({ lastSeenAt: now })
      .where(eq(operatorSessions.tokenHash, tokenHash))
  }

  /** A new session, with the browser and address it was signed in from (shown on the account page). */
  createSession(
    tokenHash: string,
    operatorId: number,
    now: number,
    expiresAt: number,
    client: { userAgent: string | null; address: string | null } = { userAgent: null, address: null },
  ) {
    return this.db.insert(operatorSessions).values({
      tokenHash,
      operatorId,
      createdAt: now,
      expiresAt,
      lastSeenAt: now,
      userAgent: client.userAgent,
      address: client.address,
    })
  }

  /** An account's live sessions, newest first (for its account page). */
  sessionsOf(operatorId: number, now: number) {
    return this.db
      .select({
        tokenHash: operatorSessions.tokenHash,
        createdAt: operatorSessions.createdAt,
        lastSeenAt: operatorSessions.lastSeenAt,
        userAgent: operatorSessions.userAgent,
        address: operatorSessions.address,
      })
      .from(operatorSessions)
      .innerJoin(operators, eq(operators.id, operatorSessions.operatorId))
      .where(
        and(
          eq(operatorSessions.operatorId, operatorId),
          gt(operatorSessions.expiresAt, now),
          gte(operatorSessions.createdAt, operators.sessionsValidFrom),
        ),
      )
      .orderBy(desc(operatorSessions.createdAt))
  }

  /** Ends one of an account's sessions, named by the start of its token hash (never another account's). */
  deleteSessionOf(operatorId: number, hashPrefix: string) {
    return this.db
      .delete(operatorSessions)
      .where(
        and(eq(operatorSessions.operatorId, operatorId), like(operatorSessions.tokenHash, `${hashPrefix}%`)),
      )
  }

  /** Ends every session of an account but `keepHash` (a password change keeps the one that made it). */
  deleteOtherSessions(operatorId: number, keepHash: string) {
    return this.db
      .delete(operatorSessions)
      .where(and(eq(operatorSessions.operatorId, operatorId), ne(operatorSessions.tokenHash, keepHash)))
  }

  /** Voids every session of an account made before `now` ("sign out everywhere"). */
  voidSessions(operatorId: number, now: number) {
    return this.db.update(operators).set({ sessionsValidFrom: now }).where(eq(operators.id, operatorId))
  }

  /** Replaces an account's password hash (argon2id). */
  setPassword(operatorId: number, passwordHash: string) {
    return this.db.update(operators).set({ passwordHash }).where(eq(operators.id, operatorId))
  }

  deleteSession(tokenHash: string) {
    return this.db.delete(operatorSessions).where(eq(operatorSessions.tokenHash, tokenHash))
  }

  deleteExpiredSessions(now: number) {
    return this.db.delete(operatorSessions).where(lt(operatorSessions.expiresAt, now))
  }
}
