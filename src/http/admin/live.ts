import { subjects } from '@src/bus/subjects'
import type { Deps } from '@src/deps'
import type { ChargerEvent } from '@src/domain/charger/events'
import { ChargerLive } from '@views/admin/charger'
import { ChargerRowView, rowEvent, Summary } from '@views/admin/charger-list'
import { Elysia } from 'elysia'
import { requireOperator } from './auth'
import { loadChargerLive } from './charger-data'
import { chargerCounts, loadChargerItems, PAGE } from './list-data'
import { batchedStream, sseEvent } from './sse'

/** The charger id of a bus event payload, if it is one. */
const chargerOf = (payload: unknown) => (payload as Partial<ChargerEvent> | null)?.chargerId

/**
 * Live updates for the admin, as server-sent events that htmx swaps in: rows of the chargers list
 * (only the chargers on the page) plus the online count, and the live part of a charger's page.
 */
export function liveAdmin(deps: Deps) {
  const { clock, bus } = deps
  return new Elysia({ prefix: '/admin/live' })
    .use(requireOperator(deps))
    .get('/chargers', ({ query }) => {
      const ids = new Set(
        String(query.ids ?? '')
          .split(',')
          .filter(Boolean)
          .slice(0, PAGE),
      )
      return batchedStream({
        clock,
        intervalMs: 1000,
        subscribe: (mark) =>
          bus.subscribe(subjects.allChargerEvents, (payload) => {
            const id = chargerOf(payload)
            if (id && ids.has(id)) mark(id)
            if (id) mark('')
          }),
        flush: async (keys) => {
          const changed = [...keys].filter(Boolean)
          const [items, counts] = await Promise.all([loadChargerItems(deps, changed), chargerCounts(deps)])
          const now = clock.now()
          const rows = await Promise.all(
            items.map(async (item) =>
              sseEvent(rowEvent(item.charger.id), await ChargerRowView({ item, now })),
            ),
          )
          return rows.join('') + sseEvent('summary', await Summary(counts))
        },
      })
    })
    .get('/chargers/:id', ({ params }) =>
      batchedStream({
        clock,
        intervalMs: 500,
        subscribe: (mark) => bus.subscribe(subjects.chargerEvents(params.id), () => mark(params.id)),
        flush: async () => {
          const live = await loadChargerLive(deps, params.id)
          return live ? sseEvent('live', await ChargerLive(live)) : ''
        },
      }),
    )
}
