import type { Deps } from '@src/deps'
import type { GridTariff } from '@src/domain/energy-cost/margin'
import type { Scope } from '@src/domain/tenancy/scope'
import { siteIdSchema } from '@src/services/site-input'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiErrorSchema, apiErrors } from './error-schema'
import { apiError, apiScoped } from './guard'

const idParam = z.object({ id: siteIdSchema })
/** A price or fee excl. VAT: decimal text, never a float. */
const price = z.string().regex(/^\d{1,9}(\.\d{1,6})?$/, 'a non-negative decimal as text, like "0.245"')
const energySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), pricePerKwh: price }),
  z.strictObject({ kind: z.literal('spot'), seriesId: z.string().trim().min(1).max(64) }),
])

/** A site's grid tariff as the API takes and gives it. */
const gridTariffSchema = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code, like SEK'),
  energy: energySchema,
  energyFeePerKwh: price,
  effectFeePerKw: price,
})

const marginSchema = z.object({
  siteId: z.string(),
  month: z.string(),
  from: z.string().datetime(),
  until: z.string().datetime(),
  currency: z.string(),
  energySource: z.enum(['fixed', 'spot']),
  energyKwh: z.string(),
  unpricedKwh: z.string(),
  peakKw: z.string(),
  energyCost: z.string(),
  energyFee: z.string(),
  effectFee: z.string(),
  cost: z.string(),
  revenue: z.string(),
  margin: z.string(),
  sessions: z.number().int(),
  otherCurrencySessions: z.number().int(),
})

type GridTariffBody = z.infer<typeof gridTariffSchema>

const tariffJson = (t: GridTariff) => ({ ...t, energy: { ...t.energy } })
const refused = (set: { status?: number | string }, status: 404 | 409 | 403, message: string) => {
  set.status = status
  return apiError(status === 404 ? 'NOT_FOUND' : status === 403 ? 'FORBIDDEN' : 'CONFLICT', message)
}

/**
 * `/api/v1/sites/{id}/grid-tariff` (what the property pays for energy: read with `sites:read`, set
 * with `sites:write`) and `/api/v1/sites/{id}/energy-margin?month=YYYY-MM` (`reports:read`): the
 * month's energy cost against what the drivers paid, all money as decimal text.
 */
export function energyMarginApi(deps: Deps) {
  const { sites, priceSeries } = deps.scoped
  const { energyMargins } = deps.services
  /** Why a spot tariff's series cannot price it: unknown to the caller, or in another currency. */
  const seriesProblem = async (scope: Scope, tariff: GridTariffBody): Promise<string | undefined> => {
    if (tariff.energy.kind !== 'spot') return undefined
    const series = await priceSeries.find(scope, tariff.energy.seriesId)
    if (!series) return `energy.seriesId: no price series ${tariff.energy.seriesId}`
    if (series.currency !== tariff.currency)
      return `energy.seriesId: series ${series.id} is in ${series.currency}, the tariff in ${tariff.currency}`
    return undefined
  }
  return new Elysia({ prefix: '/sites', detail: { tags: ['Sites'] } })
    .use(apiScoped(deps))
    .get(
      '/:id/grid-tariff',
      async ({ params, set, scope }) => {
        const site = await sites.find(scope, params.id)
        if (!site) return refused(set, 404, `no site ${params.id}`)
        const tariff = await energyMargins.tariff(site.id)
        return tariff ? tariffJson(tariff) : refused(set, 404, `site ${site.id} has no grid tariff`)
      },
      {
        params: idParam,
        response: { 200: gridTariffSchema, ...apiErrors, 404: apiErrorSchema },
        detail: { summary: "The site's grid tariff: energy price (fixed or spot), energy fee, effect fee" },
      },
    )
    .put(
      '/:id/grid-tariff',
      async ({ params, body, set, scope }) => {
        const reached = await sites.reach(scope, params.id, 'sites:write')
        if (!reached.ok) return refused(set, reached.status, reached.message)
        const badSeries = body.energy.kind === 'spot' ? await seriesProblem(scope, body) : undefined
        if (badSeries) {
          set.status = 400
          return apiError('INVALID_INPUT', badSeries)
        }
        await energyMargins.setTariff(scope, reached.row, body)
        return tariffJson(body)
      },
      {
        params: idParam,
        body: gridTariffSchema,
        response: { 200: gridTariffSchema, ...apiErrors, 404: apiErrorSchema },
        detail: { summary: "Set the site's grid tariff (prices excl. VAT as decimal text)" },
      },
    )
    .get(
      '/:id/energy-margin',
      async ({ params, query, set, scope }) => {
        const reached = await sites.reach(scope, params.id, 'reports:read')
        if (!reached.ok) return refused(set, reached.status, reached.message)
        const site = reached.row
        const month = query.month ?? energyMargins.currentMonth(site.timeZone)
        const out = await energyMargins.forMonth(site, month)
        if (!out.ok) return refused(set, out.status, out.message)
        return {
          siteId: site.id,
          month,
          from: new Date(out.period.from).toISOString(),
          until: new Date(out.period.until).toISOString(),
          energySource: out.tariff.energy.kind,
          ...out.margin,
          otherCurrencySessions: out.otherCurrencySessions,
        }
      },
      {
        params: idParam,
        query: z.object({
          month: z
            .string()
            .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM, like 2026-05')
            .optional(),
        }),
        response: { 200: marginSchema, ...apiErrors, 404: apiErrorSchema, 409: apiErrorSchema },
        detail: {
          summary:
            "A month's energy cost (energy, grid energy fee, effect fee on the charging's peak) against the CDRs' totals excl. VAT",
        },
      },
    )
}
