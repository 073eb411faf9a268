import type { Permission } from '@src/domain/tenancy/permissions'
import type { Scope } from '@src/domain/tenancy/scope'
import { transactions as transactionsTable } from '../schema'
import { inScope } from '../scope'
import type { ChargerRow } from './chargers'
import { type Reach, reach, readable, type Seen } from './seen'
import type { SeriesPoint } from './transaction-queries'
import type { MeterValueRow, TransactionListQuery, TransactionRow, TransactionsRepo } from './transactions'

const READ: Permission = 'transactions:read'

/**
 * Transactions and their meter values as an HTTP caller sees them: only those of its organizations
 * (each transaction carries its charger's organization from its insert). The unscoped
 * `TransactionsRepo` is for the charger and site actors.
 */
export class ScopedTransactions {
  constructor(private readonly deps: { transactions: TransactionsRepo }) {}

  /** A page of transactions within the scope, newest first. */
  list(scope: Scope, q: Omit<TransactionListQuery, 'within'>) {
    return this.deps.transactions.list({
      ...q,
      within: inScope(transactionsTable.organizationId, scope, READ),
    })
  }

  /** A transaction the scope may read, or undefined. */
  async find(scope: Scope, id: number): Promise<Seen<TransactionRow> | undefined> {
    return readable(scope, await this.deps.transactions.find(id), READ)
  }

  /** A transaction the scope may act on with `permission` (e.g. a departure: `chargers:command`). */
  async reach(scope: Scope, id: number, permission: Permission): Promise<Reach<TransactionRow>> {
    return reach(scope, await this.deps.transactions.find(id), {
      read: READ,
      permission,
      missing: `no transaction ${id}`,
    })
  }

  /** A seen transaction's meter values. */
  meterValuesOf(tx: Seen<TransactionRow>, limit = 5000): Promise<MeterValueRow[]> {
    return this.deps.transactions.meterValuesOf(tx.id, limit)
  }

  /** One measurand of a seen transaction over time. */
  series(tx: Seen<TransactionRow>, measurand: string, limit = 2000): Promise<SeriesPoint[]> {
    return this.deps.transactions.series(tx.id, measurand, limit)
  }

  /** The newest meter values of a seen charger, if the scope may read its transactions' values too. */
  recentMeterValuesOf(scope: Scope, charger: Seen<ChargerRow>, limit: number): Promise<MeterValueRow[]> {
    if (!readable(scope, charger, READ)) return Promise.resolve([])
    return this.deps.transactions.recentMeterValuesOfCharger(charger.id, limit)
  }
}
