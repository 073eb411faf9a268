import type { Deps } from '@src/deps'
import { Elysia } from 'elysia'
import { bearerCheck } from './bearer'

/** Where the metrics controller is mounted. */
export type MetricsPort = 'main' | 'metrics-listener'

const plain = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } })

/**
 * `GET /metrics`: Prometheus text format. It tells whoever reads it how many chargers are connected,
 * how often handshakes fail and how loaded the node is, so it is not public:
 *
 * - with `CSMS_METRICS_KEY`, a scraper sends `Authorization: Bearer <key>` (on the main port and on the
 *   metrics listener alike);
 * - with `CSMS_METRICS_LISTEN`, a separate listener on that address serves it (no key needed unless one
 *   is set), and the main port serves it only with a key;
 * - with neither, it is off: the main port answers 503 saying how to turn it on.
 */
export function metricsController(deps: Deps, port: MetricsPort) {
  const { metricsKey, metricsListen } = deps.config
  const authorized = metricsKey ? bearerCheck(metricsKey) : undefined
  const app = new Elysia({ name: `metrics-${port}` })
  if (port === 'main' && !authorized && metricsListen) return app
  return app.get('/metrics', ({ request }) => {
    if (port === 'main' && !authorized)
      return plain(503, 'metrics are off: set CSMS_METRICS_KEY (bearer) or CSMS_METRICS_LISTEN (host:port)')
    if (authorized && !authorized(request.headers.get('authorization')))
      return plain(401, 'send Authorization: Bearer <CSMS_METRICS_KEY>', { 'www-authenticate': 'Bearer' })
    return plain(200, deps.metrics.render(), { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
  })
}
