import type { RefusalRow } from '@src/db/repos/access-refusals'
import type { Deps } from '@src/deps'
import { status16 } from '@src/domain/access/vocabulary'
import type { AuthorizationStatus } from '@src/domain/charger/types'
import { type RefusalItem, RefusalsPanel, type RefusalsView } from '@views/admin/refusals'
import { formatDateTime } from '@views/format'
import { Elysia } from 'elysia'
import { requireOperator } from './auth'
import { html } from './render'

/** How many refusals the panel shows. */
export const PANEL_SIZE = 20

const purposes: Record<string, string> = {
  authorize: 'Authorize',
  start: 'start',
  remoteStart: 'remote start',
}

/** A refusal as the panel shows it: its time in the site's zone, and for a 1.6 charger what it was told. */
export function refusalItem(r: RefusalRow, timeZone: string, protocol: string | null): RefusalItem {
  // Stored statuses are the evaluator's (AuthorizationStatus); status16 maps them to the 1.6 words.
  const told = protocol === 'ocpp1.6' ? status16(r.status as AuthorizationStatus) : null
  return {
    at: formatDateTime(r.at, timeZone),
    uid: r.idToken,
    purpose: purposes[r.purpose] ?? r.purpose,
    status: r.status,
    told: told && told !== r.status ? told : null,
    explanation: r.explanation,
  }
}

/** caps: the charger page's "Refused" panel (loaded by htmx beside the sessions, refreshed in place). */
export function refusalsAdmin(deps: Deps) {
  const { chargers, refusals } = deps.scoped
  return new Elysia({ prefix: '/admin/chargers' })
    .use(requireOperator(deps))
    .get('/:id/refusals', async ({ params, scope }) => {
      const charger = await chargers.find(scope!, params.id)
      if (!charger) return html('<p>No such charger.</p>', 404)
      const page = await refusals.ofCharger(scope!, charger, { limit: PANEL_SIZE, offset: 0 })
      const view: RefusalsView = {
        chargerId: charger.id,
        timeZone: page.timeZone,
        items: page.rows.map((r) => refusalItem(r, page.timeZone, charger.protocol)),
        total: page.total,
      }
      return html(RefusalsPanel(view))
    })
}
