import { LINK_KINDS } from '@src/domain/accounts/account-link'
import type { Scope } from '@src/domain/tenancy/scope'
import { and, asc, eq, gt, isNull, like, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { accountLinks, auditLog, operatorSessions, operators } from '../schema'
import { inScope } from '../scope'

/** A stored one-time link (its secret only as a hash). */
export type AccountLinkRow = typeof accountLinks.$inferSelect

/** A link's public handle: the first hex digits of its hash (never the secret), to list and revoke it. */
export const LINK_ID_LENGTH = 16
/** What a link handle looks like. */
export const LINK_ID = /^[0-9a-f]{16}$/

/** A session to open for an account known only by its email yet (an invitee whose row this write makes). */
export interface SessionByEmail {
  tokenHash: string
  createdAt: number
  expiresAt: number
  userAgent: string | null
  address: string | null
}

/** An audit entry whose actor and entity are the account with an email (made in the same write). */
export interface AuditByEmail {
  organizationId: string
  at: number
  action: string
  after: unknown
}

/**
 * One-time links, invitations and password resets: made, found by the hash of their secret, listed
 * per organization (`accounts:read`), used once and withdrawn. Writes are statements for the
 * services to put in one write with their audit entry.
 */
export class AccountLinksRepo {
  constructor(private readonly db: Db) {}

  /** Inserts a link. */
  insert(row: AccountLinkRow) {
    return this.db.insert(accountLinks).values(row)
  }

  /** The link with this secret's hash, whatever its state. */
  byHash(tokenHash: string): Promise<AccountLinkRow | undefined> {
    return this.db.query.accountLinks.findFirst({ where: eq(accountLinks.tokenHash, tokenHash) })
  }

  /** The link whose hash starts with this handle ({@link LINK_ID}; anything else finds nothing). */
  async byId(id: string): Promise<AccountLinkRow | undefined> {
    if (!LINK_ID.test(id)) return undefined
    return this.db.query.accountLinks.findFirst({ where: like(accountLinks.tokenHash, `${id}%`) })
  }

  /** Open invitations in organizations where the scope holds `accounts:read`, by email. */
  pendingInvites(scope: Scope, now: number): Promise<AccountLinkRow[]> {
    return this.db
      .select()
      .from(accountLinks)
      .where(
        and(
          eq(accountLinks.kind, LINK_KINDS.invite),
          isNull(accountLinks.usedAt),
          gt(accountLinks.expiresAt, now),
          inScope(accountLinks.organizationId, scope, 'accounts:read'),
        ),
      )
      .orderBy(asc(accountLinks.email), asc(accountLinks.createdAt))
  }

  /** Open invitations to a role (a role in use by one may not be deleted). */
  pendingWithRole(roleId: string, now: number): Promise<{ email: string }[]> {
    return this.db
      .select({ email: accountLinks.email })
      .from(accountLinks)
      .where(
        and(
          eq(accountLinks.kind, LINK_KINDS.invite),
          eq(accountLinks.roleId, roleId),
          isNull(accountLinks.usedAt),
          gt(accountLinks.expiresAt, now),
        ),
      )
  }

  /** Marks a link used (once: a second use of the same link changes nothing). */
  consume(tokenHash: string, now: number) {
    return this.db
      .update(accountLinks)
      .set({ usedAt: now })
      .where(and(eq(accountLinks.tokenHash, tokenHash), isNull(accountLinks.usedAt)))
  }

  /** Withdraws an unused link: its kind becomes its revoked kind, so opening it says so. */
  revoke(tokenHash: string, kind: typeof LINK_KINDS.revokedInvite | typeof LINK_KINDS.revokedReset) {
    return this.db
      .update(accountLinks)
      .set({ kind })
      .where(and(eq(accountLinks.tokenHash, tokenHash), isNull(accountLinks.usedAt)))
  }

  /** A new account's row (an accepted invitation), with the name its owner chose. */
  createAccount(email: string, name: string, passwordHash: string, now: number) {
    return this.db
      .insert(operators)
      .values({ email: email.toLowerCase(), name, passwordHash, createdAt: now, lastLoginAt: now })
  }

  /** A session for the account with `email`, made in the same write as the account itself. */
  sessionFor(email: string, s: SessionByEmail) {
    return this.db.insert(operatorSessions).select(
      this.db
        .select({
          tokenHash: sql<string>`${s.tokenHash}`.as('token_hash'),
          operatorId: operators.id,
          createdAt: sql<number>`${s.createdAt}`.as('created_at'),
          expiresAt: sql<number>`${s.expiresAt}`.as('expires_at'),
          lastSeenAt: sql<number>`${s.createdAt}`.as('last_seen_at'),
          userAgent: sql<string | null>`${s.userAgent}`.as('user_agent'),
          address: sql<string | null>`${s.address}`.as('address'),
        })
        .from(operators)
        .where(eq(operators.email, email.toLowerCase())),
    )
  }

  /**
   * The audit entry of an account acting on itself before its id is known (it accepts an invitation
   * and so comes to exist): actor and entity are the account with `email`, read in the same write.
   */
  auditByEmail(email: string, e: AuditByEmail) {
    return this.db.insert(auditLog).select(
      this.db
        .select({
          id: sql<number | null>`null`.as('id'),
          organizationId: sql<string>`${e.organizationId}`.as('organization_id'),
          at: sql<number>`${e.at}`.as('at'),
          actorKind: sql<string>`'account'`.as('actor_kind'),
          actorId: sql<string>`cast(${operators.id} as text)`.as('actor_id'),
          actorLabel: operators.email,
          action: sql<string>`${e.action}`.as('action'),
          entity: sql<string>`'account'`.as('entity'),
          entityId: sql<string>`cast(${operators.id} as text)`.as('entity_id'),
          before: sql<string | null>`null`.as('before'),
          after: sql<string>`${JSON.stringify(e.after)}`.as('after'),
        })
        .from(operators)
        .where(eq(operators.email, email.toLowerCase())),
    )
  }
}
