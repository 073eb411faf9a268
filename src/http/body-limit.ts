/**
 * Request body limits. Elysia reads and parses a body before any `beforeHandle` runs, so the API, the
 * admin and the driver pages check who is asking and how large the body says it is in `onRequest`,
 * before a byte of it is read; Bun's `maxRequestBodySize` ({@link maxRequestBodyBytes}) caps what
 * any request can make the server buffer, a body sent without a length included.
 */

/** A form post of the admin (a charger's settings, a site, a command with a certificate chain). */
export const FORM_BODY_BYTES = 64 * 1024
/** A form anyone may post: sign-in, sign-out, a driver's departure. */
export const PUBLIC_FORM_BODY_BYTES = 8 * 1024
/** A JSON body of the REST API, except commands. */
export const JSON_BODY_BYTES = 64 * 1024

/**
 * A price series' slots (a CSV file or JSON): 2 MiB, a year of hourly slots or about four months of
 * quarters in the plain CSV (some 55 bytes a line).
 */
export const PRICE_SERIES_BODY_BYTES = 2 * 1024 * 1024

/**
 * The global cap: the largest body any route accepts. A command to a charger may be as large as the
 * largest OCPP frame a charger is allowed to receive (`CSMS_OCPP_MAX_FRAME_BYTES`), since a larger one
 * could not be sent anyway.
 */
export function maxRequestBodyBytes(ocppMaxFrameBytes: number): number {
  return Math.max(FORM_BODY_BYTES, JSON_BODY_BYTES, PRICE_SERIES_BODY_BYTES, ocppMaxFrameBytes)
}

/**
 * Why the body of `request` is refused under `limit` bytes, judged by its `Content-Length` alone (a
 * body without one is bounded by the global cap); undefined when it may be read.
 */
export function bodyTooLarge(request: Request, limit: number): string | undefined {
  const declared = request.headers.get('content-length')
  if (declared === null) return undefined
  const bytes = Number(declared)
  if (Number.isSafeInteger(bytes) && bytes >= 0 && bytes <= limit) return undefined
  return `the request body (${declared} bytes) is larger than the ${limit} bytes this endpoint accepts`
}

/** Methods whose requests carry no body for us to read. */
export const hasNoBody = (method: string) => method === 'GET' || method === 'HEAD' || method === 'OPTIONS'

/** The path of a request URL without building a `URL` (the hot path of every request). */
export function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2)
  if (start < 0) return '/'
  const end = url.search(/[?#]/)
  return end < 0 || end < start ? url.slice(start) : url.slice(start, end)
}
