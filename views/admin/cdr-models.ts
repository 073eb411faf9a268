import type { PreviewLineView } from './tariff-models'

/** View models of the CDR pages: what the admin's controller gives the views, never rows. */

/** A CDR as one row of the list. */
export interface CdrItemView {
  id: string
  chargerId: string
  evseId: number
  idTag: string
  startedAt: string
  endedAt: string
  energy: string
  /** Incl. VAT where known, with the currency. */
  total: string
  flags: string[]
}

/** A CDR as its page shows it. */
export interface CdrDetailView extends CdrItemView {
  transactionId: number
  tariffId: string | null
  tariffVersion: number | null
  currency: string
  totalExclVat: string
  totalInclVat: string
  vat: string
  hours: string
  parkedHours: string
  flagMeanings: { flag: string; meaning: string }[]
  periods: { start: string; dimensions: string }[]
  /** The priced lines with why (the same function, from the stored readings); empty under no tariff. */
  lines: PreviewLineView[]
  /** The charger's signed meter data as kept, or '' when it sent none. */
  signedData: string
}
