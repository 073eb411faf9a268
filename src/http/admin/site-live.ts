import { siteIdOf, subjects } from '@src/bus/subjects'
import type { Deps } from '@src/deps'
import type { SiteConfig } from '@src/domain/site/site-config'
import type { Scope } from '@src/domain/tenancy/scope'
import { SiteHealthCell, SiteLoadCell, siteRowEvents } from '@views/admin/site-list'
import { SiteLive } from '@views/admin/site-live'
import { Elysia } from 'elysia'
import { requireOperator } from './auth'
import { FEED_LINGER_MS, LiveFeed } from './live-feed'
import { siteLive } from './site-data'
import { type LiveEvent, type StreamShape, streamsOf } from './sse'

/** The feed key of a site's configuration change (a site id never holds a NUL). */
const configKey = (siteId: string) => `\u0000${siteId}`
/** The site whose configuration a feed key names, if it names one. */
const configOf = (key: string) => (key.startsWith('\u0000') ? key.slice(1) : undefined)

/** Marker key: the site's configuration changed and must be read again. */
const CONFIG = '\u0000config'

/**
 * Live updates of the site pages as server-sent events: the load and health cells of the sites list,
 * and the live part of a site page (chart, per-phase bars, sessions, fuse tree), re-rendered from the
 * status store at most once a second. A site page re-reads the configuration only when it changed.
 * Both follow one feed of every site's status and changes, which remembers what changed for
 * reconnecting pages.
 */
export function liveSites(deps: Deps) {
  const { clock, bus, config } = deps
  const feed = new LiveFeed({
    bus,
    clock,
    capacity: config.sseReplayKeys,
    lingerMs: FEED_LINGER_MS,
    sources: [
      { pattern: subjects.allSiteStatus, keyOf: (subject) => siteIdOf(subject) || undefined },
      {
        pattern: subjects.allSiteChanges,
        keyOf: (subject) => {
          const id = siteIdOf(subject)
          return id ? configKey(id) : undefined
        },
      },
    ],
  })
  const stream = streamsOf(deps, feed)
  return new Elysia({ prefix: '/admin/live/sites' })
    .use(requireOperator(deps))
    .get('', ({ headers, scope }) => stream(listCells(deps, scope!), headers))
    .get('/:id', ({ params, headers, scope }) => stream(sitePart(deps, scope!, params.id), headers))
}

/**
 * The sites list's live cells of every site within the scope that reported; a site's phases are read
 * again after it changed. A site outside the scope renders nothing, whatever the feed heard.
 */
function listCells(deps: Deps, scope: Scope): StreamShape {
  const store = deps.services.siteStatus
  const phases = new Map<string, number>()
  return {
    intervalMs: 1000,
    select: (key, mark) => {
      const changed = configOf(key)
      if (changed !== undefined) phases.delete(changed)
      mark(changed ?? key)
    },
    everything: async () => {
      const sites = await deps.scoped.sites.list(scope)
      for (const site of sites) phases.set(site.id, site.phases)
      return sites.map((site) => site.id)
    },
    render: async (keys) => {
      const now = deps.clock.now()
      const out: LiveEvent[] = []
      for (const id of keys) {
        if (!phases.has(id)) {
          const site = await deps.scoped.sites.find(scope, id)
          if (!site) continue
          phases.set(id, site.phases)
        }
        const status = store.latest(id)
        const events = siteRowEvents(id)
        out.push({ event: events.load, data: await SiteLoadCell({ status, phases: phases.get(id)! }) })
        out.push({ event: events.health, data: await SiteHealthCell({ status, now }) })
      }
      return out
    },
  }
}

/**
 * A site page's live part; the configuration is read (within the scope) on the first render and
 * again after a change.
 */
function sitePart(deps: Deps, scope: Scope, siteId: string): StreamShape {
  let config: SiteConfig | undefined
  return {
    intervalMs: 1000,
    select: (key, mark) => {
      if (key === siteId) mark(siteId)
      else if (key === configKey(siteId)) mark(CONFIG)
    },
    everything: () => [siteId],
    render: async (keys) => {
      if (!config || keys.has(CONFIG)) config = await deps.scoped.sites.config(scope, siteId)
      return config ? [{ event: 'live', data: await SiteLive(siteLive(deps, config)) }] : []
    },
  }
}
