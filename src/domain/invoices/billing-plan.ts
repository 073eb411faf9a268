import type { BillableCdr } from './compose-invoice'
import type { Payer } from './payer'

/** A CDR a billing run looks at: billable facts, who pays (null: nobody), its VAT rate (null: unknown). */
export type CandidateCdr = Omit<BillableCdr, 'vatRatePercent' | 'currency' | 'totalInclVat'> & {
  payer: Payer | null
  currency: string | null
  totalInclVat: string | null
  vatRatePercent: string | null
}

/** Why a CDR was not invoiced. */
export type UnbilledReason = 'noPayer' | 'vatUnknown' | 'otherCurrency'

/** What a run invoices: one group per payer, and what it leaves out and why. */
export interface BillingPlan {
  groups: { payer: Payer; cdrs: BillableCdr[] }[]
  unbilled: { cdrId: string; reason: UnbilledReason }[]
}

const key = (p: Payer) => `${p.kind}:${p.id}`

/**
 * Groups a period's not yet invoiced CDRs per payer. A CDR that cost nothing under no tariff (no
 * currency, zero total) is neither invoiced nor reported. Left out and reported: no payer (the token
 * has no owner), VAT not known at one rate, and a currency other than the seller's.
 */
export function billingPlan(cdrs: readonly CandidateCdr[], currency: string): BillingPlan {
  const groups = new Map<string, { payer: Payer; cdrs: BillableCdr[] }>()
  const unbilled: BillingPlan['unbilled'] = []
  for (const c of cdrs) {
    if (c.currency === null) continue
    if (!c.payer) unbilled.push({ cdrId: c.id, reason: 'noPayer' })
    else if (c.currency !== currency) unbilled.push({ cdrId: c.id, reason: 'otherCurrency' })
    else if (c.vatRatePercent === null || c.totalInclVat === null)
      unbilled.push({ cdrId: c.id, reason: 'vatUnknown' })
    else {
      const k = key(c.payer)
      const group = groups.get(k) ?? { payer: c.payer, cdrs: [] }
      group.cdrs.push({
        ...c,
        currency: c.currency,
        totalInclVat: c.totalInclVat,
        vatRatePercent: c.vatRatePercent,
      })
      groups.set(k, group)
    }
  }
  return { groups: [...groups.values()], unbilled }
}
