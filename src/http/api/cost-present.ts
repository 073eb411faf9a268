import type { PricedSession } from '@src/domain/tariffs/price-session'
import { TARIFF_DIMENSIONS } from '@src/domain/tariffs/tariff'
import type { SessionCost } from '@src/services/session-costs'
import { z } from 'zod'

const money = (d: { toString(): string } | null) => (d === null ? null : d.toString())
/** A priced session as JSON: amounts as decimal text, never floats. */
export const pricedJson = (p: PricedSession) => ({
  currency: p.currency,
  exact: { exclVat: money(p.exact.exclVat), inclVat: money(p.exact.inclVat) },
  billed: { exclVat: money(p.billed.exclVat), vat: money(p.billed.vat), inclVat: money(p.billed.inclVat) },
  lines: p.lines.map((l) => ({
    dimension: l.dimension,
    element: l.element,
    why: l.why,
    used: l.used.toString(),
    billed: l.billed.toString(),
    unitPrice: l.unitPrice.toString(),
    vatPercent: money(l.vatPercent),
    exclVat: l.exclVat.toString(),
    vat: money(l.vat),
  })),
  adjustment: p.adjustment && {
    reason: p.adjustment.reason,
    exclVat: p.adjustment.exclVat.toString(),
    inclVat: money(p.adjustment.inclVat),
  },
})

/** A transaction's cost as JSON: its tariff version and the priced session. */
export const costJson = (c: SessionCost) => ({
  tariffId: c.version.tariffId,
  tariffVersion: c.version.version,
  pricedUntil: new Date(c.session.end).toISOString(),
  ...pricedJson(c.priced),
})

const amount = z.string()
/** {@link pricedJson}'s body as a response schema: every amount decimal text, null where VAT is unknown. */
export const pricedSchema = z.object({
  currency: z.string(),
  exact: z.object({ exclVat: amount.nullable(), inclVat: amount.nullable() }),
  billed: z.object({ exclVat: amount.nullable(), vat: amount.nullable(), inclVat: amount.nullable() }),
  lines: z.array(
    z.object({
      dimension: z.enum(TARIFF_DIMENSIONS),
      element: z.number().int().nullable(),
      why: z.string(),
      used: amount,
      billed: amount,
      unitPrice: amount,
      vatPercent: amount.nullable(),
      exclVat: amount,
      vat: amount.nullable(),
    }),
  ),
  adjustment: z
    .object({ reason: z.enum(['min_price', 'max_price']), exclVat: amount, inclVat: amount.nullable() })
    .nullable(),
})

/** {@link costJson}'s body as a response schema. */
export const costSchema = pricedSchema.extend({
  tariffId: z.string(),
  tariffVersion: z.number().int(),
  pricedUntil: z.iso.datetime(),
})
