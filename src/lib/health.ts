import type { Clock, TimerHandle } from './clock'

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

/** What every source said: healthy only when all are; `reason` names each one that is not. */
export interface HealthReport {
  ok: boolean
  checks: Record<string, HealthStatus>
  reason?: string
}

/**
 * Asks every source at once, each bounded by `timeoutMs` on `clock` (a source that does not answer in
 * time, a hung disk say, is not healthy, and the probe still answers), and sums them up.
 */
export async function checkHealth(
  sources: readonly HealthSource[],
  clock: Clock,
  timeoutMs: number,
): Promise<HealthReport> {
  const statuses = await Promise.all(sources.map((source) => bounded(source, clock, timeoutMs)))
  const checks = Object.fromEntries(sources.map((s, i) => [s.name, statuses[i]!]))
  const failing = sources.flatMap((s, i) => {
    const status = statuses[i]!
    return status.ok ? [] : [`${s.name}: ${status.reason}`]
  })
  return failing.length === 0 ? { ok: true, checks } : { ok: false, checks, reason: failing.join('; ') }
}

async function bounded(source: HealthSource, clock: Clock, timeoutMs: number): Promise<HealthStatus> {
  let timer: TimerHandle | undefined
  const late = new Promise<HealthStatus>((resolve) => {
    timer = clock.setTimeout(
      () => resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` }),
      timeoutMs,
    )
  })
  try {
    return await Promise.race([Promise.resolve().then(() => source.status()), late])
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) }
  } finally {
    if (timer !== undefined) clock.clearTimeout(timer)
  }
}
