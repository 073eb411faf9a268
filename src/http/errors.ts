import { CsmsError } from '@src/lib/errors'
import type { Logger } from '@src/lib/log'
import { Elysia } from 'elysia'

/** HTTP status for each error code of `src/lib/errors.ts`; anything else is a 500. */
const statusOf: Record<string, number> = {
  DATABASE: 503,
  ASK_TIMEOUT: 503,
  MAILBOX_FULL: 503,
  REQUEST_TIMEOUT: 504,
  NO_RESPONDERS: 503,
}

const isApi = (url: string) => new URL(url).pathname.startsWith('/api/')

/**
 * The one place errors become HTTP responses: invalid input is a 400 naming each bad field, an unknown
 * path a 404, infrastructure trouble a 503/504, and a bug a 500 that is logged with its stack.
 * API paths answer JSON `{ error: { code, message } }`; pages answer plain text.
 */
export function errorMapper(log: Logger) {
  return new Elysia({ name: 'error-mapper' }).onError({ as: 'global' }, ({ code, error, request, set }) => {
    const respond = (status: number, errCode: string, message: string) => {
      set.status = status
      if (isApi(request.url)) return Response.json({ error: { code: errCode, message } }, { status })
      return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })
    }
    if (code === 'VALIDATION') {
      const fields = error.all.map(
        (e) => `${'path' in e && e.path ? `${e.path}: ` : ''}${e.summary ?? e.message}`,
      )
      return respond(400, 'INVALID_INPUT', `invalid ${error.type}: ${fields.join('; ')}`)
    }
    if (code === 'PARSE')
      return respond(400, 'MALFORMED_BODY', 'the request body is not valid JSON or form data')
    if (code === 'NOT_FOUND') return respond(404, 'NOT_FOUND', `nothing at ${new URL(request.url).pathname}`)
    if (error instanceof CsmsError && statusOf[error.code])
      return respond(statusOf[error.code]!, error.code, error.message)
    log.error('request failed', { path: new URL(request.url).pathname, err: error })
    return respond(500, 'INTERNAL', 'internal error; the details are in the server log')
  })
}
