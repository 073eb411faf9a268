import type { PriceGroupRow, TariffRow, TariffVersionRow } from '@src/db/repos/tariffs'
import { type Decimal, dec } from '@src/domain/tariffs/decimal'
import type { PricedSession } from '@src/domain/tariffs/price-session'
import { compileRestrictions } from '@src/domain/tariffs/restrictions'
import type { PriceComponent, Tariff, TariffElement } from '@src/domain/tariffs/tariff'
import type { WeekPriceStep } from '@src/domain/tariffs/week-prices'
import type { PreviewAnswerView, TariffDetailView, TariffItemView } from '@views/admin/tariff-models'
import type { Point } from '@views/chart'
import { formatDateTime } from '@views/format'

/** An amount as people read it: at least two decimals, never a float's noise (`2.50`, `0.1875`). */
export const money = (d: Decimal) => d.toFixed(Math.max(2, d.decimalPlaces()))

const UNIT: Record<PriceComponent['type'], string> = {
  ENERGY: '/kWh',
  TIME: '/hour charging',
  PARKING_TIME: '/hour parked',
  FLAT: ' per session',
}

function stepWords(c: PriceComponent): string {
  if (c.type === 'FLAT' || c.step_size <= 1) return ''
  if (c.type === 'ENERGY') return `, billed per ${c.step_size} Wh`
  return c.step_size % 60 === 0 ? `, billed per ${c.step_size / 60} min` : `, billed per ${c.step_size} s`
}

/** One price component in words: `2.50 SEK/kWh incl. VAT (2.00 excl. 25 % VAT)`. */
export function componentWords(c: PriceComponent, currency: string): string {
  const excl = dec(c.price)
  const price =
    c.vat === undefined
      ? `${money(excl)} ${currency}${UNIT[c.type]} excl. VAT`
      : `${money(excl.times(dec(c.vat).div(100).plus(1)))} ${currency}${UNIT[c.type]} incl. VAT (${money(excl)} excl. ${c.vat} % VAT)`
  return price + stepWords(c)
}

/** An element as a sentence: when it holds, then its prices (`Weekdays 06:00–22:00: 2.50 SEK/kWh incl. VAT`). */
export function elementSentence(e: TariffElement, currency: string): string {
  const when = compileRestrictions(e.restrictions).description
  const prices = e.price_components.map((c) => componentWords(c, currency)).join('; ')
  return `${when.charAt(0).toUpperCase()}${when.slice(1)}: ${prices}`
}

/** A list row from the tariff, its current version and the price groups of the scope. */
export const tariffItemView = (
  t: TariffRow,
  current: TariffVersionRow | undefined,
  groups: readonly PriceGroupRow[],
): TariffItemView => ({
  id: t.id,
  name: t.name,
  organizationId: t.organizationId,
  currentVersion: t.currentVersion,
  currency: current?.body.currency ?? '',
  priceGroups: groups.filter((g) => g.tariffId === t.id).map((g) => g.name),
  archived: t.archivedAt !== null,
})

/** What the tariff page says about a tariff. */
export function tariffDetailView(
  t: TariffRow,
  current: TariffVersionRow,
  versions: readonly TariffVersionRow[],
  groups: readonly PriceGroupRow[],
): TariffDetailView {
  const b: Tariff = current.body
  const r = current.rounding
  const facts = [
    `Rounded to ${r.scale} decimals, ${r.mode === 'halfUp' ? 'half up' : "half even (banker's)"}, ${r.level === 'total' ? 'once on the total' : 'on every line'}.`,
  ]
  if (b.min_price)
    facts.push(`At least ${money(dec(b.min_price.excl_vat))} ${b.currency} excl. VAT per session.`)
  if (b.max_price)
    facts.push(`At most ${money(dec(b.max_price.excl_vat))} ${b.currency} excl. VAT per session.`)
  if (b.idle_fee)
    facts.push(
      `Idle fee: ${money(dec(b.idle_fee.price))} ${b.currency}/hour excl. VAT after ${b.idle_fee.grace_minutes} min parked${b.idle_fee.max_excl_vat === undefined ? '' : `, at most ${money(dec(b.idle_fee.max_excl_vat))} ${b.currency}`}.`,
    )
  if (b.spot)
    facts.push(
      `Energy at the spot price of series ${b.spot.series_id} plus ${dec(b.spot.markup_per_kwh).toString()} ${b.currency}/kWh excl. VAT; a slot the series does not have costs ${dec(b.spot.fallback_per_kwh).toString()} ${b.currency}/kWh excl. VAT.`,
    )
  for (const alt of b.tariff_alt_text ?? []) facts.push(`Text (${alt.language}): ${alt.text}`)
  return {
    ...tariffItemView(t, current, groups),
    elements: b.elements.map((e) => elementSentence(e, b.currency)),
    facts,
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: formatDateTime(v.createdAt),
      createdBy: v.createdBy,
      current: v.version === t.currentVersion,
    })),
  }
}

/** The week's steps as a step line of the chart: each price drawn flat from its start to its end. */
export function weekChartPoints(steps: readonly WeekPriceStep[], inclVat: boolean): Point[] {
  return steps.flatMap((s) => {
    const price = inclVat ? (s.inclVat ?? s.exclVat) : s.exclVat
    const y = price === null ? 0 : price.toDecimalPlaces(4).toNumber()
    return [
      { x: s.from, y },
      { x: s.to, y },
    ]
  })
}

/** A line's billed quantity in its unit: Wh → kWh, seconds → hours, a flat fee once. */
function quantity(dimension: PriceComponent['type'], billed: Decimal): string {
  if (dimension === 'ENERGY') return `${billed.div(1000).toDecimalPlaces(3).toString()} kWh`
  if (dimension === 'FLAT') return 'once'
  return `${billed.div(3600).toDecimalPlaces(3).toString()} h`
}
const or = (d: Decimal | null) => (d === null ? '–' : money(d))

/** A priced session as the preview shows it. */
export function previewAnswerView(version: number, p: PricedSession): PreviewAnswerView {
  return {
    version,
    currency: p.currency,
    exclVat: money(p.billed.exclVat),
    vat: or(p.billed.vat),
    inclVat: or(p.billed.inclVat),
    lines: p.lines.map((l) => ({
      dimension: l.dimension,
      why: l.element === null ? l.why : `element ${l.element + 1}: ${l.why}`,
      used: quantity(l.dimension, l.billed),
      unitPrice: money(l.unitPrice),
      exclVat: money(l.exclVat.toDecimalPlaces(4)),
      vat: or(l.vat === null ? null : l.vat.toDecimalPlaces(4)),
    })),
    adjustment: p.adjustment
      ? `${p.adjustment.reason === 'min_price' ? 'Raised to the minimum price' : 'Capped at the maximum price'}: ${money(p.adjustment.exclVat)} excl. VAT`
      : '',
  }
}
