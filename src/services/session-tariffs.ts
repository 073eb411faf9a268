import type { AccessFactsRepo } from '@src/db/repos/access-facts'
import type { TariffsRepo } from '@src/db/repos/tariffs'
import { chooseTariff } from '@src/domain/tariffs/tariff-choice'

/** The tariff version a session is priced under. */
export interface SessionTariff {
  tariffId: string
  tariffVersion: number
}

/**
 * Fixes a starting session's tariff: the price group of the access policy that let it in, looked up
 * through the place's organizations (`chooseTariff`), at the tariff's current version. An archived
 * tariff starts no session (it cannot be charged by a price group anyway).
 */
export class SessionTariffs {
  constructor(private readonly deps: { facts: Pick<AccessFactsRepo, 'chainOf'>; tariffs: TariffsRepo }) {}

  /** The tariff for a session starting in `organizationId` under `priceGroup`, or null when none applies. */
  async choose(organizationId: string, priceGroup: string | null): Promise<SessionTariff | null> {
    const chain = await this.deps.facts.chainOf(organizationId)
    const groups = await this.deps.tariffs.priceGroupsOfOrganizations(chain)
    const choice = chooseTariff(chain, priceGroup, groups)
    if (!choice) return null
    const tariff = await this.deps.tariffs.find(choice.tariffId)
    if (!tariff || tariff.archivedAt !== null) return null
    return { tariffId: tariff.id, tariffVersion: tariff.currentVersion }
  }
}
