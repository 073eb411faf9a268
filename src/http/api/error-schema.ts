import { z } from 'zod'

/**
 * The API's one error body, `{ "error": { "code", "message" } }`, as a response schema so the OpenAPI
 * document describes what a client gets on a 4xx.
 */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
})
