import type { OperatorRow } from '@src/db/repos/operators'
import type { Deps } from '@src/deps'
import { sha256Hex } from '@src/lib/ids'
import { Elysia } from 'elysia'

/** The operator session cookie. */
export const SESSION_COOKIE = 'csms_session'
/** How long a sign-in lasts. */
export const SESSION_MS = 12 * 3600_000

/** True when the request is an htmx request for a fragment (not a boosted page navigation). */
export function wantsFragment(headers: Record<string, string | undefined>): boolean {
  return headers['hx-request'] === 'true' && headers['hx-boosted'] !== 'true'
}

/**
 * A POST must come from our own pages: the browser's `Origin` (or `Sec-Fetch-Site`) says so. Together
 * with the SameSite cookie this stops cross-site request forgery.
 */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin')
  if (origin)
    return origin === new URL(request.url).origin || origin === `http://${request.headers.get('host')}`
  const site = request.headers.get('sec-fetch-site')
  return site === null || site === 'same-origin'
}

/**
 * Guards the admin: resolves the signed-in operator from the session cookie and sends everyone else to
 * the sign-in page (htmx requests get an `HX-Redirect`, so a whole page replaces the fragment).
 */
export function requireOperator(deps: Deps) {
  return new Elysia({ name: 'require-operator' })
    .resolve({ as: 'scoped' }, async ({ cookie }): Promise<{ operator: OperatorRow | undefined }> => {
      const token = cookie[SESSION_COOKIE]?.value
      if (typeof token !== 'string' || token.length === 0 || token.length > 100)
        return { operator: undefined }
      return { operator: await deps.repos.operators.sessionOperator(sha256Hex(token), deps.clock.now()) }
    })
    .onBeforeHandle({ as: 'scoped' }, ({ operator, request, set }) => {
      if (!operator) {
        const next = new URL(request.url)
        const login = `/admin/login?next=${encodeURIComponent(next.pathname + next.search)}`
        if (request.headers.get('hx-request') === 'true') {
          set.headers['hx-redirect'] = login
          return new Response('sign in again', { status: 401, headers: { 'hx-redirect': login } })
        }
        return new Response(null, { status: 303, headers: { location: login } })
      }
      if (request.method !== 'GET' && !sameOrigin(request)) {
        return new Response('cross-site request refused', { status: 403 })
      }
    })
}

/** Parses a form body value that Elysia may give as string or missing. */
export function formValue(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | null)?.[key]
  return typeof v === 'string' ? v : ''
}
