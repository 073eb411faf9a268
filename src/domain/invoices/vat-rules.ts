/** The EU's member states (ISO 3166-1 alpha-2): who reverse charge applies between. */
const EU = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
)

/** The facts about the buyer that decide reverse charge. */
export interface VatBuyer {
  kind: 'driver' | 'household' | 'businessAccount'
  vatNumber: string | null
  country: string
}

/**
 * Reverse charge (omvänd betalningsskyldighet, mervärdesskattelagen; EU VAT directive art. 196): the
 * buyer is a business account with a VAT number, in an EU country other than the seller's, and the
 * seller is in the EU. Then the invoice charges 0 % VAT and says the buyer owes it. A private person,
 * a business without a VAT number, one in the seller's country or outside the EU is charged the
 * tariff's VAT.
 */
export function isReverseCharge(sellerCountry: string, buyer: VatBuyer): boolean {
  return (
    buyer.kind === 'businessAccount' &&
    buyer.vatNumber !== null &&
    buyer.vatNumber.trim() !== '' &&
    EU.has(sellerCountry) &&
    EU.has(buyer.country) &&
    buyer.country !== sellerCountry
  )
}

/** What a reverse-charged invoice says, in its language. */
export const REVERSE_CHARGE_TEXT = {
  sv: 'Omvänd betalningsskyldighet',
  en: 'Reverse charge: VAT to be accounted for by the recipient (Article 196, Directive 2006/112/EC)',
} as const
