/** View models of the tariff pages: what the admin's controller gives the views, never rows. */

/** A tariff in the list. */
export interface TariffItemView {
  id: string
  name: string
  organizationId: string
  currentVersion: number
  currency: string
  priceGroups: string[]
  archived: boolean
}

/** The current version in words, its history and the price groups that name it. */
export interface TariffDetailView extends TariffItemView {
  elements: string[]
  facts: string[]
  versions: { version: number; createdAt: string; createdBy: string; current: boolean }[]
}

/** A priced line of the preview, in words. */
export interface PreviewLineView {
  dimension: string
  why: string
  used: string
  unitPrice: string
  exclVat: string
  vat: string
}

/** The preview's answer: totals and the lines with why. */
export interface PreviewAnswerView {
  version: number
  currency: string
  exclVat: string
  vat: string
  inclVat: string
  lines: PreviewLineView[]
  adjustment: string
}
