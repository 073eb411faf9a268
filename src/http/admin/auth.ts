import type { OperatorRow } from '@src/db/repos/operators'
import type { Deps } from '@src/deps'
import { canAnywhere, type Scope } from '@src/domain/tenancy/scope'
import { sha256Hex } from '@src/lib/ids'
import { Elysia } from 'elysia'
import { bodyTooLarge, FORM_BODY_BYTES, hasNoBody, PUBLIC_FORM_BODY_BYTES, pathOf } from '../body-limit'
import { accessOf } from '../route-access'

/** The operator session cookie. */
export const SESSION_COOKIE = 'csms_session'
/** How long a sign-in lasts. */
export const SESSION_MS = 12 * 3600_000

/** True when the request is an htmx request for a fragment (not a boosted page navigation). */
export function wantsFragment(headers: Record<string, string | undefined>): boolean {
  return headers['hx-request'] === 'true' && headers['hx-boosted'] !== 'true'
}

/**
 * A POST must come from our own pages, and the browser must say so: its `Origin` names our host
 * (whatever the scheme, so a TLS-terminating proxy in front changes nothing), or, from a browser that
 * sends no `Origin`, `Sec-Fetch-Site: same-origin`. Anything else, a request that says neither
 * included, is refused: deny by default. Together with the SameSite cookie this stops cross-site
 * request forgery.
 */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin')
  if (origin !== null) {
    if (!URL.canParse(origin)) return false
    const from = new URL(origin)
    return (
      (from.protocol === 'http:' || from.protocol === 'https:') && from.host === new URL(request.url).host
    )
  }
  return request.headers.get('sec-fetch-site') === 'same-origin'
}

/** The value of cookie `name` in a `Cookie` header. */
export function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

/** A session's `last_seen_at` is written at most this often (one write a minute, not one a request). */
export const LAST_SEEN_EVERY_MS = 60_000

/**
 * The signed-in operator of a session token, if the session is live (not expired, the account not
 * disabled, made after the account's `sessions_valid_from`). Records when the session was last seen,
 * at most once per {@link LAST_SEEN_EVERY_MS}.
 */
export async function sessionOperator(
  deps: Deps,
  token: string | undefined,
): Promise<OperatorRow | undefined> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 100) return undefined
  const hash = sha256Hex(token)
  const now = deps.clock.now()
  const session = await deps.repos.operators.liveSession(hash, now)
  if (!session) return undefined
  if (session.lastSeenAt === null || now - session.lastSeenAt >= LAST_SEEN_EVERY_MS)
    await deps.writer.write([deps.repos.operators.touchSession(hash, now)])
  return session.operator
}

/** Sends someone who is not signed in to the sign-in page (htmx gets an `HX-Redirect`). */
function signInFirst(request: Request): Response {
  const next = new URL(request.url)
  const login = `/admin/login?next=${encodeURIComponent(next.pathname + next.search)}`
  if (request.headers.get('hx-request') === 'true')
    return new Response('sign in again', { status: 401, headers: { 'hx-redirect': login } })
  return new Response(null, { status: 303, headers: { location: login } })
}

const text = (status: number, message: string) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })

/** Admin posts anyone may send: they are size-limited but need no session. */
const PUBLIC_POSTS = new Set(['/admin/login', '/admin/logout'])
// accounts: answering an invitation or a password reset link (the link's secret is the credential)
const PUBLIC_LINK_POST = /^\/admin\/(invite|reset)\/[^/]+$/

/** True for an admin post that needs no session. */
const isPublicPost = (path: string) => PUBLIC_POSTS.has(path) || PUBLIC_LINK_POST.test(path)

/**
 * Checks every admin post before Elysia reads its body (`onRequest`): the sign-in and sign-out forms
 * may be at most {@link PUBLIC_FORM_BODY_BYTES}; every other post must be same-origin and carry a
 * valid session before a body of at most {@link FORM_BODY_BYTES} is read. Refused: 403 cross-site,
 * the sign-in redirect without a session, 413 above the limit.
 */
export function adminGate(deps: Deps) {
  return new Elysia({ name: 'admin-gate' }).onRequest(async ({ request }) => {
    if (hasNoBody(request.method)) return
    const path = pathOf(request.url)
    if (!path.startsWith('/admin/')) return
    if (isPublicPost(path)) {
      const tooLarge = bodyTooLarge(request, PUBLIC_FORM_BODY_BYTES)
      return tooLarge ? text(413, tooLarge) : undefined
    }
    if (!sameOrigin(request)) return text(403, 'cross-site request refused')
    const token = cookieValue(request.headers.get('cookie'), SESSION_COOKIE)
    if (!(await sessionOperator(deps, token))) return signInFirst(request)
    const tooLarge = bodyTooLarge(request, FORM_BODY_BYTES)
    if (tooLarge) return text(413, tooLarge)
  })
}

/**
 * Guards the admin: resolves the signed-in operator from the session cookie, and its scope (what it may
 * do in which organizations, `src/services/scopes.ts`), and sends everyone else to the sign-in page (htmx requests get an `HX-Redirect`, so a whole page replaces the fragment).
 */
export function requireOperator(deps: Deps) {
  return new Elysia({ name: 'require-operator' })
    .resolve(
      { as: 'scoped' },
      async ({ cookie }): Promise<{ operator: OperatorRow | undefined; scope: Scope | undefined }> => {
        const token = cookie[SESSION_COOKIE]?.value
        const operator = await sessionOperator(deps, typeof token === 'string' ? token : undefined)
        return { operator, scope: operator ? await deps.services.scopes.ofOperator(operator) : undefined }
      },
    )
    .onBeforeHandle({ as: 'scoped' }, ({ operator, scope, request }) => {
      if (!operator || !scope) return signInFirst(request)
      const refused = refusal(scope, request)
      if (refused) return text(403, refused)
      if (request.method !== 'GET' && !sameOrigin(request)) return text(403, 'cross-site request refused')
    })
}

/**
 * Why a signed-in caller may not make this request ({@link accessOf}: the route's permission is held
 * in none of its organizations, or the route declares none), or undefined when it may.
 */
export function refusal(scope: Scope, request: Request): string | undefined {
  const need = accessOf(request.method, pathOf(request.url))
  if (need === undefined) return 'no access is declared for this address'
  if (need === 'public' || need === 'signed-in' || canAnywhere(scope, need)) return undefined
  return `this needs the permission ${need}, which you do not hold`
}

/** Parses a form body value that Elysia may give as string or missing. */
export function formValue(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | null)?.[key]
  return typeof v === 'string' ? v : ''
}
