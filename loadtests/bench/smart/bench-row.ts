/** One row of `results/smart.json`. */
export interface BenchRow {
  readonly workload: 'acn-caltech-2019-03' | 'closed-loop' | 'micro'
  readonly network: string
  readonly capacity_kw: number | null
  readonly algorithm: string
  readonly energy_delivered_pct: number | null
  readonly peak_kw: number | null
  readonly reference_pct?: number | null
  readonly delta_pts?: number | null
  readonly runtime_ms: number
  /** Baselines: reproduces within tolerance. Ours: every baseline reproduced, so the row counts. */
  readonly counts?: boolean
  readonly [extra: string]: unknown
}

/** Rounds for display and JSON (2 decimals). */
export function round2(x: number): number {
  return Math.round(x * 100) / 100
}
