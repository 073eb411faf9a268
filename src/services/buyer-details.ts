import type { BuyerDetailsRow, BuyerFacts, InvoicesRepo } from '@src/db/repos/invoices'
import type { DbWriter } from '@src/db/writer'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import type { Audit } from './audit'

/** A buyer's invoicing details as written: postal address, country, VAT number. */
export type BuyerDetailsInput = Pick<BuyerDetailsRow, 'addressLines' | 'country' | 'vatNumber'>

/**
 * Buyers' invoicing details (a driver's, a household's, a business account's), which the next billing
 * run puts on their invoices (issued invoices keep what they were issued with). Audited.
 */
export class BuyerDetails {
  constructor(
    private readonly deps: { invoices: InvoicesRepo; writer: DbWriter; clock: Clock; audit: Audit },
  ) {}

  /** Writes the details of `buyer` (the caller checked `drivers:write` on its row). */
  async put(
    scope: Scope,
    buyer: { kind: BuyerFacts['kind']; id: string; organizationId: string },
    input: BuyerDetailsInput,
  ): Promise<BuyerDetailsRow> {
    const before = await this.deps.invoices.buyerDetailsOf(buyer.kind, buyer.id)
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
