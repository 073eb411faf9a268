/**
 * Elysia's router finds a request's path by assuming the scheme and host take at least 11 characters
 * (`http://a.bc`, its `standardHostname` optimisation), while our guards read the path as URLs are
 * written. With a shorter host (`Host: x`), the two disagree: `/xx/api/v1/chargers` is checked as a
 * path outside the API and routed to the API, without its key. Such requests are refused before either
 * reads them, so every check and every route sees the same path.
 */
export function routable(url: string): boolean {
  const start = url.indexOf('/', url.indexOf('//') + 2)
  return start < 0 || url.indexOf('/', 11) === start
}

/** The answer to a request {@link routable} refuses: the client can fix it by naming the host in full. */
export function unroutable(): Response {
  return new Response(
    'the Host header is too short for this server: use the full host name, or add the port',
    {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    },
  )
}
