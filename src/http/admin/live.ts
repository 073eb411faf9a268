import { chargerIdOf, subjects } from '@src/bus/subjects'
import type { Deps } from '@src/deps'
import { ChargerLive } from '@views/admin/charger'
import { ChargerRowView, rowEvent, Summary } from '@views/admin/charger-list'
import { Elysia } from 'elysia'
import { requireOperator } from './auth'
import { loadChargerLive } from './charger-data'
import { chargerCounts, loadChargerItems, PAGE } from './list-data'
import { FEED_LINGER_MS, LiveFeed } from './live-feed'
import { type LiveEvent, streamsOf } from './sse'

/** Marker key of the chargers list's online count, which every charger's events may change. */
const SUMMARY = ''

/**
 * Live updates for the admin, as server-sent events that htmx swaps in: rows of the chargers list
 * (only the chargers on the page) plus the online count, and the live part of a charger's page.
 * Both follow one feed of every charger's events, which remembers what changed for reconnecting pages.
 */
export function liveAdmin(deps: Deps) {
  const { clock, bus, config } = deps
  const feed = new LiveFeed({
    bus,
    clock,
    capacity: config.sseReplayKeys,
    lingerMs: FEED_LINGER_MS,
    sources: [{ pattern: subjects.allChargerEvents, keyOf: (subject) => chargerIdOf(subject) || undefined }],
  })
  const stream = streamsOf(deps, feed)
  return new Elysia({ prefix: '/admin/live' })
    .use(requireOperator(deps))
    .get('/chargers', ({ query, headers, scope }) => {
      const ids = new Set(
        String(query.ids ?? '')
          .split(',')
          .filter(Boolean)
          .slice(0, PAGE),
      )
      return stream(
        {
          intervalMs: 1000,
          select: (id, mark) => {
            if (ids.has(id)) mark(id)
            mark(SUMMARY)
          },
          everything: () => [...ids, SUMMARY],
          render: async (keys) => {
            const changed = [...keys].filter((key) => key !== SUMMARY)
            const [items, counts] = await Promise.all([
              loadChargerItems(deps, scope!, changed),
              chargerCounts(deps, scope!),
            ])
            const now = clock.now()
            const rows: LiveEvent[] = await Promise.all(
              items.map(async (item) => ({
                event: rowEvent(item.charger.id),
                data: await ChargerRowView({ item, now }),
              })),
            )
            return [...rows, { event: 'summary', data: await Summary(counts) }]
          },
        },
        headers,
      )
    })
    .get('/chargers/:id', ({ params, headers, scope }) =>
      stream(
        {
          intervalMs: 500,
          select: (id, mark) => {
            if (id === params.id) mark(id)
          },
          everything: () => [params.id],
          render: async () => {
            const live = await loadChargerLive(deps, scope!, params.id)
            return live ? [{ event: 'live', data: await ChargerLive(live) }] : []
          },
        },
        headers,
      ),
    )
}
