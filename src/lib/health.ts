/**
 * Whether one part of the node can do its job now, and if not, why in words an operator can act on
 * (`database: cannot commit: database or disk is full`). The writer, the bus and anything else that
 * `/health` asks answer in this shape.
 */
export type HealthStatus = { ok: true } | { ok: false; reason: string }

/**
 * One thing `/health` checks. `status()` must be cheap: a load balancer probes it every few seconds,
 * so a source answers from what it already knows and does real work only when it knows nothing recent.
 *
 * @example
 * const sources: HealthSource[] = [{ name: 'database', status: () => writer.status() }]
 */
export interface HealthSource {
  readonly name: string
  status(): HealthStatus | Promise<HealthStatus>
}

/** The healthy status, shared. */
export const healthy: HealthStatus = { ok: true }
