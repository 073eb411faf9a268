import type { Deps } from '@src/deps'
import { canAnywhere, type Scope } from '@src/domain/tenancy/scope'
import { Elysia } from 'elysia'
import { bearerCheck } from '../bearer'
import { bodyTooLarge, hasNoBody, JSON_BODY_BYTES, PRICE_SERIES_BODY_BYTES, pathOf } from '../body-limit'
import { accessOf } from '../route-access'

/** A command to a charger: its body may be as large as an OCPP frame (see `body-limit.ts`). */
const COMMANDS = /^\/api\/v1\/chargers\/[^/]+\/commands$/

/** A price series' slots, as CSV or JSON: see {@link PRICE_SERIES_BODY_BYTES}. */
const PRICE_SLOTS = /^\/api\/v1\/price-series\/[^/]+\/(import|slots)$/

/** The API's public part: its OpenAPI description. */
const isPublic = (path: string) => path.startsWith('/api/v1/openapi')

/** The key in `Authorization: Bearer <key>`, or '' without one. */
const bearerOf = (authorization: string | null) =>
  authorization?.startsWith('Bearer ') ? authorization.slice(7) : ''

/**
 * The scope of an API request's key: the env `CSMS_API_KEY` (the platform key: everything) or a live
 * organization key (its permissions in its organization and below); undefined for anything else.
 * Resolved once per request: the guard and the handler's `apiScoped` share it.
 */
export function apiScope(deps: Deps, request: Request): Promise<Scope | undefined> {
  const { scopes } = deps.services
  return scopes.ofRequest(request, async () => {
    const authorization = request.headers.get('authorization')
    const platform = deps.config.apiKey ? bearerCheck(deps.config.apiKey) : undefined
    if (platform?.(authorization)) return scopes.platformKey()
    return scopes.ofApiKey(bearerOf(authorization))
  })
}

/**
 * Bearer-key protection of the REST API: the platform key `CSMS_API_KEY` or an organization's API
 * key. A request without a valid key gets 401; one whose key lacks the route's permission
 * (`route-access.ts`) gets 403, and one to no declared route 404.
 *
 * It runs in `onRequest`, before Elysia reads the body: a caller without a key never gets a body
 * read, and a caller with one gets 413 before a body larger than the route's limit is read (commands:
 * `commandBytes`, a price series' slots {@link PRICE_SERIES_BODY_BYTES}, everything else {@link JSON_BODY_BYTES}).
 */
export function apiKeyGuard(deps: Deps, commandBytes: number) {
  return new Elysia({ name: 'api-key-guard' }).onRequest(async ({ request }) => {
    const path = pathOf(request.url)
    if (!path.startsWith('/api/v1/') || isPublic(path)) return
    const scope = await apiScope(deps, request)
    if (!scope)
      return Response.json(
        apiError('UNAUTHORIZED', 'send Authorization: Bearer <CSMS_API_KEY or an organization API key>'),
        { status: 401, headers: { 'www-authenticate': 'Bearer' } },
      )
    const need = accessOf(request.method, path)
    if (need === undefined)
      return Response.json(apiError('NOT_FOUND', `no route ${request.method} ${path}`), { status: 404 })
    if (need !== 'public' && need !== 'signed-in' && !canAnywhere(scope, need))
      return Response.json(apiError('FORBIDDEN', `this key lacks the permission ${need}`), { status: 403 })
    if (hasNoBody(request.method)) return
    const limit = COMMANDS.test(path)
      ? commandBytes
      : PRICE_SLOTS.test(path)
        ? PRICE_SERIES_BODY_BYTES
        : JSON_BODY_BYTES
    const tooLarge = bodyTooLarge(request, limit)
    if (tooLarge) return Response.json(apiError('BODY_TOO_LARGE', tooLarge), { status: 413 })
  })
}

/**
 * The caller's scope in an API controller's handlers (`({ scope }) => …`); the guard has already
 * refused requests without a valid key, so a missing scope here is a bug and answers 401.
 */
export function apiScoped(deps: Deps) {
  return new Elysia({ name: 'api-scoped' }).resolve({ as: 'scoped' }, async ({ request, set }) => {
    const scope = await apiScope(deps, request)
    if (!scope) {
      set.status = 401
      throw new Error('API request without a valid key reached a handler')
    }
    return { scope }
  })
}

/** A JSON error body. */
export const apiError = (code: string, message: string) => ({ error: { code, message } })

/**
 * Sets the status of a refusal from a scoped repository or a service (400 bad input or no organization
 * to put it in, 403 may see but not change, 404 unknown or another tenant's, 409 a conflict) and
 * returns its error body.
 */
export function refused(
  set: { status?: number | string },
  r: { status: 400 | 403 | 404 | 409; message: string },
) {
  set.status = r.status
  const codes = { 400: 'INVALID_INPUT', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT' } as const
  const code = codes[r.status]
  return apiError(code, r.message)
}

/** Sets 404 and returns the error body naming what was not found. */
export function notFound(set: { status?: number | string }, message: string) {
  set.status = 404
  return apiError('NOT_FOUND', message)
}
