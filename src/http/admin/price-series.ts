import type { PriceSeriesRow, PriceSlotRow, SeriesExtent } from '@src/db/repos/price-series'
import type { Seen } from '@src/db/repos/seen'
import type { Deps } from '@src/deps'
import { DEFAULT_TIME_ZONE } from '@src/domain/site/time-zone'
import { canAnywhere, type Scope } from '@src/domain/tenancy/scope'
import { type ImportOutcome, seriesInput } from '@src/services/price-series-edits'
import {
  PriceSeriesListPage,
  PriceSeriesPage,
  type SeriesView,
  type UploadView,
} from '@views/admin/price-series'
import type { Point } from '@views/chart'
import { formatDateTime } from '@views/format'
import { Elysia } from 'elysia'
import { FORM_BODY_BYTES } from '../body-limit'
import { requireOperator } from './auth'
import { orgChoices } from './people-forms'
import { formFields, html } from './render'

const WEEK_MS = 7 * 86_400_000
/** A time to the minute, in the zone: `2026-12-08 00:15`. */
const minute = (ms: number, timeZone: string) => formatDateTime(ms, timeZone).slice(0, 16)
const notFoundPage = (id: string) =>
  html(
    `<p>No price series ${Bun.escapeHTML(id)}. <a href="/admin/price-series">Back to the price series</a></p>`,
    404,
  )

/** A series as the pages show it (pure). */
export function seriesView(s: PriceSeriesRow, e: SeriesExtent, timeZone: string): SeriesView {
  const extent =
    e.from === null || e.to === null
      ? 'no slots yet'
      : `${e.slots} slots, ${minute(e.from, timeZone)} to ${minute(e.to, timeZone)}`
  return {
    id: s.id,
    name: s.name,
    organizationId: s.organizationId,
    currency: s.currency,
    slotMinutes: s.slotMinutes,
    zone: s.zone,
    extent,
  }
}

/** The chart's line: each slot's price held from its start to its end (a step line). */
export function slotPoints(slots: readonly PriceSlotRow[]): Point[] {
  return slots.flatMap((s) => [
    { x: s.fromMs, y: Number(s.pricePerKwh) },
    { x: s.toMs, y: Number(s.pricePerKwh) },
  ])
}

/** An import's outcome as the page shows it (pure). */
export function uploadView(
  out: ImportOutcome & { ok: true },
  imported: boolean,
  timeZone: string,
): UploadView {
  const s = out.summary
  return {
    imported,
    counts: `${s.slots} slots: ${s.added} new, ${s.revised} revised (the old price kept), ${s.unchanged} unchanged`,
    first: s.first.map((slot) => ({
      from: minute(slot.from, timeZone),
      to: minute(slot.to, timeZone),
      pricePerKwh: slot.pricePerKwh,
    })),
    errors: [],
  }
}

/** The CSV of a post: an uploaded file when one was chosen, else the text field. */
async function csvOf(body: unknown, fields: Record<string, string>): Promise<string> {
  const file = (body as Record<string, unknown> | null)?.file
  if (file instanceof Blob && file.size > 0) return await file.text()
  return fields.text ?? ''
}

/**
 * `/admin/price-series`: the spot-price series tariffs can follow, a new one, and a series' page with
 * its last week of prices as a chart and the CSV upload: the file is previewed by the import service's
 * dry run (the first slots, the counts, every bad line) and imported from the preview's own form, which
 * carries it as a hidden field; so a file must fit the admin's form body limit (larger: the API).
 */
