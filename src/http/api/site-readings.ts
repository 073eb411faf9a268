import { subjects } from '@src/bus/subjects'
import type { Deps } from '@src/deps'
import { siteIdSchema } from '@src/services/site-input'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiError, apiScoped, notFound } from './guard'
import { loadRowJson } from './site-present'

const idParam = z.object({ id: siteIdSchema })
/** A building-meter reading may be at most this far in the future (clock skew). */
const MAX_FUTURE_MS = 60_000

/** The building-meter reading an energy system posts. */
const meterReading = z.strictObject({
  currentA: z.array(z.number().min(-10_000).max(10_000)).min(1).max(3),
  measuredAt: z.iso.datetime({ offset: true }).optional(),
})

/**
 * `/api/v1/sites/{id}/…` readings: the building's own load posted by an energy system (passed to the
 * site loop on the bus), and the site's load history and monthly peaks.
 */
export function siteReadingsApi(deps: Deps) {
  const { sites } = deps.scoped
  return new Elysia({ prefix: '/sites', detail: { tags: ['Sites'] } })
    .use(apiScoped(deps))
    .post(
      '/:id/building-meter',
      async ({ params, body, set, scope }) => {
        const reached = await sites.reach(scope, params.id, 'sites:write')
        if (!reached.ok) {
          set.status = reached.status
          return apiError(reached.status === 404 ? 'NOT_FOUND' : 'FORBIDDEN', reached.message)
        }
        const site = reached.row
        if (site.buildingMeter !== 'http') {
          set.status = 409
          return apiError(
            'CONFLICT',
            `site ${site.id} has building meter "${site.buildingMeter}", not "http"`,
          )
        }
        const now = deps.clock.now()
        const measuredAt = body.measuredAt ? Date.parse(body.measuredAt) : now
        const bad = readingProblem(body.currentA, site.phases, measuredAt, now)
        if (bad) {
          set.status = 400
          return apiError('INVALID_INPUT', `invalid body: ${bad}`)
        }
        const [l1 = 0, l2 = 0, l3 = 0] = body.currentA
        deps.bus.publish(subjects.siteMeter(site.id), { currentA: [l1, l2, l3], measuredAt })
        set.status = 204
      },
      {
        params: idParam,
        body: meterReading,
        detail: {
          summary: "Post the building's own (non-EV) load per phase",
          description:
            'For sites whose buildingMeter is "http": {"currentA":[l1,l2,l3],"measuredAt":"…"} (A per phase; measuredAt defaults to now). 409 for other sites.',
        },
      },
    )
    .get(
      '/:id/load',
      async ({ params, query, set, scope }) => {
        const site = await sites.find(scope, params.id)
        if (!site) return notFound(set, `no site ${params.id}`)
        const since = Math.floor(deps.clock.now() / 60_000) - query.hours * 60
        const rows = await sites.loadSince(site, since)
        return { items: rows.map(loadRowJson) }
      },
      {
        params: idParam,
        query: z.object({ hours: z.coerce.number().int().min(1).max(744).default(24) }),
        detail: { summary: "The site's load per minute (each minute's highest) over the last hours" },
      },
    )
    .get(
      '/:id/peaks',
      async ({ params, query, set, scope }) => {
        const site = await sites.find(scope, params.id)
        if (!site) return notFound(set, `no site ${params.id}`)
        const peaks = await deps.services.siteHistory.monthlyPeaks(site.id, query.months)
        return {
          targetKw: site.peakTargetKw,
          items: peaks.map((p) => ({
            month: p.month,
            from: new Date(p.fromMinute * 60_000).toISOString(),
            peakKw: p.peakKw,
          })),
        }
      },
      {
        params: idParam,
        query: z.object({ months: z.coerce.number().int().min(1).max(36).default(12) }),
        detail: { summary: 'The highest hourly mean of site power (kW) in each month, oldest first' },
      },
    )
}

/** What is wrong with a reading that the schema cannot see, or undefined. */
function readingProblem(currentA: number[], phases: number, measuredAt: number, now: number) {
  if (currentA.length === 2 || (phases === 3 && currentA.length !== 3))
    return 'currentA: give three values, for L1, L2 and L3'
  if (measuredAt > now + MAX_FUTURE_MS) return 'measuredAt: is in the future; check the clock of the sender'
  return undefined
}
