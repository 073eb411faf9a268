import { z } from 'zod'

/**
 * The API's one error body, `{ "error": { "code", "message" } }`, as a response schema so the OpenAPI
 * document describes what a client gets on a 4xx.
 */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
})

/**
 * The error responses any API route can give, all `apiErrorSchema`: 400 invalid input, 401 no valid
 * key, 403 a key lacking the route's permission. Spread into a route's `response` and add its own.
 */
export const apiErrors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema }
