import type { Deps } from '@src/deps'
import { siteIdSchema, siteSchema } from '@src/services/site-input'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiScoped, notFound } from './guard'
import { refusal, siteDetailJson, siteJson, statusJson } from './site-present'

const idParam = z.object({ id: siteIdSchema })

/**
 * `/api/v1/sites`: sites (grid connections shared by chargers) with their settings, fuse tree,
 * connectors and live status. Every change tells the site loop (`siteChanged`).
 */
export function sitesApi(deps: Deps) {
  const { sites } = deps.scoped
  const { siteStatus: store, siteEdits: edits } = deps.services
  return new Elysia({ prefix: '/sites', detail: { tags: ['Sites'] } })
    .use(apiScoped(deps))
    .get(
      '',
      async ({ scope }) => {
        const rows = await sites.list(scope)
        return {
          items: rows.map((s) => {
            const status = store.latest(s.id)
            return { ...siteJson(s), status: status ? statusJson(status) : null }
          }),
        }
      },
      { detail: { summary: 'List sites with their latest status' } },
    )
    .get(
      '/:id',
      async ({ params, set, scope }) => {
        const config = await sites.config(scope, params.id)
        if (!config) return notFound(set, `no site ${params.id}`)
        return siteDetailJson(config, store.latest(params.id))
      },
      {
        params: idParam,
        detail: {
          summary: 'Get a site: settings, circuits, connectors, problems, fail-safe current, live status',
        },
      },
    )
    .put(
      '/:id',
      async ({ params, body, set, scope }) => {
        const outcome = await edits.saveSite(scope, params.id, body)
        if (!outcome.ok) return refusal(set, outcome)
        set.status = outcome.created ? 201 : 200
        return siteDetailJson((await sites.config(scope, params.id))!, store.latest(params.id))
      },
      {
        params: idParam,
        body: siteSchema,
        detail: {
          summary: 'Create or replace a site (omitted optional fields take their defaults)',
          description:
            'e.g. {"name":"Co-op","mainFuseA":63}. Ranges: voltageV 100–400, mainFuseA 1–5000, loopIntervalMs 100–60000; safetyMarginA below the main fuse; buildingMeter "ocpp" needs buildingMeterChargerId; objective "vehicles" (default: most cars finished), "fair" (the same share of need) or "energy" (most kWh, soonest departures first) decides who gets what when not every car can finish.',
        },
      },
    )
    .delete(
      '/:id',
      async ({ params, set, scope }) => {
        const outcome = await edits.deleteSite(scope, params.id)
        if (!outcome.ok) return refusal(set, outcome)
        set.status = 204
      },
      { params: idParam, detail: { summary: 'Delete a site with its circuits and connector assignments' } },
    )
}
