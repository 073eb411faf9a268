import { compileConstraints } from '../../../src/domain/power/constraint-set'
import type { AcnSession } from './acn-data'
import { ACN_REFERENCE, ACN_UNCONTROLLED, REPRODUCTION_TOLERANCE_PTS } from './acn-reference'
import { type AcnResult, type AcnScheduler, simulateAcn } from './acn-sim'
import { type BaselineName, baselineScheduler } from './baselines'
import { type BenchRow, round2 } from './bench-row'
import { CALTECH_STATIONS, type NetworkKind, networkRows } from './caltech-network'
import { oursScheduler } from './ours-acn'

const WORKLOAD = 'acn-caltech-2019-03' as const
const BASELINES: readonly BaselineName[] = ['FCFS', 'EDF', 'LLF', 'RR']
const STATION_IDS = CALTECH_STATIONS.map((s) => s.id)

/** The capacities the issue asks for on each network. */
export const ACN_CASES: readonly (readonly [NetworkKind, number])[] = [
  ...[10, 20, 30, 40, 50, 60].map((kw) => ['three-phase', kw] as const),
  ...[10, 15, 20].map((kw) => ['aggregate', kw] as const),
]

function run(
  kind: NetworkKind,
  kw: number,
  sessions: readonly AcnSession[],
  make: (s: ReturnType<typeof compileConstraints>) => AcnScheduler,
): { result: AcnResult; ms: number } {
  const set = compileConstraints(STATION_IDS.length, networkRows(kind, kw))
  const started = performance.now()
  const result = simulateAcn(sessions, STATION_IDS, set, make(set), () => performance.now())
  return { result, ms: performance.now() - started }
}

function row(
  kind: string,
  kw: number | null,
  algorithm: string,
  r: AcnResult,
  ms: number,
  extra: Partial<BenchRow> = {},
): BenchRow {
  return {
    workload: WORKLOAD,
    network: kind,
    capacity_kw: kw,
    algorithm,
    energy_delivered_pct: round2(r.deliveredPct),
    peak_kw: round2(r.peakKw),
    runtime_ms: Math.round(ms),
    scheduler_ms: Math.round(r.schedulerMs),
    max_violation_a: r.maxViolationA,
    ...extra,
  }
}

/** Runs every baseline at every case and compares with the published figures. */
export function acnBaselineRows(sessions: readonly AcnSession[]): BenchRow[] {
  const rows: BenchRow[] = []
  for (const [kind, kw] of ACN_CASES) {
    for (const name of BASELINES) {
      const { result, ms } = run(kind, kw, sessions, (set) => baselineScheduler(set, name))
      const reference = ACN_REFERENCE[kind][kw]?.[name] ?? null
      const delta = reference === null ? null : round2(result.deliveredPct - reference)
      const counts = delta === null ? undefined : Math.abs(delta) <= REPRODUCTION_TOLERANCE_PTS
      rows.push(
        row(kind, kw, name, result, ms, {
          reference_pct: reference,
          delta_pts: delta,
          ...(counts === undefined ? {} : { counts }),
        }),
      )
    }
  }
  return [...rows, uncontrolledRow(sessions)]
}

/** Uncontrolled charging (every EV at the EVSE maximum, no network limit), as the README reports it. */
function uncontrolledRow(sessions: readonly AcnSession[]): BenchRow {
  const set = compileConstraints(STATION_IDS.length, [])
  const started = performance.now()
  const result = simulateAcn(sessions, STATION_IDS, set, () => new Float64Array(STATION_IDS.length).fill(32))
  const ms = performance.now() - started
  const delta = round2(result.deliveredPct - ACN_UNCONTROLLED.pct)
  return row('none', null, 'Uncontrolled', result, ms, {
    reference_pct: ACN_UNCONTROLLED.pct,
    delta_pts: delta,
    counts: Math.abs(delta) <= REPRODUCTION_TOLERANCE_PTS,
    reference_peak_kw: ACN_UNCONTROLLED.peakKw,
  })
}

/**
 * Our scheduler at every case. Its rows count only if every baseline with a published figure was
 * reproduced within tolerance (otherwise the simulator itself is suspect); each row also says how it
 * compares with the best baseline at that capacity.
 */
export function acnOurRows(sessions: readonly AcnSession[], baselines: readonly BenchRow[]): BenchRow[] {
  const reproduced = baselines.every((b) => b.counts !== false)
  return ACN_CASES.map(([kind, kw]) => {
    const { result, ms } = run(kind, kw, sessions, oursScheduler)
    const peers = baselines.filter((b) => b.network === kind && b.capacity_kw === kw)
    const best = Math.max(...peers.map((b) => b.energy_delivered_pct ?? 0))
    return row(kind, kw, 'Ours', result, ms, {
      reference_pct: best,
      delta_pts: round2(round2(result.deliveredPct) - best),
      counts: reproduced,
      vs: 'best baseline',
    })
  })
}
