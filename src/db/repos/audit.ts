import type { Scope } from '@src/domain/tenancy/scope'
import { and, asc, count, desc, gte, lt } from 'drizzle-orm'
import type { Db } from '../client'
import { auditLog } from '../schema'
import { inScope } from '../scope'

/** A stored audit entry. */
export type AuditRow = typeof auditLog.$inferSelect
/** What is written for one change. */
export type AuditInput = Omit<AuditRow, 'id'>

/** The audit log: appended with each change (in the change's own write), read per organization. */
export class AuditRepo {
  constructor(private readonly db: Db) {}

  /** The insert of one entry, to go in the same `writer.write([...])` as the change it records. */
  append(entry: AuditInput) {
    return this.db.insert(auditLog).values(entry)
  }

  /** Entries the scope may read (`audit:read`), newest first, optionally within `[from, to)`. */
  async list(
    scope: Scope,
    q: { from?: number; to?: number; limit: number; offset: number; oldestFirst?: boolean },
  ): Promise<{ rows: AuditRow[]; total: number }> {
    const where = and(
      inScope(auditLog.organizationId, scope, 'audit:read'),
      q.from === undefined ? undefined : gte(auditLog.at, q.from),
      q.to === undefined ? undefined : lt(auditLog.at, q.to),
    )
    const order = q.oldestFirst ? asc(auditLog.id) : desc(auditLog.id)
    const [rows, [totals]] = await Promise.all([
      this.db.select().from(auditLog).where(where).orderBy(order).limit(q.limit).offset(q.offset),
      this.db.select({ n: count() }).from(auditLog).where(where),
    ])
    return { rows, total: totals?.n ?? 0 }
  }
}
