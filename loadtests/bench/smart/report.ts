import { ACN_MPC, OUR_TARGET_30KW_PCT } from './acn-reference'
import type { BenchRow } from './bench-row'
import { fmt, signed, table } from './markdown'

/** Reproduction of the published baselines, with their deltas. */
export function reproductionTable(rows: readonly BenchRow[]): string {
  return table(
    ['network', 'kW', 'algorithm', 'delivered %', 'published %', 'Δ pts', 'peak kW', 'within 0.5'],
    rows.map((r) => [
      r.network,
      fmt(r.capacity_kw, 0),
      r.algorithm,
      fmt(r.energy_delivered_pct),
      fmt(r.reference_pct),
      signed(r.delta_pts),
      fmt(r.peak_kw, 1),
      r.counts === undefined ? 'n/a' : r.counts ? 'yes' : '**NO**',
    ]),
  )
}

/** Our scheduler against the best reproduced baseline (and the paper's MPC / optimum for context). */
export function oursTable(ours: readonly BenchRow[], baselines: readonly BenchRow[]): string {
  return table(
    [
      'network',
      'kW',
      'ours %',
      'best baseline',
      'Δ pts',
      'MPC / offline opt.',
      'peak kW',
      'ms/period',
      'counts',
    ],
    ours.map((r) => {
      const peers = baselines.filter((b) => b.network === r.network && b.capacity_kw === r.capacity_kw)
      const best = peers.reduce((a, b) =>
        (b.energy_delivered_pct ?? 0) > (a.energy_delivered_pct ?? 0) ? b : a,
      )
      const context = r.network === 'three-phase' ? (ACN_MPC[r.capacity_kw ?? 0] ?? '—') : '—'
      return [
        r.network,
        fmt(r.capacity_kw, 0),
        fmt(r.energy_delivered_pct),
        `${best.algorithm} ${fmt(best.energy_delivered_pct)}`,
        signed(r.delta_pts),
        context,
        fmt(r.peak_kw, 1),
        fmt(Number(r.scheduler_ms) / 8928, 3),
        r.counts ? 'yes' : '**no** (a baseline missed)',
      ]
    }),
  )
}

/** Pass/miss lines for the ACN and allocation targets. */
export function targetLines(ours: readonly BenchRow[], micro: BenchRow): string[] {
  const at30 = ours.find((r) => r.network === 'three-phase' && r.capacity_kw === 30)
  const behind = ours.filter((r) => (r.delta_pts ?? 0) < 0)
  const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS')
  return [
    `${mark((at30?.energy_delivered_pct ?? 0) >= OUR_TARGET_30KW_PCT)} three-phase 30 kW ≥ ${OUR_TARGET_30KW_PCT} %: ${fmt(at30?.energy_delivered_pct)} %`,
    `${mark(behind.length === 0)} at least as good as the best baseline at every capacity (2 decimals, as published)${behind.length ? ` (behind at ${behind.map((r) => `${r.network} ${r.capacity_kw} kW`).join(', ')})` : ''}`,
    `${mark(ours.every((r) => r.counts))} all baselines reproduced within 0.5 points`,
    `${mark(micro.runtime_ms <= 1)} allocate, ${micro.network}: median ${fmt(micro.runtime_ms, 3)} ms (≤ 1 ms)`,
  ]
}
