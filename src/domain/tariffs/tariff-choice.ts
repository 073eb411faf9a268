/** A price group as the chooser reads it: which tariff a name charges in an organization. */
export interface PriceGroupFact {
  organizationId: string
  name: string
  tariffId: string
}

/** The price group every organization may name for sessions no policy gives a price group. */
export const DEFAULT_PRICE_GROUP = 'default'

/** The tariff a session is priced under, and why. */
export interface TariffChoice {
  tariffId: string
  /** The price group that named it, and where. */
  priceGroup: string
  organizationId: string
}

/**
 * The tariff for a session starting at a place whose organizations are `chain` (nearest first: the
 * site's, then its parents, up to the platform), under the deciding access policy's price group. The
 * nearest organization that defines the policy's price group decides; without one (or when the policy
 * names none), the nearest `default` price group does; without that, no tariff applies (the session is
 * free and its CDR says so). The priority the issue asks for (driver or household before group before
 * business account before charger, site and organization) is the order of the access policies: the
 * first policy that matches decides, so the more specific policy, placed first, names its price group.
 *
 * @example chooseTariff(['brf', 'platform'], 'visitors', groups) // { tariffId: 'spot', priceGroup: 'visitors', organizationId: 'brf' }
 */
export function chooseTariff(
  chain: readonly string[],
  priceGroup: string | null,
  groups: readonly PriceGroupFact[],
): TariffChoice | null {
  const find = (name: string) => {
    for (const org of chain) {
      const g = groups.find((x) => x.organizationId === org && x.name === name)
      if (g) return { tariffId: g.tariffId, priceGroup: g.name, organizationId: org }
    }
    return null
  }
  return (priceGroup === null ? null : find(priceGroup)) ?? find(DEFAULT_PRICE_GROUP)
}
