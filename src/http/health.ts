import type { Deps } from '@src/deps'
import { Elysia } from 'elysia'

/**
 * `GET /health`: 200 when the node can serve (database reachable), 503 otherwise. Load balancers and
 * orchestrators probe it.
 */
export function healthController(deps: Deps) {
  deps.metrics.gauge('actors_live', 'Live actors on this node', [], () => deps.system.size)
  deps.metrics.gauge('actor_restarts', 'Actor restarts since start', [], () => deps.system.stats.restarts)
  return new Elysia({ name: 'health' }).get('/health', async ({ set }) => {
    try {
      await deps.database.client.execute('select 1')
      return { status: 'ok', node: deps.config.nodeId, chargers: deps.gateway.connections }
    } catch (err) {
      set.status = 503
      return {
        status: 'unavailable',
        node: deps.config.nodeId,
        error: err instanceof Error ? err.message : String(err),
      }
    }
  })
}
