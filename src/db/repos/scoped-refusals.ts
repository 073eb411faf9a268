import type { Scope } from '@src/domain/tenancy/scope'
import { accessRefusals } from '../schema'
import { inScope } from '../scope'
import type { AccessRefusalsRepo, RefusalRow } from './access-refusals'
import type { ChargerRow } from './chargers'
import type { Seen } from './seen'

/** A page of a charger's refusals and the zone of its site, to show their times in. */
export interface RefusalPage {
  rows: RefusalRow[]
  total: number
  timeZone: string
}

/**
 * caps: refused Authorize, start and remote start requests as an HTTP caller sees them. Only a
 * charger a scoped find returned (`Seen`) can be asked for, and its refusals are limited again to the
 * organizations where the scope reads chargers (a charger moved to another tenant keeps its old
 * owner's refusals out of the new owner's sight).
 */
export class ScopedRefusals {
  constructor(private readonly deps: { accessRefusals: AccessRefusalsRepo }) {}

  /** A charger's refusals, newest first. */
  async ofCharger(
    scope: Scope,
    charger: Seen<ChargerRow>,
    page: { limit: number; offset: number },
  ): Promise<RefusalPage> {
    const { accessRefusals: repo } = this.deps
    const [found, timeZone] = await Promise.all([
      repo.pageOfCharger(charger.id, page, inScope(accessRefusals.organizationId, scope, 'chargers:read')),
      repo.zoneOfCharger(charger.id),
    ])
    return { ...found, timeZone }
  }
}
