import type { BillingProfileRow, InvoicesRepo } from '@src/db/repos/invoices'
import type { DbWriter } from '@src/db/writer'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import type { Audit } from './audit'

/** A seller profile as written (everything but the organization and the time of the change). */
export type BillingProfileInput = Omit<BillingProfileRow, 'organizationId' | 'updatedAt'>

/** Sellers' billing profiles: what an organization invoices under. Every change has its audit entry. */
export class BillingProfiles {
  constructor(
    private readonly deps: { invoices: InvoicesRepo; writer: DbWriter; clock: Clock; audit: Audit },
  ) {}

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
}
