import type { Deps } from '@src/deps'
import type { CommandOutcome } from '@src/domain/charger/commands'
import type { LocalListState } from '@src/services/local-lists'
import { LocalListPanel, type LocalListView } from '@views/admin/local-list'
import { Elysia } from 'elysia'
import { requireOperator } from './auth'
import { html } from './render'

/** The panel's view model from the service's state: what the charger holds and whether an update is owed. */
export function localListView(
  chargerId: string,
  state: LocalListState,
  entries: number,
  result?: CommandOutcome,
): LocalListView {
  const { row } = state
  const status = state.inFlight
    ? 'sending'
    : state.queued
      ? 'queued'
      : row.lastStatus === 'NotSupported'
        ? 'not supported'
        : row.wantedHash !== null && row.wantedHash !== row.sentHash
          ? 'owed'
          : 'up to date'
  return {
    chargerId,
    version: row.version,
    entries,
    dropped: state.dropped,
    maxEntries: row.maxEntries,
    lastStatus: row.lastStatus,
    sentAt: row.sentAt,
    state: status,
    nextChangeAt: state.nextChangeAt,
    retryAt: state.retryAt,
    ...(result ? { result } : {}),
  }
}

/**
 * A charger's local list in the admin (a panel on its page, loaded by htmx): its state, and "Send
 * now", a Full list compiled from the access policies by the local-list service.
 */
export function localListAdmin(deps: Deps) {
  const { chargers } = deps.scoped
  const { localLists, audit } = deps.services
  const panel = async (id: string, result?: CommandOutcome) => {
    const state = await localLists.state(id)
    return html(LocalListPanel(localListView(id, state, await localLists.heldEntries(id), result)))
  }
  return new Elysia({ prefix: '/admin/chargers' })
    .use(requireOperator(deps))
    .get('/:id/local-list', async ({ params, scope }) => {
      const charger = await chargers.find(scope!, params.id)
      if (!charger) return html('<p>No such charger.</p>', 404)
      return panel(charger.id)
    })
    .post('/:id/local-list', async ({ params, scope }) => {
      const reached = await chargers.reach(scope!, params.id, 'chargers:command')
      if (!reached.ok) return html(`<p>${Bun.escapeHTML(reached.message)}.</p>`, reached.status)
      const result = await localLists.sendNow(reached.row.id)
      await deps.writer.write([
        audit.entry(scope!, {
          organizationId: reached.row.organizationId,
          action: 'command.sendLocalList',
          entity: 'charger',
          entityId: reached.row.id,
          before: null,
          after: { command: 'sendLocalList', status: result.status },
        }),
      ])
      return panel(reached.row.id, result)
    })
}
