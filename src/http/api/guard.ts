import { Elysia } from 'elysia'
import { bearerCheck } from '../bearer'
import { bodyTooLarge, hasNoBody, JSON_BODY_BYTES, pathOf } from '../body-limit'

/** A command to a charger: its body may be as large as an OCPP frame (see `body-limit.ts`). */
const COMMANDS = /^\/api\/v1\/chargers\/[^/]+\/commands$/

/** The API's public part: its OpenAPI description. */
const isPublic = (path: string) => path.startsWith('/api/v1/openapi')

/**
 * Bearer-key protection of the REST API. With no `CSMS_API_KEY` configured the API is off (503, saying
 * how to turn it on) rather than open.
 *
 * It runs in `onRequest`, before Elysia reads the body: a caller without the key never gets a body
 * read, and a caller with it gets 413 before a body larger than the route's limit is read (commands:
 * `commandBytes`, everything else {@link JSON_BODY_BYTES}).
 */
export function apiKeyGuard(apiKey: string | undefined, commandBytes: number) {
  const matches = apiKey ? bearerCheck(apiKey) : undefined
  return new Elysia({ name: 'api-key-guard' }).onRequest(({ request }) => {
    const path = pathOf(request.url)
    if (!path.startsWith('/api/v1/') || isPublic(path)) return
    if (!matches)
      return Response.json(
        apiError('API_DISABLED', 'the REST API is disabled: set CSMS_API_KEY to enable it'),
        { status: 503 },
      )
    if (!matches(request.headers.get('authorization')))
      return Response.json(apiError('UNAUTHORIZED', 'send Authorization: Bearer <CSMS_API_KEY>'), {
        status: 401,
        headers: { 'www-authenticate': 'Bearer' },
      })
    if (hasNoBody(request.method)) return
    const tooLarge = bodyTooLarge(request, COMMANDS.test(path) ? commandBytes : JSON_BODY_BYTES)
    if (tooLarge) return Response.json(apiError('BODY_TOO_LARGE', tooLarge), { status: 413 })
  })
}

/** A JSON error body. */
export const apiError = (code: string, message: string) => ({ error: { code, message } })

/** Sets 404 and returns the error body naming what was not found. */
export function notFound(set: { status?: number | string }, message: string) {
  set.status = 404
  return apiError('NOT_FOUND', message)
}
