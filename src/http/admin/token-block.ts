import type { Deps } from '@src/deps'
import { BlockCell } from '@views/admin/tokens'
import { Elysia } from 'elysia'
import { requireOperator, wantsFragment } from './auth'
import { html } from './render'

/**
 * The one-click block of a lost card (and its unblock) on the tokens page, and the people export:
 * `POST /admin/tokens/:uid/block` answers htmx with the token's new status cell, a plain post with a
 * redirect back to the list.
 */
export function tokenBlockAdmin(deps: Deps) {
  const edits = deps.services.tokenEdits
  const respond = async (
    headers: Record<string, string | undefined>,
    uid: string,
    blocked: boolean,
    scope: Parameters<typeof edits.setBlocked>[0],
  ) => {
    const out = await edits.setBlocked(scope, uid, blocked)
    if (!out.ok) return html(`<p>${Bun.escapeHTML(out.message)}</p>`, out.status)
    if (!wantsFragment(headers))
      return new Response(null, { status: 303, headers: { location: '/admin/tokens' } })
    return html(BlockCell({ uid: out.row.uid, status: out.row.status }))
  }
  return new Elysia({ prefix: '/admin' })
    .use(requireOperator(deps))
    .post('/tokens/:uid/block', ({ params, headers, scope }) => respond(headers, params.uid, true, scope!))
    .post('/tokens/:uid/unblock', ({ params, headers, scope }) => respond(headers, params.uid, false, scope!))
    .get(
      '/people.csv',
      async ({ scope }) =>
        new Response(await deps.services.peopleExport.csv(scope!), {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="people.csv"',
          },
        }),
    )
}
