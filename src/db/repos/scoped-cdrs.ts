import type { Permission } from '@src/domain/tenancy/permissions'
import type { Scope } from '@src/domain/tenancy/scope'
import { cdrs } from '../schema'
import { inScope } from '../scope'
import type { CdrFilter, CdrKey, CdrRow, CdrsRepo } from './cdrs'
import type { Page } from './scoped-people'
import { readable, type Seen } from './seen'
import type { TransactionRow, TransactionsRepo } from './transactions'

const READ: Permission = 'billing:read'

/** CDRs as an HTTP caller sees them: its organizations' (`billing:read`). They are never changed. */
export class ScopedCdrs {
  constructor(private readonly deps: { cdrs: CdrsRepo; transactions: TransactionsRepo }) {}

  /** A page of CDRs within the scope, newest first. */
  list(scope: Scope, q: Page & CdrFilter) {
    return this.deps.cdrs.list({ ...q, within: inScope(cdrs.organizationId, scope, READ) })
  }

  /** A keyed page of CDRs within the scope, newest first (the admin's list). */
  keyPage(scope: Scope, q: { limit: number; after?: CdrKey; before?: CdrKey } & CdrFilter) {
    return this.deps.cdrs.keyPage({ ...q, within: inScope(cdrs.organizationId, scope, READ) })
  }

  /** A CDR the scope may read, or undefined. */
  async find(scope: Scope, id: string): Promise<Seen<CdrRow> | undefined> {
    return readable(scope, await this.deps.cdrs.find(id), READ)
  }

  /** The transaction a readable CDR was written for (its meter readings price the CDR's lines again). */
  transactionOf(cdr: Seen<CdrRow>): Promise<TransactionRow | undefined> {
    return this.deps.transactions.find(cdr.transactionId)
  }
}
