import type { BillingProfileRow, BuyerDetailsRow, InvoicesRepo } from '@src/db/repos/invoices'
import type { DbWriter } from '@src/db/writer'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import type { Audit } from './audit'

/** A seller profile as written (everything but the organization and the time of the change). */
export type BillingProfileInput = Omit<BillingProfileRow, 'organizationId' | 'updatedAt'>

/** A buyer's invoicing details as written. */
export type BuyerDetailsInput = Pick<BuyerDetailsRow, 'addressLines' | 'country' | 'vatNumber'>

/** The buyer whose details are written: a driver, household or business account, and its organization. */
export interface BuyerRef {
  kind: 'driver' | 'household' | 'businessAccount'
  id: string
  organizationId: string
}

/** Sellers' billing profiles: what an organization invoices under. Every change has its audit entry. */
export class BillingProfiles {
  constructor(
    private readonly deps: { invoices: InvoicesRepo; writer: DbWriter; clock: Clock; audit: Audit },
  ) {}

  /** The profile of `organizationId` (the caller checked `billing:read` there), or undefined. */
  of(organizationId: string): Promise<BillingProfileRow | undefined> {
    return this.deps.invoices.profile(organizationId)
  }

  /** A buyer's invoicing details (the caller reached the buyer), or undefined. */
  buyerOf(kind: BuyerRef['kind'], id: string): Promise<BuyerDetailsRow | undefined> {
    return this.deps.invoices.buyerDetails(kind, id)
  }

  /** Writes the profile of `organizationId` (the caller checked `billing:write` there). */
  async put(scope: Scope, organizationId: string, input: BillingProfileInput): Promise<BillingProfileRow> {
    const before = await this.deps.invoices.profile(organizationId)
    const row: BillingProfileRow = { ...input, organizationId, updatedAt: this.deps.clock.now() }
    await this.deps.writer.write([
      this.deps.invoices.putProfile(row),
      this.deps.audit.entry(scope, {
        organizationId,
        action: 'billingProfile.updated',
        entity: 'billingProfile',
        entityId: organizationId,
        before: before ?? null,
        after: row,
      }),
    ])
    return row
  }

  /** Writes a buyer's invoicing details (the caller reached the buyer: the API with `billing:write`, the admin page with `drivers:write`). */
  async putBuyer(scope: Scope, buyer: BuyerRef, input: BuyerDetailsInput): Promise<BuyerDetailsRow> {
    const before = await this.deps.invoices.buyerDetails(buyer.kind, buyer.id)
    const row: BuyerDetailsRow = {
      ...input,
      buyerKind: buyer.kind,
      buyerId: buyer.id,
      organizationId: buyer.organizationId,
      updatedAt: this.deps.clock.now(),
    }
    await this.deps.writer.write([
      this.deps.invoices.putBuyerDetails(row),
      this.deps.audit.entry(scope, {
        organizationId: buyer.organizationId,
        action: 'buyerDetails.updated',
        entity: buyer.kind,
        entityId: buyer.id,
        before: before ?? null,
        after: row,
      }),
    ])
    return row
  }
}
