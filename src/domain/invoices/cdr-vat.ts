/** The part of a CDR's OCPI body that says its VAT: the tariff snapshot's price components. */
interface PricedBody {
  tariffs?: { elements?: { price_components?: { vat?: number | string }[] }[] }[]
}

/**
 * The VAT rate (percent, as text) a CDR was priced at: the one `vat` every price component of its
 * tariff snapshot names. Null when they name none (VAT unknown) or several (the CDR's totals do not say
 * how much VAT is at which rate): such a CDR is not invoiced but reported.
 */
export function cdrVatRate(body: unknown): string | null {
  const rates = new Set<string>()
  for (const t of (body as PricedBody | null)?.tariffs ?? [])
    for (const e of t.elements ?? [])
      for (const c of e.price_components ?? []) {
        if (c.vat === undefined) return null
        rates.add(String(c.vat))
      }
  return rates.size === 1 ? ([...rates][0] ?? null) : null
}
