import type { Seen } from '@src/db/repos/seen'
import type { TariffRow } from '@src/db/repos/tariffs'
import type { Deps } from '@src/deps'
import { DEFAULT_TIME_ZONE, isTimeZone } from '@src/domain/site/time-zone'
import { dependsOnSession, weekEnergyPrices, weekOf } from '@src/domain/tariffs/week-prices'
import { canAnywhere, type Scope } from '@src/domain/tenancy/scope'
import { TariffForm, TariffFormPage } from '@views/admin/tariff-form'
import { PreviewResult, type PreviewView, TariffPage, TariffsPage } from '@views/admin/tariffs'
import { Pager } from '@views/components'
import { Elysia } from 'elysia'
import { requireOperator, wantsFragment } from './auth'
import { formFields, html } from './render'
import {
  applyRowOp,
  type FormValues,
  formRows,
  NEW_TARIFF_VALUES,
  parseTariffForm,
  tariffFormValues,
} from './tariff-form-input'
import { defaultPreviewValues, readPreview } from './tariff-preview-input'
import { previewAnswerView, tariffDetailView, tariffItemView, weekChartPoints } from './tariff-views'

const PAGE = 50
const notFoundPage = (id: string) =>
  html(`<p>No tariff ${Bun.escapeHTML(id)}. <a href="/admin/tariffs">Back to the tariffs</a></p>`, 404)
const toTariff = (id: string) =>
  new Response(null, { status: 303, headers: { location: `/admin/tariffs/${encodeURIComponent(id)}` } })
