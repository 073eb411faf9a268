import { type AnyElysia, Elysia } from 'elysia'
import type { Deps } from './deps'
import { adminController } from './http/admin'
import { apiController } from './http/api'
import { driverController } from './http/driver'
import { meController } from './http/driver/me'
import { meLiveController } from './http/driver/me-live'
import { errorMapper } from './http/errors'
import { healthController } from './http/health'
import { metricsController } from './http/metrics'
import { routable, unroutable } from './http/routable'

/**
 * The HTTP application: health and metrics, the REST API, the admin and driver pages. It never
 * listens (`node.ts` serves it), so tests call `app.handle(new Request(...))` without a socket. The
 * first check refuses a request whose path the router would read differently from the guards
 * (see {@link routable}).
 *
 * Typed as `AnyElysia`: nothing outside calls a route through Eden, and the full route type of every
 * controller together is deeper than TypeScript instantiates (TS2589).
 */
export function createApp(deps: Deps): AnyElysia {
  return (
    new Elysia()
      .onRequest(({ request }) => (routable(request.url) ? undefined : unroutable()))
      .use(errorMapper(deps.log))
      .use(healthController(deps))
      .use(metricsController(deps, 'main'))
      .use(apiController(deps))
      .use(adminController(deps))
      .use(driverController(deps))
      // driver pages: the driver's own pages, signed in by mail
      .use(meController(deps))
      .use(meLiveController(deps))
  )
}
