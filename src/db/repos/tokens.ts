import { and, asc, count, eq, like, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { tokens } from '../schema'

/** A stored token row. */
export type TokenRow = typeof tokens.$inferSelect

/** The fields an operator or the API may set on a token. */
export interface TokenInput {
  type: string
  status: string
  expiresAt?: number | null
  parentUid?: string | null
  label?: string | null
  allowConcurrentTx?: boolean
  /** Whose token it is; kept as it is when omitted on an update (the platform's when new). */
  organizationId?: string
  /** Its owner (a driver, or directly a household or a business account); each kept when omitted. */
  driverId?: string | null
  householdId?: string | null
  businessAccountId?: string | null
}

/** Identification tokens (RFID cards, app tokens). */
export class TokensRepo {
  readonly #find

  constructor(private readonly db: Db) {
    this.#find = db
      .select()
      .from(tokens)
      .where(eq(tokens.uid, sql.placeholder('uid')))
      .prepare()
  }

  find(uid: string): Promise<TokenRow | undefined> {
    return this.#find.get({ uid })
  }

  /** A page of tokens by uid; `within` is the caller's scope as a condition (`inScope`). */
  async list(q: {
    search?: string
    within?: SQL
    limit: number
    offset: number
  }): Promise<{ rows: TokenRow[]; total: number }> {
    const where = and(q.within, q.search ? like(tokens.uid, `%${q.search}%`) : undefined)
    const [rows, [totals]] = await Promise.all([
      this.db.select().from(tokens).where(where).orderBy(asc(tokens.uid)).limit(q.limit).offset(q.offset),
      this.db.select({ n: count() }).from(tokens).where(where),
    ])
    return { rows, total: totals?.n ?? 0 }
  }

  /** Creates the token or replaces the given fields. */
  upsert(uid: string, v: TokenInput, now: number) {
    const fields = {
      type: v.type,
      status: v.status,
      expiresAt: v.expiresAt ?? null,
      parentUid: v.parentUid ?? null,
      label: v.label ?? null,
      allowConcurrentTx: v.allowConcurrentTx ?? false,
    }
    const owner = Object.fromEntries(
      (['organizationId', 'driverId', 'householdId', 'businessAccountId'] as const)
        .filter((k) => v[k] !== undefined)
        .map((k) => [k, v[k]]),
    ) as Pick<TokenInput, 'organizationId' | 'driverId' | 'householdId' | 'businessAccountId'>
    return this.db
      .insert(tokens)
      .values({ uid, ...fields, ...owner, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: tokens.uid, set: { ...fields, ...owner, updatedAt: now } })
      .returning()
  }

  /** Sets a token's status (the one-click block and unblock). */
  setStatus(uid: string, status: string, now: number) {
    return this.db.update(tokens).set({ status, updatedAt: now }).where(eq(tokens.uid, uid)).returning()
  }

  remove(uid: string) {
    return this.db.delete(tokens).where(eq(tokens.uid, uid)).returning({ uid: tokens.uid })
  }
}
