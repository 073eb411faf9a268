import { Elysia } from 'elysia'
import type { Deps } from './deps'
import { healthController } from './http/health'

/**
 * The HTTP application: health and metrics, the REST API, the admin and driver pages. It never
 * listens (`node.ts` serves it), so tests call `app.handle(new Request(...))` without a socket.
 */
export function createApp(deps: Deps) {
  return new Elysia().use(healthController(deps))
}