const queryValues = (q: Record<string, unknown>): FormValues =>
  Object.fromEntries(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string'))

/**
 * `/admin/tariffs`: the tariffs of the scope, a tariff in words with its week chart and "what does a
 * session cost", and the editor (a new tariff, a tariff's next version) whose rows htmx adds and
 * removes. Saving goes through the API's service (`TariffEdits`) and its schema, so the admin has no
 * rules of its own; the cost question is the API's preview (`previewTariff`).
 */
export function tariffsAdmin(deps: Deps) {
  const { tariffs } = deps.scoped
  const edits = deps.services.tariffEdits
  const organizations = async (scope: Scope) =>
    (await deps.services.organizationEdits.list(scope)).map((o) => ({ value: o.id, label: o.name }))
  const seriesChoices = async (scope: Scope) =>
    (await deps.scoped.priceSeries.list(scope)).map((s) => ({
      value: s.id,
      label: `${s.name} (${s.zone}, ${s.currency})`,
    }))
  /** The zone a tariff's week is drawn and priced in: asked for, else the first site's, else the default. */
  const zoneOf = async (scope: Scope, asked: unknown) => {
    if (typeof asked === 'string' && isTimeZone(asked)) return asked
    return (await deps.scoped.sites.list(scope))[0]?.timeZone ?? DEFAULT_TIME_ZONE
  }
  const formPage = async (
    scope: Scope,
    operator: string,
    t: TariffRow | null,
    values: FormValues,
    errors: Record<string, string>,
    status = 200,
  ) =>
    html(
      TariffFormPage({
        operator,
        tariffId: t?.id ?? null,
        ...(t ? { currentVersion: t.currentVersion } : {}),
        form: { values, errors },
        rows: formRows(values),
        organizations: t ? [] : await organizations(scope),
        series: await seriesChoices(scope),
      }),
      status,
    )
  /** A row added or removed: the form again with what was typed (a fragment for htmx). */
  const rowAnswer = async (
    scope: Scope,
    operator: string,
    t: TariffRow | null,
    values: FormValues,
    headers: Record<string, string | undefined>,
  ) => {
    const next = applyRowOp(values, values.op ?? '')
    if (!wantsFragment(headers)) return formPage(scope, operator, t, next, {})
    return html(
      TariffForm({
        tariffId: t?.id ?? null,
        form: { values: next, errors: {} },
        rows: formRows(next),
        organizations: t ? [] : await organizations(scope),
        series: await seriesChoices(scope),
      }),
    )
  }
  const tariffPage = async (
    scope: Scope,
    operator: string,
    t: Seen<TariffRow>,
    query: Record<string, unknown>,
    preview: PreviewView,
    status = 200,
  ) => {
    const [versions, groups] = await Promise.all([tariffs.versions(t), tariffs.priceGroups(t)])
    const current = versions.find((v) => v.version === t.currentVersion)
    if (!current) return notFoundPage(t.id)
    const zone = await zoneOf(scope, query.zone)
    const week = weekOf(deps.clock.now(), zone)
    const body = await deps.services.tariffPreviews.bodyOver(current, week, zone)
    const steps = weekEnergyPrices(body, week.from, week.to, zone)
    return html(
      TariffPage({
        operator,
        tariff: tariffDetailView(t, current, versions, groups),
        canWrite: canAnywhere(scope, 'tariffs:write'),
        week: {
          points: steps.some((s) => s.element !== null) ? weekChartPoints(steps, true) : [],
          timeZone: zone,
          currency: body.currency,
          skipped: current.body.elements.flatMap((e, i) =>
            e.price_components.some((c) => c.type === 'ENERGY') && dependsOnSession(e.restrictions)
              ? [i + 1]
              : [],
          ),
        },
        preview,
      }),
      status,
    )
  }
  /** Asks the API's preview; the answer, or the messages beside the fields. */
  const ask = async (
    scope: Scope,
    id: string,
    values: FormValues,
  ): Promise<{ view: PreviewView; status: number }> => {
    const read = readPreview(values)
    if (!read.ok) return { view: { form: { values, errors: read.errors } }, status: 400 }
    const out = await deps.services.tariffPreviews.preview(scope, id, read.question)
    if (!out.ok) return { view: { form: { values, errors: { form: out.message } } }, status: out.status }
    return {
      view: { form: { values, errors: {} }, answer: previewAnswerView(out.version.version, out.priced) },
      status: 200,
    }
  }
  return new Elysia({ prefix: '/admin/tariffs' })
    .use(requireOperator(deps))
    .get('', async ({ query, scope, operator }) => {
      const offset = Math.max(0, Number(query.offset ?? 0) || 0)
      const [{ rows, total }, groups] = await Promise.all([
        tariffs.list(scope!, { limit: PAGE, offset }),
        tariffs.priceGroupsList(scope!),
      ])
      const items = await Promise.all(
        rows.map(async (t) => {
          const seen = await tariffs.find(scope!, t.id)
          return tariffItemView(t, seen && (await tariffs.version(seen, t.currentVersion)), groups)
        }),
      )
      const pager = Pager({ total, limit: PAGE, offset, href: (o) => `/admin/tariffs?offset=${o}` })
      return html(
        TariffsPage({
          operator: operator!.email,
          items,
          canWrite: canAnywhere(scope!, 'tariffs:write'),
          pager,
        }),
      )
    })
    .get('/new', ({ scope, operator }) => formPage(scope!, operator!.email, null, NEW_TARIFF_VALUES, {}))
    .post('', async ({ body, headers, scope, operator }) => {
      const values = formFields(body)
      if (values.op) return rowAnswer(scope!, operator!.email, null, values, headers)
      const form = parseTariffForm(values)
      if (!form.ok) return formPage(scope!, operator!.email, null, values, form.errors, 400)
      const out = await edits.create(scope!, form.input)
      if (!out.ok)
        return formPage(
          scope!,
          operator!.email,
          null,
          values,
          { [out.field ?? 'form']: out.message },
          out.status,
        )
      return toTariff(out.row.tariff.id)
    })
    .get('/:id', async ({ params, query, scope, operator }) => {
      const t = await tariffs.find(scope!, params.id)
      if (!t) return notFoundPage(params.id)
      const zone = await zoneOf(scope!, query.zone)
      const { view } = await ask(scope!, t.id, defaultPreviewValues(deps.clock.now(), zone))
      return tariffPage(scope!, operator!.email, t, query, view)
    })
    .get('/:id/preview', async ({ params, query, headers, scope, operator }) => {
      const t = await tariffs.find(scope!, params.id)
      if (!t) return notFoundPage(params.id)
      const { view, status } = await ask(scope!, t.id, queryValues(query))
      if (wantsFragment(headers)) return html(PreviewResult({ tariffId: t.id, preview: view }), status)
      return tariffPage(scope!, operator!.email, t, query, view, status)
    })
    .get('/:id/edit', async ({ params, scope, operator }) => {
      const r = await tariffs.reach(scope!, params.id)
      if (!r.ok) return r.status === 404 ? notFoundPage(params.id) : html(Bun.escapeHTML(r.message), 403)
      const current = await tariffs.version(r.row, r.row.currentVersion)
      if (!current) return notFoundPage(params.id)
      const values = tariffFormValues(r.row.name, current.body, current.rounding)
      return formPage(scope!, operator!.email, r.row, values, {})
    })
    .post('/:id', async ({ params, body, headers, scope, operator }) => {
      const values = formFields(body)
      const r = await tariffs.reach(scope!, params.id)
      if (!r.ok) return r.status === 404 ? notFoundPage(params.id) : html(Bun.escapeHTML(r.message), 403)
      if (values.op) return rowAnswer(scope!, operator!.email, r.row, values, headers)
      const current = await tariffs.version(r.row, r.row.currentVersion)
      const form = parseTariffForm(values, current?.body)
      if (!form.ok) return formPage(scope!, operator!.email, r.row, values, form.errors, 400)
      const out = await edits.revise(scope!, r.row.id, form.input)
      if (!out.ok)
        return formPage(
          scope!,
          operator!.email,
          r.row,
          values,
          { [out.field ?? 'form']: out.message },
          out.status,
        )
      return toTariff(r.row.id)
    })
}
