import type { Deps } from '@src/deps'
import { checkHealth } from '@src/lib/health'
import { Elysia } from 'elysia'

/** How long `/health` waits for any one source before calling it unhealthy (a probe must answer). */
export const HEALTH_TIMEOUT_MS = 2000

/**
 * `GET /health`: 200 while the node can do its work, 503 with the reason while it cannot (its database
 * cannot commit: a full disk, a read-only file; its bus is down), 200 again once it can. Load
 * balancers and orchestrators probe it; each source in `deps.health` answers from what it already
 * knows, so a probe costs no write on a busy node.
 */
export function healthController(deps: Deps) {
  deps.metrics.gauge('actors_live', 'Live actors on this node', [], () => deps.system.size)
  deps.metrics.gauge('actor_restarts', 'Actor restarts since start', [], () => deps.system.stats.restarts)
  return new Elysia({ name: 'health' }).get('/health', async ({ set }) => {
    const report = await checkHealth(deps.health, deps.clock, HEALTH_TIMEOUT_MS)
    const checks = Object.fromEntries(
      Object.entries(report.checks).map(([name, s]) => [name, s.ok ? 'ok' : s.reason]),
    )
    const node = deps.config.nodeId
    const chargers = deps.gateway.connections
    if (report.ok) return { status: 'ok', node, chargers, checks }
    set.status = 503
    return { status: 'unavailable', node, chargers, reason: report.reason, checks }
  })
}
