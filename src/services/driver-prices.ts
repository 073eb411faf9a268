import type { AccessFactsRepo } from '@src/db/repos/access-facts'
import type { TariffsRepo } from '@src/db/repos/tariffs'
import type { Tariff } from '@src/domain/tariffs/tariff'
import type { Clock } from '@src/lib/clock'
import type { AccessDirectory } from './access-directory'
import type { SessionTariffs } from './session-tariffs'

/** The price a driver would charge under at a connector, before charging. */
export type PriceBefore =
  | { kind: 'tariff'; tariff: Tariff; tariffId: string; version: number }
  /** No tariff applies: charging is free here. */
  | { kind: 'free' }
  /** The driver's card would be refused here now. */
  | { kind: 'refused' }

/** What {@link DriverPrices} works with. */
export interface DriverPricesDeps {
  access: Pick<AccessDirectory, 'decide'>
  sessionTariffs: Pick<SessionTariffs, 'choose'>
  tariffs: Pick<TariffsRepo, 'version'>
  facts: Pick<AccessFactsRepo, 'placesOf'>
  clock: Clock
}

/**
 * The price before charging, shown on the connector's QR page and the driver page, chosen exactly as
 * a start chooses it: with a card (`uid`), the access evaluator's price group for that card at that
 * connector now, then `chooseTariff` through the place's organizations (`SessionTariffs`); without a
 * card (someone who scanned the code), the place's default price group.
 */
export class DriverPrices {
  constructor(private readonly deps: DriverPricesDeps) {}

  /** The tariff that would apply at connector `evseId` of `chargerId` for card `uid` (or anyone). */
  async at(chargerId: string, evseId: number, uid?: string): Promise<PriceBefore> {
    const { access, sessionTariffs, facts, clock } = this.deps
    let choice: Awaited<ReturnType<SessionTariffs['choose']>>
    if (uid !== undefined) {
      const outcome = await access.decide({ chargerId, evseId, uid, now: clock.now(), busyElsewhere: false })
      if (!outcome.decision.allowed) return { kind: 'refused' }
      choice = await sessionTariffs.choose(outcome.organizationId, outcome.decision.priceGroup)
    } else {
      const places = await facts.placesOf(chargerId)
      const organizationId = places?.organizationChain[0]
      choice = organizationId ? await sessionTariffs.choose(organizationId, null) : null
    }
    if (!choice) return { kind: 'free' }
    const version = await this.deps.tariffs.version(choice.tariffId, choice.tariffVersion)
    if (!version) return { kind: 'free' }
    return { kind: 'tariff', tariff: version.body, tariffId: choice.tariffId, version: choice.tariffVersion }
  }
}
