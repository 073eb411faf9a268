import type { BenchRow } from './bench-row'
import type { ScenarioRuns } from './closed-loop-bench'
import { fmt, table } from './markdown'

/** The share of the optimum realistic scenarios must reach (%). */
export const REALISTIC_TARGET_PCT = 95

const rowOf = (s: ScenarioRuns, algorithm: string): BenchRow | undefined =>
  s.runs.find((r) => r.row.algorithm === algorithm)?.row
const ALGORITHMS = ['ours', 'equal share', 'uncontrolled'] as const

/** Per scenario: the optimum, each controller's energy as a share of it, and the cars left short. */
export function energyTable(all: readonly ScenarioRuns[]): string {
  return table(
    [
      'scenario',
      'kind',
      'LP optimum kWh',
      'ours %',
      'equal share %',
      'uncontrolled %',
      'cars < 90 %: ours / equal / uncontr. (of visits)',
    ],
    all.map((s) => {
      const rows = ALGORITHMS.map((a) => rowOf(s, a))
      return [
        s.scenario.name,
        s.scenario.kind,
        fmt(s.optimumWh / 1000, 1),
        ...rows.map((r) => fmt(r?.energy_delivered_pct, 1)),
        `${rows.map((r) => fmt(r?.cars_short, 0)).join(' / ')} (${s.scenario.visits.length})`,
      ]
    }),
  )
}

/** A controller's seconds over a rating as `building / EV lag / allocation`, and the worst excess. */
function overCell(r: BenchRow | undefined): string {
  if (!r) return '—'
  const split = `${r.over_building_s} / ${r.over_ev_lag_s} / ${r.over_allocation_s}`
  return r.seconds_over === 0
    ? '0'
    : `${split} · ${fmt(r.worst_excess_a, 1)} A (${fmt(r.worst_excess_pct, 0)} %)`
}

/** Per scenario and controller: seconds over any rating by cause, the worst excess, setpoint traffic. */
export function safetyTable(all: readonly ScenarioRuns[]): string {
  return table(
    [
      'scenario',
      'ours: s over (building / EV lag / allocation) · worst',
      'equal share',
      'uncontrolled',
      'setpoints per session-hour: ours / equal',
    ],
    all.map((s) => {
      const [ours, equal, unc] = ALGORITHMS.map((a) => rowOf(s, a))
      return [
        s.scenario.name,
        overCell(ours),
        overCell(equal),
        overCell(unc),
        `${fmt(ours?.setpoints_per_session_hour, 1)} / ${fmt(equal?.setpoints_per_session_hour, 1)}`,
      ]
    }),
  )
}

/** What each run cost: CPU seconds, and for ours per simulated day. */
export function costTable(all: readonly ScenarioRuns[]): string {
  return table(
    [
      'scenario',
      'simulated h',
      'spaces',
      'LP solve s',
      'ours CPU s',
      'ours CPU s per simulated day',
      'equal / uncontr. CPU s',
    ],
    all.map((s) => {
      const [ours, equal, unc] = ALGORITHMS.map((a) => rowOf(s, a))
      const days = s.scenario.durationS / 86_400
      const cpu = (r: BenchRow | undefined) => (r ? Number(r.cpu_ms) / 1000 : undefined)
      return [
        s.scenario.name,
        fmt(s.scenario.durationS / 3600, 0),
        fmt(s.scenario.chargers.length, 0),
        fmt(s.optimumMs / 1000, 1),
        fmt(cpu(ours), 1),
        fmt((cpu(ours) ?? 0) / days, 1),
        ticksCell(ours, s.scenario.durationS),
        `${fmt(cpu(equal), 1)} / ${fmt(cpu(unc), 1)}`,
      ]
    }),
  )
}

/** Our loop's ticks per simulated second, and how many of them were early re-plans. */
function ticksCell(r: BenchRow | undefined, durationS: number): string {
  if (typeof r?.ticks_scheduled !== 'number' || typeof r.ticks_replan !== 'number') return '—'
  return `${fmt((r.ticks_scheduled + r.ticks_replan) / durationS, 2)} (${fmt(r.ticks_replan / durationS, 2)})`
}

/** Pass/miss lines for the issue's closed-loop targets. */
export function closedLoopTargets(all: readonly ScenarioRuns[]): string[] {
  const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS')
  const realistic = all.filter((s) => s.scenario.kind === 'realistic')
  const pairs = realistic.map((s) => ({ s, ours: rowOf(s, 'ours'), equal: rowOf(s, 'equal share') }))
  const low = pairs.filter((p) => (p.ours?.energy_delivered_pct ?? 0) < REALISTIC_TARGET_PCT)
  const behind = pairs.filter(
    (p) =>
      (p.ours?.energy_delivered_pct ?? 0) < (p.equal?.energy_delivered_pct ?? 0) ||
      Number(p.ours?.cars_short ?? 0) > Number(p.equal?.cars_short ?? 0),
  )
  const faulty = all.filter((s) => Number(rowOf(s, 'ours')?.over_allocation_s ?? 0) > 0)
  const names = (xs: readonly { s: ScenarioRuns }[] | readonly ScenarioRuns[]) =>
    xs.map((x) => ('s' in x ? x.s : x).scenario.name).join(', ')
  return [
    `${mark(low.length === 0)} ours ≥ ${REALISTIC_TARGET_PCT} % of the optimum in every realistic scenario${low.length ? ` (below in ${names(low)})` : ''}`,
    `${mark(behind.length === 0)} ours ≥ equal share on energy and on cars left short in every realistic scenario${behind.length ? ` (behind in ${names(behind)})` : ''}`,
    `${mark(faulty.length === 0)} ours: 0 s over a rating attributable to allocation or carried loads${faulty.length ? ` (over in ${names(faulty)})` : ''}`,
  ]
}
