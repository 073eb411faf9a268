/**
 * Smart charging benchmark (`npm run bench:smart [-- --out results/smart.json]`):
 * 1. the ACN workload: FCFS/EDF/LLF/round robin reproduced against the published figures, then our
 *    scheduler on the same capacities (three-phase 10–60 kW, aggregate 10–20 kW);
 * 2. a 40-space housing co-op behind 3 × 63 A over a week at 30 s steps;
 * 3. `allocate` on a 500-connector site (median ms).
 * Prints markdown tables and writes JSON rows. Performance is measured here, never in tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { acnBaselineRows, acnOurRows } from './smart/acn-bench'
import { loadAcnSessions } from './smart/acn-data'
import { type BenchRow, round2 } from './smart/bench-row'
import { simulateCoop } from './smart/coop-sim'
import { microRow } from './smart/micro-bench'
import { coopTable, oursTable, reproductionTable, targetLines } from './smart/report'

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'results/smart.json' }, acn: { type: 'string' } },
})

function coopRow(peakTargetKw?: number): BenchRow {
  const started = performance.now()
  const r = simulateCoop({
    spaces: 40,
    days: 7,
    stepS: 30,
    seed: 42,
    ...(peakTargetKw ? { peakTargetKw } : {}),
  })
  return {
    workload: 'coop-40',
    network: '3 × 63 A, 230 V, 4 rows × 40 A',
    capacity_kw: round2((3 * 63 * 230) / 1000),
    algorithm: peakTargetKw ? `Ours, peak target ${peakTargetKw} kW` : 'Ours',
    peak_target_kw: peakTargetKw ?? null,
    energy_delivered_pct: round2(r.deliveredPct),
    peak_kw: round2(r.peakKw),
    runtime_ms: Math.round(performance.now() - started),
    peak_a: round2(r.peakA),
    peak_hour_kw: round2(r.peakHourKw),
    uncontrolled_peak_a: round2(r.uncontrolledPeakA),
    peak_by_phase_a: r.peakByPhaseA.map(round2),
    uncontrolled_peak_by_phase_a: r.uncontrolledPeakByPhaseA.map(round2),
    uncontrolled_peak_kw: round2(r.uncontrolledPeakKw),
    seconds_over_fuse: r.secondsOverFuse,
    sessions: r.sessions,
    demanded_kwh: round2(r.demandedKwh),
    delivered_kwh: round2(r.deliveredKwh),
    days: r.days,
    step_s: r.stepS,
    allocate_ms_median: Math.round(r.allocateMsMedian * 1000) / 1000,
  }
}

const sessions = loadAcnSessions(values.acn)
const baselines = acnBaselineRows(sessions)
const ours = acnOurRows(sessions, baselines)
const coop = coopRow()
const coopPeak = coopRow(25)
const micro = microRow(500, 300)

console.log('## ACN (Caltech, March 2019): reproduction of the published baselines\n')
console.log(reproductionTable(baselines))
console.log('\n## ACN: our scheduler\n')
console.log(oursTable(ours, baselines))
console.log('\n## Housing co-op: 40 spaces, 3 × 63 A, one week at 30 s steps\n')
console.log(coopTable(coop, coopPeak))
console.log(`\n## allocate on a ${micro.network} site\n`)
console.log(
  `median ${micro.runtime_ms} ms (p10 ${micro.p10_ms}, p90 ${micro.p90_ms}) over ${micro.runs} runs, ${micro.charging}/${micro.sessions} sessions charging`,
)
console.log('\n## Targets\n')
for (const line of targetLines(ours, coop, micro)) console.log(`- ${line}`)

mkdirSync(dirname(values.out), { recursive: true })
writeFileSync(values.out, `${JSON.stringify([...baselines, ...ours, coop, coopPeak, micro], null, 2)}\n`)
console.log(`\nwrote ${values.out}`)
