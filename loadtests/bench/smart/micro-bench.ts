import { allocate } from '../../../src/domain/power/allocate'
import type { BenchRow } from './bench-row'
import { bigSite } from './big-site'

/**
 * `allocate` on a `connectors`-connector car park (every connector occupied, building meter, fuse
 * tree): median of `runs` timed calls after a warm-up, the figure the 1 ms budget is about.
 */
export function microRow(connectors: number, runs: number): BenchRow {
  const now = Date.UTC(2025, 0, 15, 18)
  const site = bigSite(connectors, now)
  for (let i = 0; i < runs; i++) allocate(site, now)
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    allocate(site, now)
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  const at = (q: number) =>
    Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 1000) / 1000
  const charging = allocate(site, now).sessions.filter((s) => s.limitA > 0).length
  return {
    workload: 'micro',
    network: `${connectors} connectors`,
    capacity_kw: null,
    algorithm: 'Ours (allocate)',
    energy_delivered_pct: null,
    peak_kw: null,
    runtime_ms: at(0.5),
    p10_ms: at(0.1),
    p90_ms: at(0.9),
    runs,
    sessions: site.sessions.length,
    charging,
  }
}