export function priceSeriesAdmin(deps: Deps) {
  const { priceSeries } = deps.scoped
  const edits = deps.services.priceSeriesEdits
  const zoneOf = async (scope: Scope) =>
    (await deps.scoped.sites.list(scope))[0]?.timeZone ?? DEFAULT_TIME_ZONE
  const listPage = async (
    scope: Scope,
    operator: string,
    values: Record<string, string>,
    errors: Record<string, string>,
    status = 200,
  ) => {
    const zone = await zoneOf(scope)
    const rows = await priceSeries.list(scope)
    const items = await Promise.all(
      rows.map(async (r) => {
        const seen = await priceSeries.find(scope, r.id)
        return seriesView(r, seen ? await priceSeries.extent(seen) : { slots: 0, from: null, to: null }, zone)
      }),
    )
    return html(
      PriceSeriesListPage({
        operator,
        items,
        canWrite: canAnywhere(scope, 'tariffs:write'),
        orgs: await orgChoices(deps, scope, 'tariffs:write'),
        form: { values, errors },
      }),
      status,
    )
  }
  const seriesPage = async (
    scope: Scope,
    operator: string,
    s: Seen<PriceSeriesRow>,
    over: { text?: string; unit?: 'MWh' | 'kWh'; error?: string; upload?: UploadView },
    status = 200,
  ) => {
    const zone = await zoneOf(scope)
    const extent = await priceSeries.extent(s)
    const to = extent.to ?? deps.clock.now()
    const from = Math.max(extent.from ?? to, to - WEEK_MS)
    const slots = extent.to === null ? [] : await priceSeries.slots(s, from, to)
    return html(
      PriceSeriesPage({
        operator,
        series: seriesView(s, extent, zone),
        canWrite: canAnywhere(scope, 'tariffs:write'),
        chart: {
          points: slotPoints(slots),
          timeZone: zone,
          from: formatDateTime(from, zone),
          to: formatDateTime(to, zone),
        },
        text: over.text ?? '',
        unit: over.unit ?? 'MWh',
        maxBytes: FORM_BODY_BYTES,
        ...(over.error ? { error: over.error } : {}),
        ...(over.upload ? { upload: over.upload } : {}),
      }),
      status,
    )
  }
  return new Elysia({ prefix: '/admin/price-series' })
    .use(requireOperator(deps))
    .get('', ({ scope, operator }) => listPage(scope!, operator!.email, {}, {}))
    .post('', async ({ body, scope, operator }) => {
      const values = formFields(body)
      const parsed = seriesInput.safeParse(values)
      if (!parsed.success) {
        const errors: Record<string, string> = {}
        for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message
        return listPage(scope!, operator!.email, values, errors, 400)
      }
      const out = await edits.create(scope!, parsed.data)
      if (!out.ok)
        return listPage(scope!, operator!.email, values, { [out.field ?? 'form']: out.message }, out.status)
      return new Response(null, {
        status: 303,
        headers: { location: `/admin/price-series/${encodeURIComponent(out.row.id)}` },
      })
    })
    .get('/:id', async ({ params, scope, operator }) => {
      const s = await priceSeries.find(scope!, params.id)
      if (!s) return notFoundPage(params.id)
      return seriesPage(scope!, operator!.email, s, {})
    })
    .post('/:id/import', async ({ params, body, scope, operator }) => {
      const fields = formFields(body)
      const r = await priceSeries.reach(scope!, params.id)
      if (!r.ok) return r.status === 404 ? notFoundPage(params.id) : html(Bun.escapeHTML(r.message), 403)
      const text = await csvOf(body, fields)
      const unit = fields.unit === 'kWh' ? 'kWh' : 'MWh'
      if (text.trim() === '')
        return seriesPage(
          scope!,
          operator!.email,
          r.row,
          { unit, error: 'Choose a file or paste its lines.' },
          400,
        )
      const importing = fields.step === 'import'
      const out = await edits.importCsv(scope!, r.row.id, text, unit, !importing)
      const zone = await zoneOf(scope!)
      if (!out.ok) {
        const upload: UploadView = { imported: false, counts: null, first: [], errors: out.errors }
        return seriesPage(
          scope!,
          operator!.email,
          r.row,
          { text, unit, upload, ...(out.errors.length ? {} : { error: out.message }) },
          out.status,
        )
      }
      return seriesPage(scope!, operator!.email, r.row, {
        text,
        unit,
        upload: uploadView(out, importing, zone),
      })
    })
}
