import { timingSafeEqual } from 'node:crypto'
import { Elysia } from 'elysia'

/**
 * Bearer-key protection of the REST API. With no `CSMS_API_KEY` configured the API is off (503, saying
 * how to turn it on) rather than open.
 */
export function apiKeyGuard(apiKey: string | undefined) {
  const expected = apiKey ? Buffer.from(apiKey) : undefined
  return new Elysia({ name: 'api-key-guard' }).onBeforeHandle({ as: 'scoped' }, ({ headers, set }) => {
    if (!expected) {
      set.status = 503
      return {
        error: { code: 'API_DISABLED', message: 'the REST API is disabled: set CSMS_API_KEY to enable it' },
      }
    }
    const header = headers.authorization ?? ''
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      set.status = 401
      set.headers['www-authenticate'] = 'Bearer'
      return { error: { code: 'UNAUTHORIZED', message: 'send Authorization: Bearer <CSMS_API_KEY>' } }
    }
  })
}

/** A JSON error body. */
export const apiError = (code: string, message: string) => ({ error: { code, message } })

/** Sets 404 and returns the error body naming what was not found. */
export function notFound(set: { status?: number | string }, message: string) {
  set.status = 404
  return apiError('NOT_FOUND', message)
}
