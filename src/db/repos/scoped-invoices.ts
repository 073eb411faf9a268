import { type Owner, ownerFor } from '@src/domain/tenancy/ownership'
import type { Permission } from '@src/domain/tenancy/permissions'
import { can, type Scope } from '@src/domain/tenancy/scope'
import { billingRuns, invoices, PLATFORM_ORG } from '../schema'
import { inScope } from '../scope'
import type {
  BillingProfileRow,
  BillingRunRow,
  BuyerDetailsRow,
  BuyerFacts,
  InvoiceFilter,
  InvoiceKey,
  InvoiceQuery,
  InvoiceRow,
  InvoicesRepo,
} from './invoices'
import type { Page } from './scoped-people'
import { type Reach, reach, readable, type Seen } from './seen'

const READ: Permission = 'billing:read'
const WRITE: Permission = 'billing:write'

/**
 * Invoices, credit notes, billing runs and sellers' profiles as an HTTP caller sees them: its
 * organizations' as the seller (`billing:read`); issuing, crediting and recording payments or reminders
 * need `billing:write` there. A buyer's details are read from a buyer row a scoped people find returned.
 */
export class ScopedInvoices {
  constructor(private readonly deps: { invoices: InvoicesRepo }) {}

  /** A page of invoices within the scope, newest first. */
  list(scope: Scope, q: Page & Omit<InvoiceQuery, 'within' | 'limit' | 'offset'>) {
    return this.deps.invoices.list({ ...q, within: inScope(invoices.organizationId, scope, READ) })
  }

  /** An invoice or credit note the scope may read, or undefined. */
  async find(scope: Scope, id: string): Promise<Seen<InvoiceRow> | undefined> {
    return readable(scope, await this.deps.invoices.find(id), READ)
  }

  /** An invoice the scope may credit or record a payment on, or 404/403. */
  async reach(scope: Scope, id: string): Promise<Reach<InvoiceRow>> {
    return reach(scope, await this.deps.invoices.find(id), {
      read: READ,
      permission: WRITE,
      missing: `no invoice ${id}`,
    })
  }

  /** A page of billing runs within the scope, newest first. */
  runs(scope: Scope, q: Page) {
    return this.deps.invoices.runs({ ...q, within: inScope(billingRuns.organizationId, scope, READ) })
  }

  /** A billing run the scope may read, or undefined. */
  async findRun(scope: Scope, id: string): Promise<Seen<BillingRunRow> | undefined> {
    return readable(scope, await this.deps.invoices.findRun(id), READ)
  }

  /**
   * The seller a request is about: the organization asked for, if the caller holds `permission` there
   * (`write`: run billing, change the profile; `read`: see it); else the caller's only one with it.
   */
  seller(scope: Scope, access: 'read' | 'write', organizationId?: string): Owner {
    const permission = access === 'read' ? READ : WRITE
    if (organizationId !== undefined && !can(scope, permission, organizationId))
      return { ok: false, message: `you hold ${permission} in no organization ${organizationId}` }
    return ownerFor(scope, permission, organizationId, PLATFORM_ORG)
  }

  /** A keyed page of the scope's invoices with the filter's count and totals (the admin's list). */
  keyPage(scope: Scope, q: InvoiceFilter & { limit: number; after?: InvoiceKey; before?: InvoiceKey }) {
    return this.deps.invoices.keyPage({ ...q, within: inScope(invoices.organizationId, scope, READ) })
  }

  /** The scope's invoices under the filter, for a download, at most `limit`. */
  exportRows(scope: Scope, q: InvoiceFilter & { limit: number }) {
    return this.deps.invoices.exportRows({ ...q, within: inScope(invoices.organizationId, scope, READ) })
  }

  /** The credit note of a seen invoice, or undefined. */
  creditOf(invoice: Seen<InvoiceRow>): Promise<InvoiceRow | undefined> {
    return this.deps.invoices.creditOf(invoice.id)
  }

  /** The billing profile of an organization the scope may read billing of; undefined otherwise. */
  async profile(scope: Scope, organizationId: string): Promise<BillingProfileRow | undefined> {
    return can(scope, READ, organizationId) ? this.deps.invoices.profile(organizationId) : undefined
  }

  /** The invoicing details of a buyer row a scoped people find returned. */
  buyerDetailsOf(
    kind: BuyerFacts['kind'],
    buyer: Seen<{ id: string }>,
  ): Promise<BuyerDetailsRow | undefined> {
    return this.deps.invoices.buyerDetails(kind, buyer.id)
  }
}
