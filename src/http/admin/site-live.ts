import { subjects } from '@src/bus/subjects'
import type { Deps } from '@src/deps'
import type { SiteConfig } from '@src/domain/site/site-config'
import { SiteHealthCell, SiteLoadCell, siteRowEvents } from '@views/admin/site-list'
import { SiteLive } from '@views/admin/site-live'
import { Elysia } from 'elysia'
import { requireOperator } from './auth'
import { siteLive } from './site-data'
import { batchedStream, sseEvent } from './sse'

/** The site id of a status payload, if it has one. */
const siteOf = (payload: unknown) => {
  const id = (payload as { siteId?: unknown } | null)?.siteId
  return typeof id === 'string' ? id : undefined
}

/** Marker key: the site's configuration changed and must be read again. */
const CONFIG = '\u0000config'

/**
 * Live updates of the site pages as server-sent events: the load and health cells of the sites list,
 * and the live part of a site page (chart, per-phase bars, sessions, fuse tree), re-rendered from the
 * status store at most once a second. A site page re-reads the configuration only when it changed.
 */
export function liveSites(deps: Deps) {
  return new Elysia({ prefix: '/admin/live/sites' })
    .use(requireOperator(deps))
    .get('', () => listStream(deps))
    .get('/:id', ({ params }) => siteStream(deps, params.id))
}

/** The sites list's live cells of every site that reported, at most once a second. */
function listStream(deps: Deps): Response {
  const store = deps.services.siteStatus
  const phases = new Map<string, number>()
  return batchedStream({
    clock: deps.clock,
    intervalMs: 1000,
    subscribe: (mark) =>
      deps.bus.subscribe(subjects.allSiteStatus, (payload) => {
        const id = siteOf(payload)
        if (id) mark(id)
      }),
    flush: async (keys) => {
      const now = deps.clock.now()
      const out: string[] = []
      for (const id of keys) {
        if (!phases.has(id)) phases.set(id, (await deps.repos.sites.find(id))?.phases ?? 3)
        const status = store.latest(id)
        const events = siteRowEvents(id)
        out.push(sseEvent(events.load, await SiteLoadCell({ status, phases: phases.get(id)! })))
        out.push(sseEvent(events.health, await SiteHealthCell({ status, now })))
      }
      return out.join('')
    },
  })
}

/** A site page's live part; the configuration is read again only after `siteChanged`. */
function siteStream(deps: Deps, siteId: string): Response {
  let config: SiteConfig | undefined
  return batchedStream({
    clock: deps.clock,
    intervalMs: 1000,
    subscribe: (mark) => {
      const stops = [
        deps.bus.subscribe(subjects.siteStatus(siteId), () => mark(siteId)),
        deps.bus.subscribe(subjects.siteChanged(siteId), () => mark(CONFIG)),
      ]
      return () => {
        for (const stop of stops) stop()
      }
    },
    flush: async (keys) => {
      if (!config || keys.has(CONFIG)) config = await deps.repos.sites.config(siteId)
      return config ? sseEvent('live', await SiteLive(siteLive(deps, config))) : ''
    },
  })
}
