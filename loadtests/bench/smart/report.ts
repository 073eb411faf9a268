import { ACN_MPC, OUR_TARGET_30KW_PCT } from './acn-reference'
import type { BenchRow } from './bench-row'

const fmt = (x: unknown, digits = 2): string =>
  typeof x === 'number' ? x.toFixed(digits) : x === null || x === undefined ? '—' : String(x)
const signed = (x: unknown): string => (typeof x === 'number' ? `${x >= 0 ? '+' : ''}${x.toFixed(2)}` : '—')

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

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

const phases = (x: unknown): string => (Array.isArray(x) ? x.map((a) => fmt(a, 1)).join(' / ') : '—')

/** The co-op week: uncontrolled, ours, and ours with a peak target. */
export function coopTable(r: BenchRow, peak: BenchRow): string {
  const target = `ours, peak target ${fmt(peak.peak_target_kw, 0)} kW`
  return table(
    ['', 'uncontrolled', 'ours', target],
    [
      [
        'peak current L1 / L2 / L3 (A)',
        phases(r.uncontrolled_peak_by_phase_a),
        phases(r.peak_by_phase_a),
        phases(peak.peak_by_phase_a),
      ],
      ['peak power (kW)', fmt(r.uncontrolled_peak_kw, 1), fmt(r.peak_kw, 1), fmt(peak.peak_kw, 1)],
      ['highest hourly mean power (kW)', '—', fmt(r.peak_hour_kw, 1), fmt(peak.peak_hour_kw, 1)],
      ['seconds over the 63 A fuse', '—', fmt(r.seconds_over_fuse, 0), fmt(peak.seconds_over_fuse, 0)],
      ['energy delivered by departure (%)', '—', fmt(r.energy_delivered_pct), fmt(peak.energy_delivered_pct)],
      ['sessions / demanded kWh', '—', `${fmt(r.sessions, 0)} / ${fmt(r.demanded_kwh, 0)}`, '〃'],
      ['allocate median (ms, 40 spaces)', '—', fmt(r.allocate_ms_median, 3), fmt(peak.allocate_ms_median, 3)],
    ],
  )
}

/** Pass/miss lines for the issue's targets. */
export function targetLines(ours: readonly BenchRow[], coop: BenchRow, micro: BenchRow): string[] {
  const at30 = ours.find((r) => r.network === 'three-phase' && r.capacity_kw === 30)
  const behind = ours.filter((r) => (r.delta_pts ?? 0) < 0)
  const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS')
  return [
    `${mark((at30?.energy_delivered_pct ?? 0) >= OUR_TARGET_30KW_PCT)} three-phase 30 kW ≥ ${OUR_TARGET_30KW_PCT} %: ${fmt(at30?.energy_delivered_pct)} %`,
    `${mark(behind.length === 0)} at least as good as the best baseline at every capacity (2 decimals, as published)${behind.length ? ` (behind at ${behind.map((r) => `${r.network} ${r.capacity_kw} kW`).join(', ')})` : ''}`,
    `${mark(ours.every((r) => r.counts))} all baselines reproduced within 0.5 points`,
    `${mark(coop.seconds_over_fuse === 0)} co-op: ${fmt(coop.seconds_over_fuse, 0)} s over the main fuse`,
    `${mark((coop.energy_delivered_pct ?? 0) >= 99)} co-op: ${fmt(coop.energy_delivered_pct)} % delivered by departure (≥ 99 %)`,
    `${mark(micro.runtime_ms <= 1)} allocate, ${micro.network}: median ${fmt(micro.runtime_ms, 3)} ms (≤ 1 ms)`,
  ]
}
