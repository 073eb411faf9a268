import { allocate } from './allocate'
import type { Objective } from './objective'
import type { AllocationSettings, Session, SiteSnapshot } from './site'

/** What a replay delivered: per session, and for the whole site. */
export interface ReplayResult {
  /** Energy delivered per session id (Wh). */
  readonly deliveredWh: Readonly<Record<string, number>>
  /** Delivered energy as a fraction of each session's need at the start. */
  readonly fraction: Readonly<Record<string, number>>
  readonly totalWh: number
  /** Sessions that got at least `share` of their need. */
  readonly finished: (share: number) => number
  /** The lowest headroom any fuse had on any phase at any step (A); negative would be an overload. */
  readonly minHeadroomA: number
}

/**
 * Runs `allocate` every `stepS` from `now` until the last departure with ideal EVs: each draws exactly
 * its limit until its need is met, and leaves at its departure. Tests use it to check what an
 * objective promises over a whole evening, not just one tick.
 */
export function replay(
  site: SiteSnapshot,
  now: number,
  options: {
    readonly stepS: number
    readonly objective: Objective
    readonly settings?: Partial<AllocationSettings>
  },
): ReplayResult {
  const need = new Map(site.sessions.map((s) => [s.id, s.energyNeededWh ?? 0]))
  const left = new Map(need)
  const delivered = new Map(site.sessions.map((s) => [s.id, 0]))
  const end = Math.max(now, ...site.sessions.map((s) => s.departureAt ?? now))
  const settings = { ...options.settings, objective: options.objective }
  let minHeadroomA = Number.POSITIVE_INFINITY
  for (let t = now; t < end; t += options.stepS * 1000) {
    const present: Session[] = site.sessions
      .filter((s) => (s.departureAt ?? end) > t && left.get(s.id)! > 0)
      .map((s) => ({ ...s, energyNeededWh: left.get(s.id)! }))
    const allocation = allocate({ ...site, sessions: present, settings }, t)
    for (const n of allocation.nodes) minHeadroomA = Math.min(minHeadroomA, ...n.headroomA)
    for (const a of allocation.sessions) {
      const wh = Math.min(
        left.get(a.sessionId)!,
        (a.limitA * a.phases * site.grid.voltageV * options.stepS) / 3600,
      )
      left.set(a.sessionId, left.get(a.sessionId)! - wh)
      delivered.set(a.sessionId, delivered.get(a.sessionId)! + wh)
    }
  }
  const fraction = Object.fromEntries(
    [...delivered].map(([id, wh]) => [id, need.get(id)! > 0 ? wh / need.get(id)! : 1]),
  )
  return {
    deliveredWh: Object.fromEntries(delivered),
    fraction,
    totalWh: [...delivered.values()].reduce((a, b) => a + b, 0),
    finished: (share) => Object.values(fraction).filter((f) => f >= share - 1e-9).length,
    minHeadroomA,
  }
}
