import { type Owner, ownerFor } from '@src/domain/tenancy/ownership'
import type { Permission } from '@src/domain/tenancy/permissions'
import type { Scope } from '@src/domain/tenancy/scope'
import { PLATFORM_ORG, priceSeries } from '../schema'
import { inScope } from '../scope'
import type { PriceSeriesRepo, PriceSeriesRow, PriceSlotRow, SeriesExtent } from './price-series'
import { type Reach, reach, readable, type Seen } from './seen'

/** Price series are tariff data: read with `tariffs:read`, created and imported with `tariffs:write`. */
const READ: Permission = 'tariffs:read'
const WRITE: Permission = 'tariffs:write'

/** Price series as an HTTP caller sees them: its organizations' only. */
export class ScopedPriceSeries {
  constructor(private readonly deps: { priceSeries: PriceSeriesRepo }) {}

  /** Every series within the scope, by name. */
  list(scope: Scope): Promise<PriceSeriesRow[]> {
    return this.deps.priceSeries.list(inScope(priceSeries.organizationId, scope, READ))
  }

  /** A series the scope may read, or undefined. */
  async find(scope: Scope, id: string): Promise<Seen<PriceSeriesRow> | undefined> {
    return readable(scope, await this.deps.priceSeries.find(id), READ)
  }

  /** A series the scope may import into, or 404/403. */
  async reach(scope: Scope, id: string): Promise<Reach<PriceSeriesRow>> {
    return reach(scope, await this.deps.priceSeries.find(id), {
      read: READ,
      permission: WRITE,
      missing: `no price series ${id}`,
    })
  }

  /** The organization a new series goes to (asked for, or the caller's one). */
  ownerOfNew(scope: Scope, organizationId?: string): Owner {
    return ownerFor(scope, WRITE, organizationId, PLATFORM_ORG)
  }

  /** The slot count and span of a seen series. */
  extent(series: Seen<PriceSeriesRow>): Promise<SeriesExtent> {
    return this.deps.priceSeries.extent(series.id)
  }

  /** The slots of a seen series overlapping `[from, to)`. */
  slots(series: Seen<PriceSeriesRow>, from: number, to: number): Promise<PriceSlotRow[]> {
    return this.deps.priceSeries.slotsOverlapping(series.id, from, to)
  }
}
