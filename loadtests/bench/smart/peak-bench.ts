import type { BenchRow } from './bench-row'
import type { ScenarioRuns } from './closed-loop-bench'
import { runScenario } from './closed-loop-bench'
import { fmt, table } from './markdown'

/** The scenario the peak target is shown on, and the target (kW): about 60 % of its 43 kW fuse. */
export const PEAK_SCENARIO = 'coop-40-63A-winter'
export const PEAK_TARGET_KW = 25

/** Our loop on one scenario without and with a monthly peak target. */
export interface PeakRuns {
  readonly without: BenchRow
  readonly with: BenchRow
  /** The JSON rows this adds (the run with the target). */
  readonly rows: readonly BenchRow[]
}

/**
 * Runs our loop again on {@link PEAK_SCENARIO} with a peak target of {@link PEAK_TARGET_KW}, beside the
 * run without it from `closed`; undefined when that scenario was not run (`--only`).
 */
export async function peakTargetRuns(
  closed: readonly ScenarioRuns[],
  seed: number,
  loopIntervalMs: number,
): Promise<PeakRuns | undefined> {
  const base = closed.find((s) => s.scenario.name === PEAK_SCENARIO)
  const without = base?.runs.find((r) => r.row.algorithm === 'ours')?.row
  if (!base || !without) return undefined
  const targeted = await runScenario(base.scenario, { loopIntervalMs, seed, peakTargetKw: PEAK_TARGET_KW }, [
    'ours',
  ])
  const row = { ...targeted.runs[0]!.row, algorithm: `ours, peak target ${PEAK_TARGET_KW} kW` }
  return { without, with: row, rows: [row] }
}

/** The peak target's effect: the billed hourly peak against energy and safety. */
export function peakTable(p: PeakRuns): string {
  const both = (f: (r: BenchRow) => string) => [f(p.without), f(p.with)]
  return table(
    ['', 'ours', `ours, peak target ${PEAK_TARGET_KW} kW`],
    [
      ['highest clock-hour mean (kW)', ...both((r) => fmt(r.peak_hour_kw, 1))],
      ['peak power (kW)', ...both((r) => fmt(r.peak_kw, 1))],
      ['energy, % of the optimum', ...both((r) => fmt(r.energy_delivered_pct, 1))],
      ['cars < 90 % of need', ...both((r) => fmt(r.cars_short, 0))],
      ['seconds over a rating', ...both((r) => fmt(r.seconds_over, 0))],
    ],
  )
}
