import type { PriceSeriesRow, PriceSlotRow, SeriesExtent } from '@src/db/repos/price-series'
import type { Deps } from '@src/deps'
import type { SpotSlot } from '@src/domain/tariffs/spot-price'
import { type ImportOutcome, seriesInput, slotsInput } from '@src/services/price-series-edits'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiErrorSchema, apiErrors } from './error-schema'
import { apiScoped, notFound, refused } from './guard'

const idParam = z.object({ id: z.string().min(1).max(64) })
const iso = (ms: number) => new Date(ms).toISOString()
const instant = z.iso.datetime()
/** The longest span one slots query answers: a month and a day (2,976 quarters at most). */
const MAX_QUERY_MS = 32 * 86_400_000

const seriesSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  name: z.string(),
  currency: z.string(),
  slotMinutes: z.number().int(),
  zone: z.string(),
  createdAt: instant,
  updatedAt: instant,
})
const extentSchema = z.object({ slots: z.number().int(), from: instant.nullable(), to: instant.nullable() })
const slotSchema = z.object({ from: instant, to: instant, price_per_kwh: z.string() })
const storedSlotSchema = slotSchema.extend({ revision: z.number().int() })
const summarySchema = z.object({
  series: seriesSchema,
  slots: z.number().int(),
  added: z.number().int(),
  revised: z.number().int(),
  unchanged: z.number().int(),
  first: z.array(slotSchema),
})
/** A refused import: the error, and every line (or JSON slot, from 1) that could not be read. */
const importErrorSchema = apiErrorSchema.extend({
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
})
const importErrors = { ...apiErrors, 400: importErrorSchema, 404: apiErrorSchema, 413: apiErrorSchema }

const seriesJson = (s: PriceSeriesRow) => ({
  id: s.id,
  organizationId: s.organizationId,
  name: s.name,
  currency: s.currency,
  slotMinutes: s.slotMinutes,
  zone: s.zone,
  createdAt: iso(s.createdAt),
  updatedAt: iso(s.updatedAt),
})
const extentJson = (e: SeriesExtent) => ({
  slots: e.slots,
  from: e.from === null ? null : iso(e.from),
  to: e.to === null ? null : iso(e.to),
})
const slotJson = (s: SpotSlot) => ({ from: iso(s.from), to: iso(s.to), price_per_kwh: s.pricePerKwh })
const storedSlotJson = (s: PriceSlotRow) => ({
  ...slotJson({ from: s.fromMs, to: s.toMs, pricePerKwh: s.pricePerKwh }),
  revision: s.revision,
})

/** An import's answer: its summary, or the refusal with every bad line. */
function answer(set: { status?: number | string }, out: ImportOutcome) {
  if (!out.ok) return { ...refused(set, out), errors: out.errors }
  const { series, first, ...counts } = out.summary
  return { series: seriesJson(series), ...counts, first: first.map(slotJson) }
}

/**
 * `/api/v1/price-series`: spot-price series (e.g. Nord Pool SE3) a tariff can follow, and their slots,
 * imported as JSON or as the plain CSV (`start,end,price`), all or nothing. Tariff data: read with
 * `tariffs:read`, written with `tariffs:write`.
 */
export function priceSeriesApi(deps: Deps) {
  const { priceSeries } = deps.scoped
  const edits = deps.services.priceSeriesEdits
  return new Elysia({ detail: { tags: ['Tariffs'] } })
    .use(apiScoped(deps))
    .get('/price-series', async ({ scope }) => ({ items: (await priceSeries.list(scope)).map(seriesJson) }), {
      response: { 200: z.object({ items: z.array(seriesSchema) }), ...apiErrors },
      detail: { summary: 'List price series' },
    })
    .get(
      '/price-series/:id',
      async ({ params, set, scope }) => {
        const s = await priceSeries.find(scope, params.id)
        if (!s) return notFound(set, `no price series ${params.id}`)
        return { ...seriesJson(s), extent: extentJson(await priceSeries.extent(s)) }
      },
      {
        params: idParam,
        response: { 200: seriesSchema.extend({ extent: extentSchema }), ...apiErrors, 404: apiErrorSchema },
        detail: { summary: 'Get a price series with its slot count and the span its slots cover' },
      },
    )
    .post(
      '/price-series',
      async ({ body, set, scope }) => {
        const out = await edits.create(scope, body)
        if (!out.ok) return refused(set, out)
        set.status = 201
        return seriesJson(out.row)
      },
      {
        body: seriesInput,
        response: { 201: seriesSchema, ...apiErrors },
        detail: {
          summary: 'Create a price series',
          description: 'Body: {"name":"Nord Pool SE3","currency":"SEK","slotMinutes":15,"zone":"SE3"}.',
        },
      },
    )
    .get(
      '/price-series/:id/slots',
      async ({ params, query, set, scope }) => {
        const s = await priceSeries.find(scope, params.id)
        if (!s) return notFound(set, `no price series ${params.id}`)
        const from = Date.parse(query.from)
        const to = Date.parse(query.to)
        if (!(to > from) || to - from > MAX_QUERY_MS)
          return refused(set, { status: 400, message: 'to must be after from, and at most 32 days later' })
        return { items: (await priceSeries.slots(s, from, to)).map(storedSlotJson) }
      },
      {
        params: idParam,
        query: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
        response: {
          200: z.object({ items: z.array(storedSlotSchema) }),
          ...apiErrors,
          404: apiErrorSchema,
        },
        detail: { summary: 'The slots overlapping [from, to), at most 32 days, with their revision' },
      },
    )
    .put(
      '/price-series/:id/slots',
      async ({ params, body, set, scope }) => answer(set, await edits.importJson(scope, params.id, body)),
      {
        params: idParam,
        body: slotsInput,
        response: { 200: summarySchema, ...importErrors },
        detail: {
          summary: 'Import slots as JSON, all or nothing (a changed price is a new revision)',
          description:
            'Body: {"slots":[{"from":"2026-12-08T00:00:00+01:00","to":"2026-12-08T00:15:00+01:00","price_per_kwh":"0.8731"}]}: price per kWh excl. VAT as decimal text, negative allowed. Each slot is the series\' length and starts on it; a slot the series has at another price is revised (the old price kept), at the same price left as is. A 400 lists every bad slot by its position from 1.',
        },
      },
    )
    .post(
      '/price-series/:id/import',
      async ({ params, body, query, set, scope }) =>
        answer(set, await edits.importCsv(scope, params.id, body, query.unit, query.dryRun === 'true')),
      {
        parse: 'text',
        params: idParam,
        body: z.string(),
        query: z.object({
          unit: z.enum(['MWh', 'kWh']).default('MWh'),
          dryRun: z.enum(['true', 'false']).default('false'),
        }),
        response: { 200: summarySchema, ...importErrors },
        detail: {
          summary: 'Import slots from a plain CSV (Content-Type: text/csv), all or nothing',
          description:
            'A header line, then start,end,price per line: ISO instants with their offset (the repeated autumn hour is told apart by it) and the price excl. VAT per unit (unit=MWh, the default, as Nord Pool publishes, or unit=kWh; a decimal comma is read). A 400 lists every bad line; dryRun=true answers what would be imported without writing.',
        },
      },
    )
}
